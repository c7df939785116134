#include "kiosk/documents/contact.h"

#include <cctype>
#include <cstring>

#include "kiosk/core/i18n.h"

namespace kiosk::documents {

Result<std::string> NormalisePhoneNumber(std::string_view text) {
  std::string digits;
  bool plus = false;
  for (char c : text) {
    if (std::isdigit(static_cast<unsigned char>(c))) {
      digits.push_back(c);
    } else if (c == '+' && digits.empty() && !plus) {
      plus = true;
    } else if (c != ' ' && c != '.' && c != '-' && c != '(' && c != ')') {
      return Fail(Error::InvalidArgument(N_("A phone number has digits only.")));
    }
  }
  std::string national;  // without the leading 0
  if (plus) {
    if (digits.rfind("84", 0) != 0) {
      return Fail(Error::InvalidArgument(N_("Only Vietnamese (+84) mobile numbers are accepted.")));
    }
    national = digits.substr(2);
    if (!national.empty() && national[0] == '0') national.erase(0, 1);  // "+84 0912…"
  } else if (digits.size() == 11 && digits.rfind("84", 0) == 0) {
    national = digits.substr(2);
  } else if (!digits.empty() && digits[0] == '0') {
    national = digits.substr(1);
  } else {
    return Fail(Error::InvalidArgument(N_("A mobile number starts with 0 or +84.")));
  }
  if (national.size() == 10 && national[0] == '1') {
    return Fail(Error::InvalidArgument(
        N_("11-digit numbers starting 01 were renumbered in 2018: ask for the new number.")));
  }
  if (national.size() != 9) {
    return Fail(Error::InvalidArgument(N_("A mobile number has 10 digits, starting with 0.")));
  }
  if (std::strchr("35789", national[0]) == nullptr) {
    return Fail(Error::InvalidArgument(
        N_("This is not a mobile number: mobile numbers start with 03, 05, 07, 08 or 09.")));
  }
  return "+84" + national;
}

namespace {

bool IsAtext(char c) {
  return std::isalnum(static_cast<unsigned char>(c)) ||
         (c != '\0' && std::strchr("!#$%&'*+-/=?^_`{|}~", c) != nullptr);
}

}  // namespace

Result<std::string> ValidateEmail(std::string_view text) {
  while (!text.empty() && text.front() == ' ') text.remove_prefix(1);
  while (!text.empty() && text.back() == ' ') text.remove_suffix(1);
  const Error bad = Error::InvalidArgument(N_("The email address is not valid (name@domain.vn)."));
  const size_t at = text.rfind('@');
  if (at == std::string_view::npos || text.size() > 254) return Fail(bad);
  const std::string_view local = text.substr(0, at);
  const std::string_view domain = text.substr(at + 1);
  if (local.empty() || local.size() > 64 || local.front() == '.' || local.back() == '.' ||
      local.find("..") != std::string_view::npos) {
    return Fail(bad);
  }
  for (char c : local) {
    if (c != '.' && !IsAtext(c)) return Fail(bad);
  }
  std::string lower_domain;
  size_t label_start = 0;
  int labels = 0;
  for (size_t i = 0; i <= domain.size(); ++i) {
    if (i == domain.size() || domain[i] == '.') {
      const std::string_view label = domain.substr(label_start, i - label_start);
      if (label.empty() || label.size() > 63 || label.front() == '-' || label.back() == '-') {
        return Fail(bad);
      }
      ++labels;
      if (i == domain.size()) {
        if (label.size() < 2) return Fail(bad);
        for (char c : label) {
          if (!std::isalpha(static_cast<unsigned char>(c))) return Fail(bad);
        }
      }
      label_start = i + 1;
      if (i < domain.size()) lower_domain.push_back('.');
      continue;
    }
    const char c = domain[i];
    if (!std::isalnum(static_cast<unsigned char>(c)) && c != '-') return Fail(bad);
    lower_domain.push_back(static_cast<char>(std::tolower(static_cast<unsigned char>(c))));
  }
  if (labels < 2) return Fail(bad);
  return std::string(local) + "@" + lower_domain;
}

}  // namespace kiosk::documents
