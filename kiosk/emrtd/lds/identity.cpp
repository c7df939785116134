#include "kiosk/emrtd/lds/identity.h"

#include <chrono>

namespace kiosk::emrtd {
namespace {

bool IsDigits(std::string_view text) {
  if (text.empty()) return false;
  for (char c : text) {
    if (c < '0' || c > '9') return false;
  }
  return true;
}

std::string Iso(int year, std::string_view mmdd) {
  return std::to_string(year) + "-" + std::string(mmdd.substr(0, 2)) + "-" +
         std::string(mmdd.substr(2, 2));
}

int CurrentYear() {
  const auto now = std::chrono::system_clock::now();
  const std::chrono::year_month_day ymd{std::chrono::floor<std::chrono::days>(now)};
  return static_cast<int>(ymd.year());
}

// "Nam" / "Nữ" (DG13) or 'M' / 'F' (MRZ) → "M" / "F".
std::string GenderCode(std::string_view text) {
  if (text == "Nam" || text == "NAM" || text == "M") return "M";
  if (text == "Nữ" || text == "NỮ" || text == "F") return "F";
  return {};
}

std::string DateOrEmpty(std::string_view text) {
  if (auto iso = Dg13DateToIso(text)) return *iso;
  return {};
}

}  // namespace

std::string MrzBirthDateToIso(std::string_view yymmdd, int current_year) {
  if (yymmdd.size() != 6 || !IsDigits(yymmdd)) return {};
  const int yy = (yymmdd[0] - '0') * 10 + (yymmdd[1] - '0');
  int year = current_year / 100 * 100 + yy;
  if (year > current_year) year -= 100;
  return Iso(year, yymmdd.substr(2));
}

std::string MrzExpiryDateToIso(std::string_view yymmdd, int current_year) {
  if (yymmdd.size() != 6 || !IsDigits(yymmdd)) return {};
  const int yy = (yymmdd[0] - '0') * 10 + (yymmdd[1] - '0');
  int year = current_year / 100 * 100 + yy;
  if (year < current_year - 50) year += 100;
  if (year > current_year + 50) year -= 100;
  return Iso(year, yymmdd.substr(2));
}

ChipIdentity MergeIdentity(const Dg13* dg13, const MrzData* mrz) {
  ChipIdentity id;
  if (dg13 != nullptr) {
    id.id_number = dg13->Text(kDg13IdNumber);
    id.full_name = dg13->Text(kDg13FullName);
    id.date_of_birth = DateOrEmpty(dg13->Text(kDg13DateOfBirth));
    id.gender = GenderCode(dg13->Text(kDg13Gender));
    id.nationality = dg13->Text(kDg13Nationality);
    id.ethnicity = dg13->Text(kDg13Ethnicity);
    id.religion = dg13->Text(kDg13Religion);
    id.hometown = dg13->Text(kDg13Hometown);
    id.permanent_address = dg13->Text(kDg13PermanentAddress);
    id.identifying_marks = dg13->Text(kDg13IdentifyingMarks);
    id.issue_date = DateOrEmpty(dg13->Text(kDg13IssueDate));
    const std::string expiry = dg13->Text(kDg13ExpiryDate);
    id.expiry_date = DateOrEmpty(expiry);
    if (id.expiry_date.empty()) id.expiry_text = expiry;
    id.father_name = dg13->Item(kDg13Parents, 0);
    id.mother_name = dg13->Item(kDg13Parents, 1);
    id.spouse_name = dg13->Item(kDg13Spouse, 0);
    // Sources disagree on whether 15 or 16 holds the old CMND number (the other being an
    // unexplained hex value): take the one that looks like an ID (9 or 12 digits).
    for (int number : {kDg13OldIdNumber, kDg13Unknown16}) {
      const std::string text = dg13->Text(number);
      if ((text.size() == 9 || text.size() == 12) && IsDigits(text)) {
        id.old_id_number = text;
        break;
      }
    }
    for (const Dg13Field& field : dg13->fields) {
      if (field.number < kDg13IdNumber || field.number > kDg13OldIdNumber) {
        id.other_fields.emplace_back(field.number, field.values);
      }
    }
  }
  if (mrz != nullptr) {
    const int year = CurrentYear();
    id.mrz_lines = mrz->lines;
    if (id.id_number.empty()) {
      // CCCD: the full 12-digit ID is in the TD1 optional field; else the document number.
      // (some cards follow it with fillers and a digit, so look at the first 12 characters).
      const std::string head = mrz->optional_data1.substr(0, 12);
      id.id_number = head.size() == 12 && IsDigits(head) ? head : mrz->document_number;
    }
    if (id.full_name.empty()) {
      id.full_name = mrz->primary_identifier;
      if (!mrz->secondary_identifier.empty()) id.full_name += " " + mrz->secondary_identifier;
    }
    if (id.date_of_birth.empty()) id.date_of_birth = MrzBirthDateToIso(mrz->date_of_birth, year);
    if (id.gender.empty()) id.gender = GenderCode(std::string(1, mrz->sex));
    if (id.nationality.empty()) id.nationality = mrz->nationality;
    if (id.expiry_date.empty() && id.expiry_text.empty()) {
      id.expiry_date = MrzExpiryDateToIso(mrz->date_of_expiry, year);
    }
  }
  return id;
}

nlohmann::json ToJson(const ChipIdentity& id) {
  nlohmann::json json = {
      {"id_number", id.id_number},
      {"full_name", id.full_name},
      {"date_of_birth", id.date_of_birth},
      {"gender", id.gender},
      {"nationality", id.nationality},
      {"ethnicity", id.ethnicity},
      {"religion", id.religion},
      {"hometown", id.hometown},
      {"permanent_address", id.permanent_address},
      {"identifying_marks", id.identifying_marks},
      {"issue_date", id.issue_date},
      {"expiry_date", id.expiry_date},
      {"father_name", id.father_name},
      {"mother_name", id.mother_name},
      {"spouse_name", id.spouse_name},
      {"old_id_number", id.old_id_number},
      {"mrz", id.mrz_lines},
  };
  if (!id.expiry_text.empty()) json["expiry_text"] = id.expiry_text;
  if (!id.other_fields.empty()) {
    nlohmann::json other = nlohmann::json::object();
    for (const auto& [number, values] : id.other_fields) other[std::to_string(number)] = values;
    json["other_fields"] = other;
  }
  return json;
}

}  // namespace kiosk::emrtd
