#include "kiosk/enrollment/access_key.h"

#include <algorithm>

#include "kiosk/core/i18n.h"
#include "kiosk/identity/cccd_id.h"

namespace kiosk::enrollment {

using identity::IdentitySource;

Result<void> ValidateCccdCan(std::string_view can) {
  const bool digits = std::all_of(can.begin(), can.end(), [](char c) { return c >= '0' && c <= '9'; });
  if (can.size() != 6 || !digits) {
    return Fail(Error(ErrorCode::kInvalidArgument,
                      N_("The card access number (CAN) is the 6 digits printed on the card."),
                      "CAN must be 6 digits"));
  }
  return {};
}

Result<ChipAccessKey> ChooseAccessKey(const Enrollment& enrollment, std::string_view can) {
  if (!can.empty()) {
    if (auto valid = ValidateCccdCan(can); !valid) return Fail(valid.error());
    ChipAccessKey key;
    key.can = std::string(can);
    return key;
  }
  const auto& sources = enrollment.identity.sources;
  auto find = [&sources](IdentitySource source) -> const identity::IdentityFields* {
    auto it = sources.find(source);
    return it == sources.end() ? nullptr : &it->second;
  };
  const identity::IdentityFields* typed = find(IdentitySource::kTyped);
  const identity::IdentityFields* qr = find(IdentitySource::kQr);
  const identity::IdentityFields* holder = nullptr;
  for (const auto* source : {typed, qr}) {
    if (holder == nullptr && source != nullptr && !source->id_number.empty() && source->date_of_birth) {
      holder = source;
    }
  }
  if (holder == nullptr) {
    return Fail(Error::InvalidArgument(
        N_("Identify the card first: the ID number, date of birth and expiry date open the chip.")));
  }
  ChipAccessKey key;
  if (typed != nullptr && typed->expiry) {
    key.expiry = typed->expiry;
  } else if (qr != nullptr && qr->date_of_birth && qr->issue_date) {
    key.expiry = identity::CccdExpiry(*qr->date_of_birth, *qr->issue_date);
    key.expiry_derived = key.expiry.has_value();
  }
  if (!key.expiry) {
    return Fail(Error::InvalidArgument(
        N_("Type the expiry date printed on the card: it opens the chip with the ID number and "
           "date of birth.")));
  }
  auto mrz = emrtd::MrzAccessKey::FromCccdId(holder->id_number, holder->date_of_birth->ToIso(),
                                             key.expiry->ToIso());
  if (!mrz) return Fail(mrz.error());
  key.mrz = std::move(*mrz);
  return key;
}

Error ExplainRefusedKey(const Error& error, const ChipAccessKey& key) {
  if (error.code() != ErrorCode::kWrongAccessKey || !key.expiry_derived || !key.expiry) return error;
  return Error(ErrorCode::kWrongAccessKey,
               N_("The chip refused the key made with the expiry date worked out from the QR code "
                  "({0}). Type the expiry date printed on the card, or the card access number "
                  "(CAN)."),
               error.detail(), Error::Retry::kNo)
      .WithArg(key.expiry->ToSlashed());
}

}  // namespace kiosk::enrollment
