#include "kiosk/emrtd/lds/mrz.h"

#include <array>
#include <cctype>

namespace kiosk::emrtd {
namespace {

constexpr const char* kBadMrz = "The machine readable zone (MRZ) is not valid.";
constexpr const char* kBadAccessKey =
    "The access key must be the document number, date of birth and date of expiry "
    "(DOCNO:YYMMDD:YYMMDD).";

Error BadMrz(std::string detail) { return Error::Parse(kBadMrz, std::move(detail)); }

std::string TrimFillers(std::string_view field) {
  size_t end = field.size();
  while (end > 0 && field[end - 1] == '<') --end;
  return std::string(field.substr(0, end));
}

std::string FillersToSpaces(std::string_view field) {
  std::string text;
  for (char c : field) text.push_back(c == '<' ? ' ' : c);
  while (!text.empty() && text.back() == ' ') text.pop_back();
  size_t start = 0;
  while (start < text.size() && text[start] == ' ') ++start;
  return text.substr(start);
}

bool AllFillers(std::string_view field) {
  for (char c : field) {
    if (c != '<') return false;
  }
  return true;
}

// Verifies `digit` as the check digit of `field`; a filler digit is accepted for an all-filler
// optional field (ICAO 9303 part 4 allows '<' there).
Result<void> Check(std::string_view field, char digit, std::string_view name,
                   bool filler_allowed = false) {
  if (filler_allowed && digit == '<' && AllFillers(field)) return {};
  const char expected = MrzCheckDigitChar(field);
  if (expected == '\0') return Fail(BadMrz(std::string(name) + ": invalid character"));
  if (digit != expected) return Fail(BadMrz(std::string(name) + ": wrong check digit"));
  return {};
}

void SplitName(std::string_view field, MrzData& mrz) {
  const size_t separator = field.find("<<");
  if (separator == std::string_view::npos) {
    mrz.primary_identifier = FillersToSpaces(field);
    return;
  }
  mrz.primary_identifier = FillersToSpaces(field.substr(0, separator));
  mrz.secondary_identifier = FillersToSpaces(field.substr(separator + 2));
}

Result<MrzData> ParseTd1(const std::array<std::string, 3>& l) {
  MrzData mrz;
  mrz.format = MrzFormat::kTd1;
  mrz.lines = {l[0], l[1], l[2]};
  mrz.document_code = l[0].substr(0, 2);
  mrz.issuing_state = l[0].substr(2, 3);
  const std::string_view optional1 = std::string_view(l[0]).substr(15, 15);
  if (l[0][14] == '<' && !AllFillers(optional1)) {
    // Long document number: the rest and its check digit continue in the optional field.
    const std::string rest = TrimFillers(optional1);
    if (rest.empty()) return Fail(BadMrz("document number: missing check digit"));
    const std::string number = l[0].substr(5, 9) + rest.substr(0, rest.size() - 1);
    if (auto ok = Check(number, rest.back(), "document number"); !ok) return Fail(ok.error());
    mrz.document_number = number;
  } else {
    if (auto ok = Check(std::string_view(l[0]).substr(5, 9), l[0][14], "document number"); !ok) {
      return Fail(ok.error());
    }
    mrz.document_number = TrimFillers(std::string_view(l[0]).substr(5, 9));
    mrz.optional_data1 = TrimFillers(optional1);
  }
  const std::string_view line2 = l[1];
  if (auto ok = Check(line2.substr(0, 6), line2[6], "date of birth"); !ok) return Fail(ok.error());
  if (auto ok = Check(line2.substr(8, 6), line2[14], "date of expiry"); !ok) {
    return Fail(ok.error());
  }
  const std::string composite = l[0].substr(5, 25) + l[1].substr(0, 7) + l[1].substr(8, 7) +
                                l[1].substr(18, 11);
  if (auto ok = Check(composite, line2[29], "composite"); !ok) return Fail(ok.error());
  mrz.date_of_birth = l[1].substr(0, 6);
  mrz.sex = l[1][7];
  mrz.date_of_expiry = l[1].substr(8, 6);
  mrz.nationality = l[1].substr(15, 3);
  mrz.optional_data2 = TrimFillers(line2.substr(18, 11));
  SplitName(l[2], mrz);
  return mrz;
}

Result<MrzData> ParseTd3(const std::string& l1, const std::string& l2) {
  MrzData mrz;
  mrz.format = MrzFormat::kTd3;
  mrz.lines = {l1, l2};
  mrz.document_code = l1.substr(0, 2);
  mrz.issuing_state = l1.substr(2, 3);
  SplitName(std::string_view(l1).substr(5), mrz);
  const std::string_view line2 = l2;
  if (auto ok = Check(line2.substr(0, 9), line2[9], "document number"); !ok) {
    return Fail(ok.error());
  }
  if (auto ok = Check(line2.substr(13, 6), line2[19], "date of birth"); !ok) {
    return Fail(ok.error());
  }
  if (auto ok = Check(line2.substr(21, 6), line2[27], "date of expiry"); !ok) {
    return Fail(ok.error());
  }
  if (auto ok = Check(line2.substr(28, 14), line2[42], "personal number", true); !ok) {
    return Fail(ok.error());
  }
  const std::string composite = l2.substr(0, 10) + l2.substr(13, 7) + l2.substr(21, 22);
  if (auto ok = Check(composite, line2[43], "composite"); !ok) return Fail(ok.error());
  mrz.document_number = TrimFillers(line2.substr(0, 9));
  mrz.nationality = l2.substr(10, 3);
  mrz.date_of_birth = l2.substr(13, 6);
  mrz.sex = l2[20];
  mrz.date_of_expiry = l2.substr(21, 6);
  mrz.optional_data1 = TrimFillers(line2.substr(28, 14));
  return mrz;
}

bool AllDigits(std::string_view text) {
  if (text.empty()) return false;
  for (char c : text) {
    if (c < '0' || c > '9') return false;
  }
  return true;
}

}  // namespace

bool IsMrzChar(char c) { return (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '<'; }

int MrzCheckDigit(std::string_view field) {
  static constexpr int kWeights[3] = {7, 3, 1};
  int sum = 0;
  for (size_t i = 0; i < field.size(); ++i) {
    const char c = field[i];
    int value;
    if (c >= '0' && c <= '9') {
      value = c - '0';
    } else if (c >= 'A' && c <= 'Z') {
      value = c - 'A' + 10;
    } else if (c == '<') {
      value = 0;
    } else {
      return -1;
    }
    sum = (sum + value * kWeights[i % 3]) % 10;
  }
  return sum;
}

char MrzCheckDigitChar(std::string_view field) {
  const int digit = MrzCheckDigit(field);
  return digit < 0 ? '\0' : static_cast<char>('0' + digit);
}

Result<MrzData> ParseMrz(std::string_view text) {
  std::vector<std::string> lines;
  std::string current;
  for (char c : text) {
    if (c == '\r') continue;
    if (c == '\n') {
      if (!current.empty()) lines.push_back(std::move(current));
      current.clear();
      continue;
    }
    if (!IsMrzChar(c)) return Fail(BadMrz("character outside the MRZ alphabet"));
    current.push_back(c);
  }
  if (!current.empty()) lines.push_back(std::move(current));

  if (lines.size() == 1) {
    const std::string joined = lines[0];
    if (joined.size() == 90) {
      lines = {joined.substr(0, 30), joined.substr(30, 30), joined.substr(60, 30)};
    } else if (joined.size() == 88) {
      lines = {joined.substr(0, 44), joined.substr(44, 44)};
    }
  }
  if (lines.size() == 3 && lines[0].size() == 30 && lines[1].size() == 30 &&
      lines[2].size() == 30) {
    return ParseTd1({lines[0], lines[1], lines[2]});
  }
  if (lines.size() == 2 && lines[0].size() == 44 && lines[1].size() == 44) {
    return ParseTd3(lines[0], lines[1]);
  }
  return Fail(BadMrz("neither TD1 (3 x 30) nor TD3 (2 x 44)"));
}

std::string MrzAccessKey::ToString() const {
  return document_number + ":" + date_of_birth + ":" + date_of_expiry;
}

Result<MrzAccessKey> MrzAccessKey::Parse(std::string_view text) {
  const size_t first = text.find(':');
  const size_t second = first == std::string_view::npos ? first : text.find(':', first + 1);
  if (second == std::string_view::npos || text.find(':', second + 1) != std::string_view::npos) {
    return Fail(Error::InvalidArgument(kBadAccessKey, "expected two ':' separators"));
  }
  MrzAccessKey key;
  for (char c : text.substr(0, first)) {
    key.document_number.push_back(static_cast<char>(std::toupper(static_cast<unsigned char>(c))));
  }
  key.date_of_birth = std::string(text.substr(first + 1, second - first - 1));
  key.date_of_expiry = std::string(text.substr(second + 1));
  if (key.document_number.empty() || key.document_number.size() > 22) {
    return Fail(Error::InvalidArgument(kBadAccessKey, "document number length"));
  }
  for (char c : key.document_number) {
    if (!IsMrzChar(c)) return Fail(Error::InvalidArgument(kBadAccessKey, "document number"));
  }
  // An expiry of "<<<<<<" is how the MRZ writes a card without expiry ("Không thời hạn").
  const bool no_expiry = key.date_of_expiry == "<<<<<<";
  if (key.date_of_birth.size() != 6 || !AllDigits(key.date_of_birth) ||
      (!no_expiry && (key.date_of_expiry.size() != 6 || !AllDigits(key.date_of_expiry)))) {
    return Fail(Error::InvalidArgument(kBadAccessKey, "dates must be YYMMDD"));
  }
  return key;
}

Result<MrzAccessKey> MrzAccessKey::FromCccdId(std::string_view id12,
                                              std::string_view date_of_birth,
                                              std::string_view date_of_expiry) {
  if (auto ok = ValidateCccdId(id12); !ok) return Fail(ok.error());
  auto dob = ToYymmdd(date_of_birth);
  if (!dob) return Fail(dob.error());
  auto expiry = ToYymmdd(date_of_expiry);
  if (!expiry) return Fail(expiry.error());
  return MrzAccessKey{std::string(id12.substr(3)), *dob, *expiry};
}

MrzAccessKey MrzAccessKey::FromMrz(const MrzData& mrz) {
  return MrzAccessKey{mrz.document_number, mrz.date_of_birth, mrz.date_of_expiry};
}

SecretString MrzAccessKey::KeySeedInput() const {
  std::string number = document_number;
  while (number.size() < 9) number.push_back('<');
  std::string text = number;
  text.push_back(MrzCheckDigitChar(number));
  text += date_of_birth;
  text.push_back(MrzCheckDigitChar(date_of_birth));
  text += date_of_expiry;
  text.push_back(MrzCheckDigitChar(date_of_expiry));
  SecretString secret(text);
  SecureWipe(text.data(), text.size());
  SecureWipe(number.data(), number.size());
  return secret;
}

Result<std::string> ToYymmdd(std::string_view date) {
  const auto bad = [] {
    return Fail(Error::InvalidArgument("The date is not valid; use YYYY-MM-DD.", "date format"));
  };
  std::string yyyy, mm, dd;
  if (date.size() == 6 && AllDigits(date)) return std::string(date);
  if (date.size() == 10 && date[4] == '-' && date[7] == '-') {
    yyyy = date.substr(0, 4);
    mm = date.substr(5, 2);
    dd = date.substr(8, 2);
  } else if (date.size() == 10 && date[2] == '/' && date[5] == '/') {
    dd = date.substr(0, 2);
    mm = date.substr(3, 2);
    yyyy = date.substr(6, 4);
  } else if (date.size() == 8 && AllDigits(date)) {
    dd = date.substr(0, 2);
    mm = date.substr(2, 2);
    yyyy = date.substr(4, 4);
  } else {
    return bad();
  }
  if (!AllDigits(yyyy) || !AllDigits(mm) || !AllDigits(dd)) return bad();
  const int month = std::stoi(mm);
  const int day = std::stoi(dd);
  if (month < 1 || month > 12 || day < 1 || day > 31) return bad();
  return yyyy.substr(2) + mm + dd;
}

Result<void> ValidateCccdId(std::string_view id12, int birth_year, char gender) {
  if (id12.size() != 12 || !AllDigits(id12)) {
    return Fail(Error::InvalidArgument("The ID number must have 12 digits.", "id length/digits"));
  }
  if (birth_year == 0) return {};
  const int code = id12[3] - '0';
  const int century = birth_year / 100;  // 19 → codes 0/1, 20 → 2/3, 21 → 4/5, …
  const int expected_pair = (century - 19) * 2;
  const int two_digits = (id12[4] - '0') * 10 + (id12[5] - '0');
  if (expected_pair < 0 || code / 2 * 2 != expected_pair || two_digits != birth_year % 100) {
    return Fail(Error::InvalidArgument("The ID number does not match the date of birth.",
                                       "century/year digits"));
  }
  if (gender == 'M' && code % 2 != 0) {
    return Fail(Error::InvalidArgument("The ID number does not match the gender.", "gender digit"));
  }
  if (gender == 'F' && code % 2 != 1) {
    return Fail(Error::InvalidArgument("The ID number does not match the gender.", "gender digit"));
  }
  return {};
}

}  // namespace kiosk::emrtd
