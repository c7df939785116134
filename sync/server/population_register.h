#pragma once
// The reference server's stand-in for the national population register (CSDLQG về dân cư): a
// JSON file of synthetic citizens against which each packet's identity is checked, so the
// status flow received → processing → approved | not accepted (reason) is real end to end.
//
//   {"citizens": [{"id_number": "001099012345", "full_name": "Nguyễn Thị Mẫu",
//                  "date_of_birth": "1990-02-03"}]}
//
// Thread safety: const methods may be called from any thread.

#include <filesystem>
#include <map>
#include <string>

#include "kiosk/core/result.h"

namespace kiosk::sync::server {

struct RegisterDecision {
  bool approved = false;
  std::string reason;  // English reason key when not approved (translated on the station)
};

class PopulationRegister {
 public:
  // Without a file every complete record is approved.
  PopulationRegister() = default;
  static Result<PopulationRegister> Load(const std::filesystem::path& file);
  static Result<PopulationRegister> Parse(std::string_view json_text);

  // Checks the packet's fields id_number, full_name and date_of_birth.
  RegisterDecision Decide(const std::map<std::string, std::string>& fields) const;
  size_t size() const { return citizens_.size(); }

 private:
  struct Citizen {
    std::string full_name;
    std::string date_of_birth;
  };
  bool loaded_ = false;
  std::map<std::string, Citizen> citizens_;  // by id_number
};

}  // namespace kiosk::sync::server
