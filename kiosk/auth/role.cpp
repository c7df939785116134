#include "kiosk/auth/role.h"

#include "kiosk/core/i18n.h"

namespace kiosk::auth {

std::string_view ToString(Role role) {
  switch (role) {
    case Role::kOfficer: return "officer";
    case Role::kSupervisor: return "supervisor";
    case Role::kTechnician: return "technician";
    case Role::kAdministrator: return "administrator";
  }
  return "officer";
}

std::optional<Role> RoleFromString(std::string_view name) {
  for (Role r : {Role::kOfficer, Role::kSupervisor, Role::kTechnician, Role::kAdministrator}) {
    if (ToString(r) == name) return r;
  }
  return std::nullopt;
}

std::string_view DisplayName(Role role) {
  switch (role) {
    case Role::kOfficer: return N_("Officer");
    case Role::kSupervisor: return N_("Supervisor");
    case Role::kTechnician: return N_("Technician");
    case Role::kAdministrator: return N_("Administrator");
  }
  return N_("Officer");
}

}  // namespace kiosk::auth
