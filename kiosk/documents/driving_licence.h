#pragma once
// GPLX (giấy phép lái xe = driving licence): a 12-digit number, one or more classes, issue and
// expiry dates (A1-type classes have no expiry). Two class systems are valid side by side:
// the 2012 classes (A1 A2 A3 A4 B1 B2 C D E FB2 FC FD FE) and those of the 2024 road traffic law
// (A1 A B1 B C1 C D1 D2 D BE C1E CE D1E D2E DE), in force from 2025.

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "kiosk/core/result.h"
#include "kiosk/identity/date.h"

namespace kiosk::documents {

Result<std::string> ValidateGplxNumber(std::string_view text);

bool IsKnownLicenceClass(std::string_view licence_class);
// "B2, C" or "A1 B2" or "A1/B2" → {"A1", "B2"}; unknown or repeated classes are refused.
Result<std::vector<std::string>> ParseLicenceClasses(std::string_view text);

struct DrivingLicence {
  std::string number;
  std::vector<std::string> classes;
  identity::CivilDate issue_date;
  std::optional<identity::CivilDate> expiry;  // none for classes without a term
};

// Checks the number, the classes, the dates and issue ≤ expiry.
Result<DrivingLicence> ValidateDrivingLicence(std::string_view number, std::string_view classes,
                                              std::string_view issue_date,
                                              std::string_view expiry);

// The "validate gplx" form: "NUMBER" or "NUMBER;CLASSES;ISSUE;EXPIRY" (expiry may be empty).
Result<DrivingLicence> ValidateDrivingLicenceLine(std::string_view line);

}  // namespace kiosk::documents
