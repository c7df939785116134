#include "drivers/sim/lds/citizen.h"

#include <fstream>
#include <map>

#include "kiosk/emrtd/lds/mrz.h"

namespace kiosk::sim {
namespace {

constexpr const char* kBadCitizen = "The synthetic citizen file is not valid.";

bool IsIsoDate(std::string_view text) {
  if (text.size() != 10 || text[4] != '-' || text[7] != '-') return false;
  for (size_t i : {0, 1, 2, 3, 5, 6, 8, 9}) {
    if (text[i] < '0' || text[i] > '9') return false;
  }
  return true;
}

// Decodes one UTF-8 code point at text[*pos]; U+FFFD on a bad sequence.
char32_t NextCodePoint(std::string_view text, size_t* pos) {
  const auto byte = [&](size_t i) { return static_cast<unsigned char>(text[i]); };
  const unsigned char lead = byte(*pos);
  size_t extra = lead < 0x80 ? 0 : (lead >> 5) == 0x6 ? 1 : (lead >> 4) == 0xE ? 2
                                 : (lead >> 3) == 0x1E ? 3 : 99;
  if (extra == 99 || *pos + extra >= text.size() + (extra == 0 ? 1 : 0)) {
    ++*pos;
    return 0xFFFD;
  }
  char32_t cp = extra == 0 ? lead : lead & (0x3F >> extra);
  for (size_t i = 1; i <= extra; ++i) {
    if (*pos + i >= text.size() || (byte(*pos + i) & 0xC0) != 0x80) {
      ++*pos;
      return 0xFFFD;
    }
    cp = (cp << 6) | (byte(*pos + i) & 0x3F);
  }
  *pos += extra + 1;
  return cp;
}

const std::map<char32_t, char>& VietnameseLetters() {
  static const std::map<char32_t, char> table = [] {
    const std::pair<const char*, char> groups[] = {
        {"àáảãạăằắẳẵặâầấẩẫậ", 'A'}, {"ÀÁẢÃẠĂẰẮẲẴẶÂẦẤẨẪẬ", 'A'}, {"èéẻẽẹêềếểễệ", 'E'},
        {"ÈÉẺẼẸÊỀẾỂỄỆ", 'E'},       {"ìíỉĩị", 'I'},             {"ÌÍỈĨỊ", 'I'},
        {"òóỏõọôồốổỗộơờớởỡợ", 'O'}, {"ÒÓỎÕỌÔỒỐỔỖỘƠỜỚỞỠỢ", 'O'}, {"ùúủũụưừứửữự", 'U'},
        {"ÙÚỦŨỤƯỪỨỬỮỰ", 'U'},       {"ỳýỷỹỵ", 'Y'},             {"ỲÝỶỸỴ", 'Y'},
        {"đĐ", 'D'}};
    std::map<char32_t, char> map;
    for (const auto& [letters, base] : groups) {
      const std::string_view text(letters);
      size_t pos = 0;
      while (pos < text.size()) map[NextCodePoint(text, &pos)] = base;
    }
    return map;
  }();
  return table;
}

std::string Get(const nlohmann::json& json, const char* key) {
  auto it = json.find(key);
  if (it == json.end() || !it->is_string()) return {};
  return it->get<std::string>();
}

}  // namespace

Citizen DefaultCitizen() {
  Citizen c;
  c.id_number = "001095012345";
  c.full_name = "NGUYỄN VĂN MẪU";
  c.date_of_birth = "1995-03-14";
  c.gender = "M";
  c.hometown = "Xã Thử Nghiệm, Huyện Mẫu, Hà Nội";
  c.permanent_address = "Số 1 Phố Ví Dụ, Phường Mẫu, Quận Thử Nghiệm, Hà Nội";
  c.identifying_marks = "Nốt ruồi C:2cm trên mép phải";
  c.issue_date = "2021-04-10";
  c.expiry_date = "2035-03-14";
  c.father = "NGUYỄN VĂN THỬ";
  c.mother = "TRẦN THỊ MẪU";
  c.old_id = "012345678";
  return c;
}

Result<Citizen> CitizenFromJson(const nlohmann::json& json) {
  if (!json.is_object()) return Fail(Error::Parse(kBadCitizen, "not a JSON object"));
  Citizen c;
  c.id_number = Get(json, "id_number");
  c.full_name = Get(json, "full_name");
  c.date_of_birth = Get(json, "date_of_birth");
  c.gender = Get(json, "gender");
  if (json.contains("nationality")) c.nationality = Get(json, "nationality");
  if (json.contains("ethnicity")) c.ethnicity = Get(json, "ethnicity");
  if (json.contains("religion")) c.religion = Get(json, "religion");
  c.hometown = Get(json, "hometown");
  c.permanent_address = Get(json, "permanent_address");
  c.identifying_marks = Get(json, "identifying_marks");
  c.issue_date = Get(json, "issue_date");
  c.expiry_date = Get(json, "expiry_date");
  if (c.expiry_date == "none") c.expiry_date.clear();
  c.father = Get(json, "father");
  c.mother = Get(json, "mother");
  c.spouse = Get(json, "spouse");
  c.old_id = Get(json, "old_id");
  c.face_image = Get(json, "face_image");
  if (auto ok = ValidateCitizen(c); !ok) return Fail(ok.error());
  return c;
}

Result<Citizen> LoadCitizen(const std::filesystem::path& file) {
  std::ifstream in(file);
  if (!in) return Fail(Error::NotFound(kBadCitizen, "cannot open " + file.filename().string()));
  const nlohmann::json json = nlohmann::json::parse(in, nullptr, false);
  if (json.is_discarded()) return Fail(Error::Parse(kBadCitizen, "invalid JSON"));
  auto citizen = CitizenFromJson(json);
  if (citizen && !citizen->face_image.empty() && citizen->face_image.is_relative()) {
    citizen->face_image = file.parent_path() / citizen->face_image;
  }
  return citizen;
}

nlohmann::json ToJson(const Citizen& c) {
  nlohmann::json json = {{"id_number", c.id_number},
                         {"full_name", c.full_name},
                         {"date_of_birth", c.date_of_birth},
                         {"gender", c.gender},
                         {"nationality", c.nationality},
                         {"ethnicity", c.ethnicity},
                         {"religion", c.religion},
                         {"hometown", c.hometown},
                         {"permanent_address", c.permanent_address},
                         {"identifying_marks", c.identifying_marks},
                         {"issue_date", c.issue_date},
                         {"expiry_date", c.expiry_date.empty() ? "none" : c.expiry_date},
                         {"father", c.father},
                         {"mother", c.mother},
                         {"old_id", c.old_id}};
  if (!c.spouse.empty()) json["spouse"] = c.spouse;
  if (!c.face_image.empty()) json["face_image"] = c.face_image.string();
  return json;
}

Result<void> ValidateCitizen(const Citizen& c) {
  if (c.full_name.empty()) return Fail(Error::InvalidArgument(kBadCitizen, "full_name missing"));
  if (!IsIsoDate(c.date_of_birth)) {
    return Fail(Error::InvalidArgument(kBadCitizen, "date_of_birth must be YYYY-MM-DD"));
  }
  if (!c.expiry_date.empty() && !IsIsoDate(c.expiry_date)) {
    return Fail(Error::InvalidArgument(kBadCitizen, "expiry_date must be YYYY-MM-DD or none"));
  }
  if (!c.issue_date.empty() && !IsIsoDate(c.issue_date)) {
    return Fail(Error::InvalidArgument(kBadCitizen, "issue_date must be YYYY-MM-DD"));
  }
  if (c.gender != "M" && c.gender != "F") {
    return Fail(Error::InvalidArgument(kBadCitizen, "gender must be M or F"));
  }
  const int year = std::stoi(c.date_of_birth.substr(0, 4));
  if (auto ok = emrtd::ValidateCccdId(c.id_number, year, c.gender[0]); !ok) {
    return Fail(Error::InvalidArgument(kBadCitizen, "id_number: " + ok.error().message_key()));
  }
  return {};
}

std::string ToMrzText(std::string_view utf8) {
  std::string out;
  size_t pos = 0;
  while (pos < utf8.size()) {
    const char32_t cp = NextCodePoint(utf8, &pos);
    if (cp < 0x80) {
      const char c = static_cast<char>(cp);
      if (c >= 'a' && c <= 'z') {
        out.push_back(static_cast<char>(c - 'a' + 'A'));
      } else if ((c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')) {
        out.push_back(c);
      } else {
        out.push_back(' ');
      }
      continue;
    }
    auto it = VietnameseLetters().find(cp);
    out.push_back(it != VietnameseLetters().end() ? it->second : ' ');
  }
  return out;
}

}  // namespace kiosk::sim
