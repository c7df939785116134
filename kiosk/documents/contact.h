#pragma once
// Contact details: one Vietnamese mobile number per account (stored E.164), an optional email.

#include <string>
#include <string_view>

#include "kiosk/core/result.h"

namespace kiosk::documents {

// Accepts "0912 345 678", "091.234.5678", "+84 912345678", "84912345678"; mobile prefixes
// 03, 05, 07, 08, 09 only. Returns "+84912345678".
Result<std::string> NormalisePhoneNumber(std::string_view text);

// A pragmatic subset of RFC 5322 addr-spec: dot-atom local part (≤ 64), a domain of at least two
// LDH labels with an alphabetic TLD, ≤ 254 in all; no quoted strings, comments or IP literals.
// Returns the address with the domain in lower case.
Result<std::string> ValidateEmail(std::string_view text);

}  // namespace kiosk::documents
