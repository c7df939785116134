#include "kiosk/auth/permissions.h"

namespace kiosk::auth {

std::string_view ToString(Action action) {
  switch (action) {
    case Action::kEnroll: return "enroll";
    case Action::kReadCitizenData: return "read_citizen_data";
    case Action::kListRecords: return "list_records";
    case Action::kApproveRecords: return "approve_records";
    case Action::kManageOperators: return "manage_operators";
    case Action::kVerifyStore: return "verify_store";
    case Action::kBackupStore: return "backup_store";
    case Action::kReadAudit: return "read_audit";
    case Action::kPurge: return "purge";
    case Action::kChangeSettings: return "change_settings";
    case Action::kSync: return "sync";
  }
  return "unknown";
}

bool Allows(Role role, Action action) {
  switch (action) {
    case Action::kEnroll:
    case Action::kReadCitizenData:
      return role == Role::kOfficer || role == Role::kSupervisor;
    case Action::kListRecords:
      return true;
    case Action::kApproveRecords:
      return role == Role::kSupervisor;
    case Action::kManageOperators:
      return role == Role::kAdministrator;
    case Action::kVerifyStore:
    case Action::kBackupStore:
      return role != Role::kOfficer;
    case Action::kReadAudit:
      return role == Role::kSupervisor || role == Role::kAdministrator;
    case Action::kPurge:
    case Action::kChangeSettings:
    case Action::kSync:
      return role == Role::kTechnician || role == Role::kAdministrator;
  }
  return false;
}

Result<void> Require(const Session& session, Action action) {
  if (session.username.empty()) {
    return Fail(Error(ErrorCode::kUnauthenticated, "Sign in first."));
  }
  if (session.must_change_password) {
    return Fail(Error(ErrorCode::kPolicyViolation,
                      "Change your password before doing anything else."));
  }
  if (!Allows(session.role, action)) {
    return Fail(Error(ErrorCode::kPermissionDenied, "Your role ({0}) may not do this.",
                      std::string(ToString(action)))
                    .WithArg(std::string(ToString(session.role))));
  }
  return {};
}

}  // namespace kiosk::auth
