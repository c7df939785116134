#pragma once
// Operator accounts kept in the store, and the Authenticator the sign-in screen and kiosk-cli use.
//
// - One message for a wrong user name or a wrong password (an unknown name costs the same hash).
// - After policy.lockout_failures consecutive failures the account is locked for
//   policy.lockout_minutes (kLocked, with the minutes left); an administrator may also lock an
//   account until unlocked.
// - New accounts and reset passwords must be changed at the first sign-in
//   (Session::must_change_password; every other operation is refused until then).
// - The first run has no operator: BootstrapAdministrator creates the only one allowed without
//   credentials.
// Every sign-in, failure and change is audited (user names only, never passwords).
//
// Thread safety: as the Store it borrows (one thread at a time).

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "kiosk/auth/authenticator.h"
#include "kiosk/auth/password.h"
#include "kiosk/auth/permissions.h"
#include "kiosk/core/config.h"
#include "kiosk/store/store.h"

namespace kiosk::auth {

struct OperatorInfo {
  std::string username;
  std::string display_name;
  Role role = Role::kOfficer;
  bool must_change_password = false;
  bool disabled = false;           // locked by an administrator
  int64_t locked_until = 0;        // unix seconds; lockout after failures
  int failed_attempts = 0;
  int64_t created_at = 0;
};

struct NewOperator {
  std::string username;      // 3–32 of a-z 0-9 . _ -
  std::string display_name;
  Role role = Role::kOfficer;
};

class OperatorDirectory final : public Authenticator {
 public:
  OperatorDirectory(store::Store& store, Config::Policy policy,
                    PasswordHashCost cost = PasswordHashCost{});

  Result<Session> SignIn(std::string_view username, const SecretString& password) override;
  Result<void> ChangePassword(std::string_view username, const SecretString& current,
                              const SecretString& next);

  Result<bool> NeedsBootstrap();
  // Creates the first administrator (refused with kAlreadyExists once any operator exists).
  Result<void> BootstrapAdministrator(const NewOperator& admin, const SecretString& password);

  // Administrator only.
  Result<void> AddOperator(const Session& admin, const NewOperator& op,
                           const SecretString& initial_password);
  Result<std::vector<OperatorInfo>> ListOperators(const Session& admin);
  Result<void> LockOperator(const Session& admin, std::string_view username);
  Result<void> UnlockOperator(const Session& admin, std::string_view username);
  Result<void> ResetPassword(const Session& admin, std::string_view username,
                             const SecretString& temporary_password);

 private:
  Result<std::optional<OperatorInfo>> Find(std::string_view username, std::string* hash);
  Result<void> CheckCredentials(std::string_view username, const SecretString& password,
                                std::string_view audit_action, OperatorInfo* found);
  Result<void> CreateOperator(const NewOperator& op, const SecretString& password,
                              bool must_change);
  store::Store& store_;
  Config::Policy policy_;
  PasswordHashCost cost_;
  std::string dummy_hash_;  // hashed for unknown user names, so they cost the same time
};

// Require() plus a check in the store that the session's operator still exists, is not locked
// and still has that role (a session outlives neither a lock nor a role change).
Result<void> Authorize(store::Store& store, const Session& session, Action action);

// The operator's name as recorded in the audit log.
std::string AuditActor(const Session& session);

}  // namespace kiosk::auth
