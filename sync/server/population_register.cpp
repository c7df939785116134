#include "sync/server/population_register.h"

#include <nlohmann/json.hpp>

#include "kiosk/core/i18n.h"
#include "sync/packet/openssl_util.h"

namespace kiosk::sync::server {

namespace {

// Names are compared after trimming and collapsing runs of spaces: an officer's extra space is
// not a mismatch, a different letter or diacritic is.
std::string NormaliseName(std::string_view name) {
  std::string out;
  bool space = false;
  for (char c : name) {
    if (c == ' ' || c == '\t') {
      space = !out.empty();
      continue;
    }
    if (space) out.push_back(' ');
    space = false;
    out.push_back(c);
  }
  return out;
}

}  // namespace

Result<PopulationRegister> PopulationRegister::Load(const std::filesystem::path& file) {
  auto text = ReadTextFile(file);
  if (!text) return Fail(text.error());
  return Parse(*text);
}

Result<PopulationRegister> PopulationRegister::Parse(std::string_view json_text) {
  nlohmann::json json = nlohmann::json::parse(json_text, nullptr, false);
  if (json.is_discarded() || !json.is_object() || !json.contains("citizens") ||
      !json["citizens"].is_array()) {
    return Fail(Error::Parse(N_("The population register file is malformed.")));
  }
  PopulationRegister reg;
  reg.loaded_ = true;
  for (const auto& entry : json["citizens"]) {
    if (!entry.is_object() || !entry.contains("id_number") || !entry["id_number"].is_string()) {
      return Fail(Error::Parse(N_("The population register file is malformed.")));
    }
    reg.citizens_[entry["id_number"].get<std::string>()] =
        Citizen{NormaliseName(entry.value("full_name", "")), entry.value("date_of_birth", "")};
  }
  return reg;
}

RegisterDecision PopulationRegister::Decide(const std::map<std::string, std::string>& fields) const {
  auto field = [&fields](const char* name) {
    auto it = fields.find(name);
    return it == fields.end() ? std::string() : it->second;
  };
  std::string id = field("id_number");
  std::string name = NormaliseName(field("full_name"));
  std::string dob = field("date_of_birth");
  if (id.empty() || name.empty() || dob.empty()) {
    return {false, N_("The record is incomplete: ID number, name or date of birth is missing.")};
  }
  if (!loaded_) return {true, {}};
  auto it = citizens_.find(id);
  if (it == citizens_.end()) return {false, N_("The ID number is not in the population register.")};
  if (it->second.full_name != name) return {false, N_("The name does not match the population register.")};
  if (it->second.date_of_birth != dob) {
    return {false, N_("The date of birth does not match the population register.")};
  }
  return {true, {}};
}

}  // namespace kiosk::sync::server
