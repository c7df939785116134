#include "kiosk/identity/cccd_qr.h"

#include <regex>

#include "kiosk/core/i18n.h"
#include "kiosk/identity/unicode.h"

namespace kiosk::identity {

namespace {

Error NotACccdQr(std::string detail) {
  return Error::Parse(N_("This QR code is not from a CCCD card. Scan the QR on the ID card, or "
                         "type the ID number."),
                      std::move(detail));
}

// Recognises other codes an officer may scan by mistake, to say so instead of "malformed".
std::optional<Error> OtherDocumentKind(std::string_view text, const std::vector<std::string>& fields) {
  static const std::regex kUrl(R"(^[A-Za-z][A-Za-z0-9+.\-]*://.*)");
  static const std::regex kBhytCode(R"(^[A-Z]{2}[1-5][0-9]{12}$)");
  if (std::regex_match(std::string(text.substr(0, 64)), kUrl)) return NotACccdQr("url");
  if (!fields.empty() && std::regex_match(fields[0], kBhytCode)) {
    return Error::Parse(N_("This is the QR code of a health insurance card (BHYT). Scan the QR on "
                           "the ID card."),
                        "bhyt");
  }
  if (fields.size() == 1) return NotACccdQr("no separators");
  return std::nullopt;
}

Result<CivilDate> ParseQrDate(const std::string& field, const char* which) {
  static const std::regex kCompact(R"(\d{8})");
  if (!std::regex_match(field, kCompact)) {
    return Fail(Error::Parse(N_("The {0} in the QR code is not a DDMMYYYY date. Type it by hand."))
                    .WithArg(which));
  }
  auto date = ParseDate(field);
  if (!date) {
    return Fail(Error::Parse(N_("The {0} in the QR code is not a real date. Type it by hand."))
                    .WithArg(which));
  }
  return date;
}

}  // namespace

Result<CccdQrData> ParseCccdQr(std::string_view payload) {
  // Keyboard-wedge scanners append CR/LF; some readers prepend a BOM.
  while (!payload.empty() && (payload.back() == '\r' || payload.back() == '\n')) {
    payload.remove_suffix(1);
  }
  if (payload.substr(0, 3) == "\xEF\xBB\xBF") payload.remove_prefix(3);
  if (payload.empty()) return Fail(Error::Parse(N_("The QR code is empty. Scan it again.")));

  auto nfc = ToNfc(payload);
  if (!nfc) {
    return Fail(Error::Parse(N_("The QR code's text is not valid UTF-8. Scan it again or type the "
                                "data by hand.")));
  }
  const std::vector<std::string> fields = SplitFields(*nfc, '|');
  if (auto other = OtherDocumentKind(*nfc, fields)) return Fail(std::move(*other));
  if (fields.size() < 7) {
    return Fail(Error::Parse(N_("The QR code has {0} fields; a CCCD QR has at least 7. Scan it "
                                "again or type the data by hand."))
                    .WithArg(std::to_string(fields.size())));
  }

  CccdQrData data;
  auto id = ValidateCccdId(fields[0]);
  if (!id) {
    if (fields[0].find_first_not_of("0123456789") != std::string::npos || fields[0].size() != 12) {
      return Fail(NotACccdQr("first field is not a 12-digit ID"));
    }
    return Fail(std::move(id).error());
  }
  data.id = *id;

  data.old_cmnd = fields[1];
  static const std::regex kOldCmnd(R"((\d{9}|\d{12})?)");
  if (!std::regex_match(data.old_cmnd, kOldCmnd)) {
    return Fail(Error::Parse(N_("The old ID (CMND) number in the QR code is malformed.")));
  }

  data.full_name = CollapseSpaces(fields[2]);
  if (data.full_name.empty()) {
    return Fail(Error::Parse(N_("The QR code has no name. Type the data by hand.")));
  }
  // Keyboard-wedge scanners that cannot type Unicode send '?' (or U+FFFD) for ễ, ư, đ, …
  if (data.full_name.find('?') != std::string::npos ||
      data.full_name.find("\xEF\xBF\xBD") != std::string::npos) {
    return Fail(Error::Parse(N_("The name came through with unreadable letters (?). Set the QR "
                                "scanner to Unicode (UTF-8) output, or scan with the camera.")));
  }

  auto dob = ParseQrDate(fields[3], N_("date of birth"));
  if (!dob) return Fail(std::move(dob).error());
  data.date_of_birth = *dob;

  auto gender = ParseGender(fields[4]);
  if (!gender) {
    return Fail(Error::Parse(N_("The gender in the QR code is neither Nam nor Nữ.")));
  }
  data.gender = *gender;

  data.address = CollapseSpaces(fields[5]);
  auto issued = ParseQrDate(fields[6], N_("issue date"));
  if (!issued) return Fail(std::move(issued).error());
  data.issue_date = *issued;
  if (data.issue_date < data.date_of_birth) {
    return Fail(Error::Parse(N_("The QR code's issue date is before the date of birth.")));
  }

  auto checked = ValidateCccdId(data.id.digits, {data.date_of_birth, data.gender});
  if (!checked) return Fail(std::move(checked).error());

  data.extra_fields.assign(fields.begin() + 7, fields.end());
  return data;
}

}  // namespace kiosk::identity
