#include "kiosk/auth/operator_directory.h"

#include <algorithm>

namespace kiosk::auth {
namespace {

Error WrongCredentials() {
  return Error(ErrorCode::kUnauthenticated, "Wrong user name or password.");
}

Error Locked(int64_t seconds_left) {
  int64_t minutes = std::max<int64_t>(1, (seconds_left + 59) / 60);
  return Error(ErrorCode::kLocked,
               "Too many failed sign-ins: the account is locked for {0} more minute(s).")
      .WithArg(std::to_string(minutes));
}

Error DisabledAccount() {
  return Error(ErrorCode::kLocked, "This account is locked. Ask an administrator to unlock it.");
}

bool ValidUsername(std::string_view name) {
  if (name.size() < 3 || name.size() > 32) return false;
  return std::all_of(name.begin(), name.end(), [](char c) {
    return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '.' || c == '_' || c == '-';
  });
}

}  // namespace

std::string AuditActor(const Session& session) { return session.username; }

OperatorDirectory::OperatorDirectory(store::Store& store, Config::Policy policy,
                                     PasswordHashCost cost)
    : store_(store), policy_(policy), cost_(cost) {}

Result<std::optional<OperatorInfo>> OperatorDirectory::Find(std::string_view username,
                                                            std::string* hash) {
  auto q = store_.db().Query(
      "SELECT username, display_name, role, must_change_password, disabled, locked_until, "
      "failed_attempts, created_at, password_hash FROM operators WHERE username = ?",
      username);
  if (!q) return Fail(q.error());
  auto row = q->Step();
  if (!row) return Fail(row.error());
  if (!*row) return std::optional<OperatorInfo>();
  OperatorInfo info{q->Text(0),     q->Text(1),     RoleFromString(q->Text(2)).value_or(Role::kOfficer),
                    q->Int(3) != 0, q->Int(4) != 0, q->Int(5),
                    static_cast<int>(q->Int(6)), q->Int(7)};
  if (hash != nullptr) *hash = q->Text(8);
  return std::optional<OperatorInfo>(std::move(info));
}

Result<void> OperatorDirectory::CheckCredentials(std::string_view username,
                                                 const SecretString& password,
                                                 std::string_view audit_action,
                                                 OperatorInfo* found) {
  auto& audit = store_.audit();
  const int64_t now = store::ToUnixSeconds(store_.clock().Now());
  std::string hash;
  auto op = Find(username, &hash);
  if (!op) return Fail(op.error());
  if (!op->has_value()) {
    if (dummy_hash_.empty()) {
      auto dummy = HashPassword(SecretString("unknown-user-placeholder"), cost_);
      if (dummy) dummy_hash_ = *dummy;
    }
    if (!dummy_hash_.empty()) (void)VerifyPassword(password, dummy_hash_);
    (void)audit.Append(username, audit_action, "", "denied", "unknown user");
    return Fail(WrongCredentials());
  }
  OperatorInfo& info = **op;
  if (info.disabled) {
    (void)audit.Append(info.username, audit_action, "", "denied", "account locked by administrator");
    return Fail(DisabledAccount());
  }
  if (info.locked_until > now) {
    (void)audit.Append(info.username, audit_action, "", "denied", "account locked after failures");
    return Fail(Locked(info.locked_until - now));
  }
  auto matches = VerifyPassword(password, hash);
  if (!matches) return Fail(matches.error());
  if (!*matches) {
    const int failures = info.failed_attempts + 1;
    const bool lock = policy_.lockout_failures > 0 && failures >= policy_.lockout_failures;
    auto tx = store::Transaction::Begin(store_.db());
    if (!tx) return Fail(tx.error());
    if (lock) {
      const int64_t until = now + int64_t{policy_.lockout_minutes} * 60;
      if (auto r = store_.db().Run("UPDATE operators SET failed_attempts = 0, locked_until = ? "
                                   "WHERE username = ?",
                                   until, info.username);
          !r) {
        return Fail(r.error());
      }
    } else if (auto r = store_.db().Run(
                   "UPDATE operators SET failed_attempts = ? WHERE username = ?", failures,
                   info.username);
               !r) {
      return Fail(r.error());
    }
    if (auto r = audit.Append(info.username, audit_action, "", "denied",
                              lock ? "wrong password; account locked" : "wrong password");
        !r) {
      return Fail(r.error());
    }
    if (auto r = tx->Commit(); !r) return Fail(r.error());
    if (lock) return Fail(Locked(int64_t{policy_.lockout_minutes} * 60));
    return Fail(WrongCredentials());
  }
  if (found != nullptr) *found = info;
  return {};
}

Result<Session> OperatorDirectory::SignIn(std::string_view username,
                                          const SecretString& password) {
  OperatorInfo info;
  if (auto r = CheckCredentials(username, password, "auth.sign_in", &info); !r) {
    return Fail(r.error());
  }
  auto tx = store::Transaction::Begin(store_.db());
  if (!tx) return Fail(tx.error());
  if (auto r = store_.db().Run(
          "UPDATE operators SET failed_attempts = 0, locked_until = 0 WHERE username = ?",
          info.username);
      !r) {
    return Fail(r.error());
  }
  if (auto r = store_.audit().Append(info.username, "auth.sign_in", "", "ok",
                                     info.must_change_password ? "must change password" : "");
      !r) {
    return Fail(r.error());
  }
  if (auto r = tx->Commit(); !r) return Fail(r.error());
  return Session{info.username, info.display_name, info.role, info.must_change_password};
}

Result<void> OperatorDirectory::ChangePassword(std::string_view username,
                                               const SecretString& current,
                                               const SecretString& next) {
  if (auto r = CheckPasswordPolicy(next); !r) return r;
  if (current.view() == next.view()) {
    return Fail(Error(ErrorCode::kPolicyViolation,
                      "The new password must differ from the current one."));
  }
  OperatorInfo info;
  if (auto r = CheckCredentials(username, current, "auth.change_password", &info); !r) return r;
  auto hash = HashPassword(next, cost_);
  if (!hash) return Fail(hash.error());
  auto tx = store::Transaction::Begin(store_.db());
  if (!tx) return Fail(tx.error());
  if (auto r = store_.db().Run(
          "UPDATE operators SET password_hash = ?, must_change_password = 0, "
          "failed_attempts = 0, password_changed_at = ? WHERE username = ?",
          *hash, store::ToUnixSeconds(store_.clock().Now()), info.username);
      !r) {
    return Fail(r.error());
  }
  if (auto r = store_.audit().Append(info.username, "auth.change_password", info.username, "ok");
      !r) {
    return Fail(r.error());
  }
  return tx->Commit();
}

Result<bool> OperatorDirectory::NeedsBootstrap() {
  auto count = store_.db().QueryInt("SELECT count(*) FROM operators", 0);
  if (!count) return Fail(count.error());
  return *count == 0;
}

Result<void> OperatorDirectory::CreateOperator(const NewOperator& op, const SecretString& password,
                                               bool must_change) {
  if (!ValidUsername(op.username)) {
    return Fail(Error::InvalidArgument(
        "A user name has 3 to 32 characters: lower-case letters, digits, '.', '_' or '-'."));
  }
  if (auto r = CheckPasswordPolicy(password); !r) return r;
  auto hash = HashPassword(password, cost_);
  if (!hash) return Fail(hash.error());
  const int64_t now = store::ToUnixSeconds(store_.clock().Now());
  auto r = store_.db().Run(
      "INSERT INTO operators (username, display_name, role, password_hash, must_change_password, "
      "created_at, password_changed_at) VALUES (?, ?, ?, ?, ?, ?, ?)",
      op.username, op.display_name.empty() ? op.username : op.display_name,
      ToString(op.role), *hash, must_change ? 1 : 0, now, now);
  if (!r && r.error().code() == ErrorCode::kConflict) {
    return Fail(Error(ErrorCode::kAlreadyExists, "An operator with this user name exists."));
  }
  return r;
}

Result<void> OperatorDirectory::BootstrapAdministrator(const NewOperator& admin,
                                                       const SecretString& password) {
  if (admin.role != Role::kAdministrator) {
    return Fail(Error::InvalidArgument("The first operator must be an administrator."));
  }
  auto tx = store::Transaction::Begin(store_.db());
  if (!tx) return Fail(tx.error());
  auto needs = NeedsBootstrap();
  if (!needs) return Fail(needs.error());
  if (!*needs) {
    return Fail(Error(ErrorCode::kAlreadyExists,
                      "The station already has operators: sign in as an administrator."));
  }
  // The administrator chose this password at the console: no forced change.
  if (auto r = CreateOperator(admin, password, /*must_change=*/false); !r) return r;
  if (auto r = store_.audit().Append(admin.username, "user.bootstrap", admin.username, "ok",
                                     "administrator");
      !r) {
    return Fail(r.error());
  }
  return tx->Commit();
}

Result<void> OperatorDirectory::AddOperator(const Session& admin, const NewOperator& op,
                                            const SecretString& initial_password) {
  if (auto r = Authorize(store_, admin, Action::kManageOperators); !r) return r;
  auto tx = store::Transaction::Begin(store_.db());
  if (!tx) return Fail(tx.error());
  if (auto r = CreateOperator(op, initial_password, /*must_change=*/true); !r) return r;
  if (auto r = store_.audit().Append(AuditActor(admin), "user.add", op.username, "ok",
                                     std::string(ToString(op.role)));
      !r) {
    return Fail(r.error());
  }
  return tx->Commit();
}

Result<std::vector<OperatorInfo>> OperatorDirectory::ListOperators(const Session& admin) {
  if (auto r = Authorize(store_, admin, Action::kManageOperators); !r) return Fail(r.error());
  auto q = store_.db().Query(
      "SELECT username, display_name, role, must_change_password, disabled, locked_until, "
      "failed_attempts, created_at FROM operators ORDER BY username");
  if (!q) return Fail(q.error());
  std::vector<OperatorInfo> list;
  for (;;) {
    auto row = q->Step();
    if (!row) return Fail(row.error());
    if (!*row) break;
    list.push_back(OperatorInfo{q->Text(0), q->Text(1),
                                RoleFromString(q->Text(2)).value_or(Role::kOfficer),
                                q->Int(3) != 0, q->Int(4) != 0, q->Int(5),
                                static_cast<int>(q->Int(6)), q->Int(7)});
  }
  return list;
}

Result<void> OperatorDirectory::LockOperator(const Session& admin, std::string_view username) {
  if (auto r = Authorize(store_, admin, Action::kManageOperators); !r) return r;
  if (username == admin.username) {
    return Fail(Error(ErrorCode::kPolicyViolation, "You cannot lock your own account."));
  }
  auto tx = store::Transaction::Begin(store_.db());
  if (!tx) return Fail(tx.error());
  if (auto r = store_.db().Run("UPDATE operators SET disabled = 1 WHERE username = ?", username);
      !r) {
    return r;
  }
  if (store_.db().Changes() == 0) return Fail(Error::NotFound("No such operator."));
  if (auto r = store_.audit().Append(AuditActor(admin), "user.lock", username, "ok"); !r) {
    return Fail(r.error());
  }
  return tx->Commit();
}

Result<void> OperatorDirectory::UnlockOperator(const Session& admin, std::string_view username) {
  if (auto r = Authorize(store_, admin, Action::kManageOperators); !r) return r;
  auto tx = store::Transaction::Begin(store_.db());
  if (!tx) return Fail(tx.error());
  if (auto r = store_.db().Run("UPDATE operators SET disabled = 0, failed_attempts = 0, "
                               "locked_until = 0 WHERE username = ?",
                               username);
      !r) {
    return r;
  }
  if (store_.db().Changes() == 0) return Fail(Error::NotFound("No such operator."));
  if (auto r = store_.audit().Append(AuditActor(admin), "user.unlock", username, "ok"); !r) {
    return Fail(r.error());
  }
  return tx->Commit();
}

Result<void> OperatorDirectory::ResetPassword(const Session& admin, std::string_view username,
                                              const SecretString& temporary_password) {
  if (auto r = Authorize(store_, admin, Action::kManageOperators); !r) return r;
  if (auto r = CheckPasswordPolicy(temporary_password); !r) return r;
  auto hash = HashPassword(temporary_password, cost_);
  if (!hash) return Fail(hash.error());
  auto tx = store::Transaction::Begin(store_.db());
  if (!tx) return Fail(tx.error());
  if (auto r = store_.db().Run(
          "UPDATE operators SET password_hash = ?, must_change_password = 1, failed_attempts = 0, "
          "locked_until = 0, password_changed_at = ? WHERE username = ?",
          *hash, store::ToUnixSeconds(store_.clock().Now()), username);
      !r) {
    return r;
  }
  if (store_.db().Changes() == 0) return Fail(Error::NotFound("No such operator."));
  if (auto r = store_.audit().Append(AuditActor(admin), "user.reset_password", username, "ok");
      !r) {
    return Fail(r.error());
  }
  return tx->Commit();
}

Result<void> Authorize(store::Store& store, const Session& session, Action action) {
  if (auto r = Require(session, action); !r) return r;
  auto q = store.db().Query(
      "SELECT role, disabled, must_change_password FROM operators WHERE username = ?",
      session.username);
  if (!q) return Fail(q.error());
  auto row = q->Step();
  if (!row) return Fail(row.error());
  if (!*row) return Fail(Error(ErrorCode::kUnauthenticated, "Sign in first."));
  if (q->Int(1) != 0) return Fail(DisabledAccount());
  if (q->Int(2) != 0) {
    return Fail(Error(ErrorCode::kPolicyViolation,
                      "Change your password before doing anything else."));
  }
  if (RoleFromString(q->Text(0)) != session.role) {
    return Fail(Error(ErrorCode::kUnauthenticated, "Your role changed: sign in again."));
  }
  return {};
}

}  // namespace kiosk::auth
