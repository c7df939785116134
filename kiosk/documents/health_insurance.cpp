#include "kiosk/documents/health_insurance.h"

#include <cctype>
#include <regex>

#include "kiosk/core/i18n.h"
#include "kiosk/identity/unicode.h"

namespace kiosk::documents {

namespace {

std::optional<std::string> DecodeHex(std::string_view hex) {
  if (hex.size() % 2 != 0) return std::nullopt;
  auto nibble = [](char c) -> int {
    if (c >= '0' && c <= '9') return c - '0';
    if (c >= 'a' && c <= 'f') return c - 'a' + 10;
    if (c >= 'A' && c <= 'F') return c - 'A' + 10;
    return -1;
  };
  std::string out;
  out.reserve(hex.size() / 2);
  for (size_t i = 0; i < hex.size(); i += 2) {
    const int hi = nibble(hex[i]);
    const int lo = nibble(hex[i + 1]);
    if (hi < 0 || lo < 0) return std::nullopt;
    out.push_back(static_cast<char>(hi * 16 + lo));
  }
  return out;
}

Result<std::string> DecodeHexText(const std::string& field) {
  auto bytes = DecodeHex(field);
  if (!bytes) {
    return Fail(Error::Parse(N_("The health insurance QR code has a damaged text field. Scan it "
                                "again or type the data.")));
  }
  auto nfc = identity::ToNfc(*bytes);
  if (!nfc) {
    return Fail(Error::Parse(N_("The health insurance QR code's text is not valid UTF-8.")));
  }
  return identity::CollapseSpaces(*nfc);
}

Result<std::optional<identity::CivilDate>> OptionalDate(const std::string& field) {
  if (field.empty()) return std::optional<identity::CivilDate>();
  auto date = identity::ParseDate(field);
  if (!date) {
    return Fail(Error::Parse(N_("A date in the health insurance QR code is not a real date.")));
  }
  return std::optional<identity::CivilDate>(*date);
}

}  // namespace

Result<BhytCode> ValidateBhytCode(std::string_view text) {
  std::string code;
  for (char c : text) {
    if (c == ' ' || c == '-' || c == '.') continue;
    code.push_back(static_cast<char>(std::toupper(static_cast<unsigned char>(c))));
  }
  if (code.size() != 15) {
    return Fail(Error::InvalidArgument(
                    N_("A health insurance card code has 15 characters, not {0}."))
                    .WithArg(std::to_string(code.size())));
  }
  static const std::regex kPattern(R"([A-Z]{2}[1-5][0-9]{12})");
  if (!std::regex_match(code, kPattern)) {
    if (!std::isalpha(static_cast<unsigned char>(code[0])) ||
        !std::isalpha(static_cast<unsigned char>(code[1]))) {
      return Fail(Error::InvalidArgument(
          N_("A health insurance card code starts with two letters (the beneficiary group).")));
    }
    if (code[2] < '1' || code[2] > '5') {
      return Fail(Error::InvalidArgument(
          N_("The third character of a health insurance card code is the benefit level, 1 to 5.")));
    }
    return Fail(Error::InvalidArgument(
        N_("A health insurance card code ends with 12 digits (province and BHXH number).")));
  }
  return BhytCode{code, code.substr(0, 2), code[2] - '0', code.substr(3, 2), code.substr(5)};
}

Result<BhytQrData> ParseBhytQr(std::string_view payload) {
  while (!payload.empty() && (payload.back() == '\r' || payload.back() == '\n')) {
    payload.remove_suffix(1);
  }
  if (payload.empty()) return Fail(Error::Parse(N_("The QR code is empty. Scan it again.")));
  if (!identity::IsValidUtf8(payload)) {
    return Fail(Error::Parse(N_("The health insurance QR code's text is not valid UTF-8.")));
  }
  std::vector<std::string> fields = identity::SplitFields(payload, '|');
  static const std::regex kCccdId(R"(\d{12})");
  if (std::regex_match(fields[0], kCccdId)) {
    return Fail(Error::Parse(N_("This is the QR code of an ID card (CCCD). Scan the QR on the "
                                "health insurance card.")));
  }
  auto code = ValidateBhytCode(fields[0]);
  if (!code || fields[0].size() > 20) {
    return Fail(Error::Parse(N_("This QR code is not from a health insurance card (BHYT). Scan "
                                "the card's QR, or type its code.")));
  }
  if (!fields.empty() && fields.back() == "$") fields.pop_back();
  if (fields.size() < 4) {
    return Fail(Error::Parse(N_("The health insurance QR code has {0} fields; at least 4 are "
                                "needed. Scan it again or type the data."))
                    .WithArg(std::to_string(fields.size())));
  }
  BhytQrData data;
  data.code = *code;
  auto name = DecodeHexText(fields[1]);
  if (!name) return Fail(std::move(name).error());
  if (name->empty()) {
    return Fail(Error::Parse(N_("The health insurance QR code has no name.")));
  }
  data.full_name = *name;
  auto dob = identity::ParseDate(fields[2]);
  if (!dob) {
    return Fail(Error::Parse(N_("The date of birth in the health insurance QR code is not a real "
                                "date.")));
  }
  data.date_of_birth = *dob;
  data.gender = identity::ParseGender(fields[3]);
  if (!data.gender && !fields[3].empty()) {
    return Fail(Error::Parse(N_("The sex in the health insurance QR code is not understood.")));
  }
  if (fields.size() > 4) {
    auto address = DecodeHexText(fields[4]);
    if (!address) return Fail(std::move(address).error());
    data.address = *address;
  }
  if (fields.size() > 5) data.clinic_code = fields[5];
  if (fields.size() > 6) {
    auto from = OptionalDate(fields[6]);
    if (!from) return Fail(std::move(from).error());
    data.valid_from = *from;
  }
  if (fields.size() > 7) {
    auto to = OptionalDate(fields[7]);
    if (!to) return Fail(std::move(to).error());
    data.valid_to = *to;
  }
  if (data.valid_from && data.valid_to && *data.valid_to < *data.valid_from) {
    return Fail(Error::Parse(N_("The health insurance card's validity ends before it starts.")));
  }
  if (fields.size() > 8) data.extra_fields.assign(fields.begin() + 8, fields.end());
  return data;
}

}  // namespace kiosk::documents
