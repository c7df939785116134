#pragma once
#include <optional>
#include <string_view>

namespace kiosk::auth {

// The station's roles (DESIGN.md "Who uses it").
enum class Role {
  kOfficer,        // cán bộ thu nhận: enrolls citizens, seals records
  kSupervisor,     // cán bộ duyệt: approves or rejects records, signs batches
  kTechnician,     // kỹ thuật viên: devices, settings, registration; never citizen data
  kAdministrator,  // manages operator accounts
};

std::string_view ToString(Role role);  // "officer", "supervisor", …
std::optional<Role> RoleFromString(std::string_view name);
// The role's name for people, as an English msgid (translate with i18n::tr).
std::string_view DisplayName(Role role);

}  // namespace kiosk::auth
