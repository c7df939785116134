#pragma once
// What the chip says about the citizen: DG13 (Vietnamese personal data) merged with DG1 (MRZ).
// DG13 wins for the Vietnamese text (diacritics); DG1 fills what DG13 lacks.

#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "kiosk/emrtd/lds/dg13.h"
#include "kiosk/emrtd/lds/mrz.h"

namespace kiosk::emrtd {

struct ChipIdentity {
  std::string id_number;          // 12 digits
  std::string full_name;          // "NGUYỄN VĂN AN" (DG13) or "NGUYEN VAN AN" (MRZ)
  std::string date_of_birth;      // YYYY-MM-DD
  std::string gender;             // "M" / "F" / ""
  std::string nationality;        // DG13 text ("Việt Nam") or MRZ code ("VNM")
  std::string ethnicity;
  std::string religion;
  std::string hometown;
  std::string permanent_address;
  std::string identifying_marks;
  std::string issue_date;         // YYYY-MM-DD
  std::string expiry_date;        // YYYY-MM-DD, or empty with expiry_text "Không thời hạn"
  std::string expiry_text;        // as written on the card when not a date
  std::string father_name;
  std::string mother_name;
  std::string spouse_name;
  std::string old_id_number;
  std::vector<std::string> mrz_lines;
  std::vector<std::pair<int, std::vector<std::string>>> other_fields;  // unknown DG13 fields
};

// Either input may be absent (a card whose DG13 could not be read still has DG1).
ChipIdentity MergeIdentity(const Dg13* dg13, const MrzData* mrz);

// MRZ dates are YYMMDD: the century is chosen so a birth date is not in the future and an
// expiry date is within 50 years.
std::string MrzBirthDateToIso(std::string_view yymmdd, int current_year);
std::string MrzExpiryDateToIso(std::string_view yymmdd, int current_year);

nlohmann::json ToJson(const ChipIdentity& identity);

}  // namespace kiosk::emrtd
