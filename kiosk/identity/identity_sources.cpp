#include "kiosk/identity/identity_sources.h"

#include "kiosk/core/i18n.h"
#include "kiosk/identity/unicode.h"

namespace kiosk::identity {

std::string_view ToString(IdentitySource source) {
  switch (source) {
    case IdentitySource::kQr: return "qr";
    case IdentitySource::kTyped: return "typed";
    case IdentitySource::kChip: return "chip";
  }
  return "";
}

std::optional<IdentitySource> ParseIdentitySource(std::string_view text) {
  if (text == "qr") return IdentitySource::kQr;
  if (text == "typed") return IdentitySource::kTyped;
  if (text == "chip") return IdentitySource::kChip;
  return std::nullopt;
}

IdentityFields IdentityFields::FromQr(const CccdQrData& qr) {
  return {qr.id.digits, qr.full_name, qr.date_of_birth, qr.gender, std::nullopt, qr.issue_date};
}

Result<IdentityFields> ValidateManualEntry(const ManualEntry& entry) {
  IdentityFields out;
  auto dob = ParseDate(entry.date_of_birth);
  if (!dob) {
    return Fail(Error::InvalidArgument(
        N_("The date of birth is not a real date written DDMMYYYY, dd/MM/yyyy or yyyy-MM-dd.")));
  }
  out.date_of_birth = *dob;
  if (!entry.gender.empty()) {
    auto nfc = ToNfc(entry.gender);
    auto gender = nfc ? ParseGender(*nfc) : std::nullopt;
    if (!gender) return Fail(Error::InvalidArgument(N_("Gender must be Nam or Nữ.")));
    out.gender = gender;
  }
  auto id = ValidateCccdId(entry.id_number, {out.date_of_birth, out.gender});
  if (!id) return Fail(std::move(id).error());
  out.id_number = id->digits;
  if (!entry.expiry.empty()) {
    auto expiry = ParseDate(entry.expiry);
    if (!expiry) {
      return Fail(Error::InvalidArgument(
          N_("The expiry date is not a real date written DDMMYYYY, dd/MM/yyyy or yyyy-MM-dd.")));
    }
    if (*expiry <= *dob) {
      return Fail(Error::InvalidArgument(N_("The expiry date must be after the date of birth.")));
    }
    out.expiry = *expiry;
  }
  if (!entry.full_name.empty()) {
    auto name = ToNfc(entry.full_name);
    if (!name) return Fail(std::move(name).error());
    out.full_name = CollapseSpaces(*name);
  }
  return out;
}

namespace {

std::string NameKey(const std::string& name) {
  auto nfc = ToNfc(name);
  return ToUpperVietnamese(CollapseSpaces(nfc ? *nfc : name));
}

template <class Get>
void Compare(const std::map<IdentitySource, IdentityFields>& sources, const char* field, Get get,
             std::vector<Mismatch>& out) {
  Mismatch mismatch{field, {}};
  std::optional<std::string> first_key;
  bool differ = false;
  for (const auto& [source, fields] : sources) {
    auto value = get(fields);  // optional<pair<display, comparison key>>
    if (!value) continue;
    mismatch.values[source] = value->first;
    if (!first_key) first_key = value->second;
    else if (*first_key != value->second) differ = true;
  }
  if (differ) out.push_back(std::move(mismatch));
}

using Shown = std::optional<std::pair<std::string, std::string>>;

}  // namespace

std::vector<Mismatch> FindMismatches(const std::map<IdentitySource, IdentityFields>& sources) {
  std::vector<Mismatch> out;
  Compare(sources, "id_number", [](const IdentityFields& f) -> Shown {
    if (f.id_number.empty()) return std::nullopt;
    return std::make_pair(f.id_number, f.id_number);
  }, out);
  Compare(sources, "full_name", [](const IdentityFields& f) -> Shown {
    if (f.full_name.empty()) return std::nullopt;
    return std::make_pair(f.full_name, NameKey(f.full_name));
  }, out);
  Compare(sources, "date_of_birth", [](const IdentityFields& f) -> Shown {
    if (!f.date_of_birth) return std::nullopt;
    return std::make_pair(f.date_of_birth->ToIso(), f.date_of_birth->ToIso());
  }, out);
  Compare(sources, "gender", [](const IdentityFields& f) -> Shown {
    if (!f.gender) return std::nullopt;
    return std::make_pair(std::string(ToString(*f.gender)), std::string(ToString(*f.gender)));
  }, out);
  Compare(sources, "expiry", [](const IdentityFields& f) -> Shown {
    if (!f.expiry) return std::nullopt;
    return std::make_pair(f.expiry->ToIso(), f.expiry->ToIso());
  }, out);
  return out;
}

}  // namespace kiosk::identity
