#pragma once
// A synthetic citizen for the CCCD chip emulator. Every person here is invented.
//
// JSON file format (UTF-8; dates YYYY-MM-DD; all keys optional except id_number, full_name,
// date_of_birth, gender, expiry_date):
//   {
//     "id_number": "001095012345",          12 digits; 4th digit = century/gender, 5th-6th = year
//     "full_name": "NGUYỄN VĂN MẪU",
//     "date_of_birth": "1995-03-14",
//     "gender": "M",                         "M" / "F"
//     "nationality": "Việt Nam",
//     "ethnicity": "Kinh",
//     "religion": "Không",
//     "hometown": "…",
//     "permanent_address": "…",
//     "identifying_marks": "…",
//     "issue_date": "2021-04-10",
//     "expiry_date": "2035-03-14",           or "none" for "Không thời hạn"
//     "father": "…", "mother": "…",
//     "spouse": "…",                          optional (DG13 field 14 absent when empty)
//     "old_id": "012345678",                  old 9-digit CMND, optional
//     "face_image": "face.jpg"                optional JPEG / JPEG 2000; relative to the file
//   }

#include <filesystem>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "kiosk/core/result.h"

namespace kiosk::sim {

struct Citizen {
  std::string id_number;
  std::string full_name;
  std::string date_of_birth;  // YYYY-MM-DD
  std::string gender;         // "M" / "F"
  std::string nationality = "Việt Nam";
  std::string ethnicity = "Kinh";
  std::string religion = "Không";
  std::string hometown;
  std::string permanent_address;
  std::string identifying_marks;
  std::string issue_date;   // YYYY-MM-DD
  std::string expiry_date;  // YYYY-MM-DD or empty for "Không thời hạn"
  std::string father;
  std::string mother;
  std::string spouse;
  std::string old_id;
  std::filesystem::path face_image;  // empty: a drawn synthetic face
};

// The built-in specimen: NGUYỄN VĂN MẪU ("mẫu" = specimen), ID 001095012345.
Citizen DefaultCitizen();

Result<Citizen> CitizenFromJson(const nlohmann::json& json);
Result<Citizen> LoadCitizen(const std::filesystem::path& file);
nlohmann::json ToJson(const Citizen& citizen);

// The ID's century/gender digit and year agree with the DOB and gender; dates are well formed.
Result<void> ValidateCitizen(const Citizen& citizen);

// "NGUYỄN VĂN MẪU" → "NGUYEN VAN MAU": Vietnamese diacritics removed, upper case, for the MRZ.
std::string ToMrzText(std::string_view utf8);

}  // namespace kiosk::sim
