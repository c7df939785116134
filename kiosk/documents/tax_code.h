#pragma once
// MST (mã số thuế) tax codes:
//  - organisations: 10 digits; digit 10 is a check digit over digits 1–9 with weights
//    31, 29, 23, 19, 17, 13, 7, 5, 3: check = 10 − (Σ mod 11); Σ mod 11 = 0 gives no valid digit.
//    Digits 3–9 (the serial) are never all zero.
//  - branches and dependent units: the parent's 10 digits + "-NNN" (001–999).
//  - individuals: since 2025 the 12-digit personal ID number is the tax code; it is accepted only
//    when it equals the ID of the citizen being enrolled.

#include <optional>
#include <string>
#include <string_view>

#include "kiosk/core/result.h"

namespace kiosk::documents {

enum class TaxCodeKind { kOrganisation, kBranch, kIndividualId };

struct TaxCode {
  std::string normalised;  // 10 digits, 10 digits + "-NNN", or the 12-digit ID
  TaxCodeKind kind = TaxCodeKind::kOrganisation;
  std::string parent;      // first 10 digits (kOrganisation, kBranch)
  std::string branch;      // "001" … (kBranch)
};

// The check digit for the first nine digits, or nullopt when no digit can be valid.
std::optional<int> TaxCodeCheckDigit(std::string_view nine_digits);

// Spaces and dots are ignored; the branch separator may be '-' or a space.
Result<TaxCode> ValidateTaxCode(std::string_view text,
                                std::optional<std::string_view> citizen_id = std::nullopt);

}  // namespace kiosk::documents
