#pragma once
// The papers a citizen can integrate at level 2, as field maps the officer confirms. Each type
// has required fields (without them the paper cannot be integrated) and optional ones; the key
// fields are checked by the type's validator and stored normalised.
//
//   gplx     number, classes, issue_date, [expiry], [full_name], [date_of_birth]
//   bhyt     code, full_name, date_of_birth, [valid_from], [valid_to], [clinic_code], [gender]
//   vehicle  plate, owner_name, [make], [chassis_number], [engine_number]
//   mst      tax_code, [full_name]
// Dates are stored ISO (yyyy-MM-dd).

#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "kiosk/core/result.h"

namespace kiosk::documents {

enum class PaperType { kDrivingLicence, kHealthInsurance, kVehicleRegistration, kTaxCode };

std::string_view ToString(PaperType type);  // "gplx", "bhyt", "vehicle", "mst"
std::optional<PaperType> ParsePaperType(std::string_view text);
std::string_view Title(PaperType type);     // English msgid for people

struct PaperFieldSpec {
  std::string_view name;
  std::string_view label;  // English msgid
  bool required;
};
const std::vector<PaperFieldSpec>& FieldSpecs(PaperType type);

using PaperFields = std::map<std::string, std::string>;

// One field: its normalised value (empty stays empty), or why it is invalid (the error's
// detail is the field name).
Result<std::string> ValidatePaperField(PaperType type, std::string_view name, std::string_view raw,
                                       std::optional<std::string_view> citizen_id = std::nullopt);

// Checks required fields are present and every known field is valid; returns the fields
// normalised (dates ISO, codes in their canonical form). Unknown field names are refused so a
// typo cannot slip into a sealed record. citizen_id lets a 12-digit MST match the holder's ID.
Result<PaperFields> ValidatePaperFields(PaperType type, const PaperFields& fields,
                                        std::optional<std::string_view> citizen_id = std::nullopt);

}  // namespace kiosk::documents
