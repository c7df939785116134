#include "kiosk/identity/cccd_id.h"

#include <algorithm>
#include <cctype>

#include "kiosk/core/i18n.h"
#include "kiosk/identity/province.h"

namespace kiosk::identity {

std::string_view ToString(Gender gender) { return gender == Gender::kMale ? "male" : "female"; }

std::optional<Gender> ParseGender(std::string_view text) {
  while (!text.empty() && text.front() == ' ') text.remove_prefix(1);
  while (!text.empty() && text.back() == ' ') text.remove_suffix(1);
  // Callers normalise to NFC first (the QR parser does), so "Nữ" is U+1EEF here.
  if (text == "Nam" || text == "NAM" || text == "nam" || text == "male" || text == "M" ||
      text == "1") {
    return Gender::kMale;
  }
  if (text == "N\u1eef" || text == "N\u1eee" || text == "Nu" || text == "NU" ||
      text == "female" || text == "F" || text == "2") {
    return Gender::kFemale;
  }
  return std::nullopt;
}

Result<CccdId> ValidateCccdId(std::string_view text, const CccdIdContext& context) {
  std::string digits;
  for (char c : text) {
    if (std::isdigit(static_cast<unsigned char>(c))) {
      digits.push_back(c);
    } else if (c != ' ' && c != '.' && c != '-' && c != '\t') {
      return Fail(Error::InvalidArgument(N_("The ID number may contain digits only.")));
    }
  }
  if (digits.size() != 12) {
    return Fail(Error::InvalidArgument(N_("The ID number must have 12 digits, not {0}."))
                    .WithArg(std::to_string(digits.size())));
  }
  CccdId id;
  id.digits = digits;
  id.province_code = std::stoi(digits.substr(0, 3));
  auto province = FindProvince(id.province_code);
  if (!province) {
    return Fail(Error::InvalidArgument(
                    N_("The ID number starts with {0}, which is not a province code."))
                    .WithArg(digits.substr(0, 3)));
  }
  id.province_name = std::string(province->name);
  const int century_digit = digits[3] - '0';
  id.gender = century_digit % 2 == 0 ? Gender::kMale : Gender::kFemale;
  // 0/1 → 1900s, 2/3 → 2000s, 4/5 → 2100s, 6/7 → 2200s, 8/9 → 1800s.
  id.birth_century = century_digit >= 8 ? 1800 : 1900 + 100 * (century_digit / 2);
  id.birth_year = id.birth_century + std::stoi(digits.substr(4, 2));

  if (context.date_of_birth && context.date_of_birth->year != id.birth_year) {
    return Fail(Error::InvalidArgument(
                    N_("The ID number encodes birth year {0}, but the date of birth says {1}."))
                    .WithArg(std::to_string(id.birth_year))
                    .WithArg(std::to_string(context.date_of_birth->year)));
  }
  if (context.gender && *context.gender != id.gender) {
    return Fail(Error::InvalidArgument(
        id.gender == Gender::kMale
            ? N_("The ID number's fourth digit is for a man, but the gender given is female.")
            : N_("The ID number's fourth digit is for a woman, but the gender given is male.")));
  }
  return id;
}

std::optional<CivilDate> CccdExpiry(const CivilDate& date_of_birth, const CivilDate& issue_date) {
  for (int age : {25, 40, 60}) {
    const CivilDate milestone = AddYears(date_of_birth, age);
    if (issue_date < AddYears(milestone, -2)) return milestone;
  }
  return std::nullopt;
}

int MrzCheckDigit(std::string_view field) {
  static constexpr int kWeights[] = {7, 3, 1};
  int sum = 0;
  for (size_t i = 0; i < field.size(); ++i) {
    const char c = field[i];
    int value = 0;
    if (c >= '0' && c <= '9') value = c - '0';
    else if (c >= 'A' && c <= 'Z') value = c - 'A' + 10;
    else value = 0;  // '<' and anything else count as zero
    sum += value * kWeights[i % 3];
  }
  return sum % 10;
}

std::string ChipAccessKey::MrzInformation() const {
  std::string out;
  auto append = [&out](const std::string& field) {
    out += field;
    out.push_back(static_cast<char>('0' + MrzCheckDigit(field)));
  };
  append(document_number);
  append(date_of_birth.ToYymmdd());
  append(expiry.ToYymmdd());
  return out;
}

ChipAccessKey DeriveChipAccessKey(const CccdId& id, const CivilDate& date_of_birth,
                                  const CivilDate& expiry) {
  return {id.DocumentNumber(), date_of_birth, expiry};
}

}  // namespace kiosk::identity
