#pragma once
// First run (creating the station's first administrator), the forced password change at first
// sign-in, and the administrator's account management, without any GUI. The core
// (auth::OperatorDirectory) enforces the rules (roles, password policy, never locking oneself)
// and audits every change; these controllers only check what the operator can fix at once
// (fields empty, passwords differ) and say in words what the core answered.

#include <functional>
#include <memory>
#include <string>
#include <vector>

#include "kiosk/auth/operator_directory.h"
#include "kiosk/core/clock.h"
#include "ui/controllers/form.h"

namespace kiosk::ui {

class FirstRunController {
 public:
  FirstRunController(FormView& view, auth::OperatorDirectory& directory, TaskRunner& runner,
                     std::function<void()> on_created);
  void Submit(const std::string& username, const std::string& display_name,
              SecretString password, SecretString repeat);

 private:
  FormView& view_;
  auth::OperatorDirectory& directory_;
  TaskRunner& runner_;
  std::function<void()> on_created_;
  std::shared_ptr<bool> alive_ = std::make_shared<bool>(true);
};

class ChangePasswordController {
 public:
  ChangePasswordController(FormView& view, auth::OperatorDirectory& directory, TaskRunner& runner,
                           std::function<void(const auth::Session&)> on_changed);
  void Submit(const auth::Session& session, SecretString current, SecretString next,
              SecretString repeat);

 private:
  FormView& view_;
  auth::OperatorDirectory& directory_;
  TaskRunner& runner_;
  std::function<void(const auth::Session&)> on_changed_;
  std::shared_ptr<bool> alive_ = std::make_shared<bool>(true);
};

// One operator account as the administrator's list shows it.
struct AccountRow {
  std::string username;
  std::string display_name;
  auth::Role role = auth::Role::kOfficer;
  std::string role_text;  // translated
  bool disabled = false;     // switched off by an administrator
  bool locked_out = false;   // too many failed sign-ins, for a while
  bool must_change_password = false;
  bool is_self = false;      // the signed-in administrator
  std::string state_text;    // translated: "Active", "Disabled", "Locked out for 12 more minute(s)"…

  // What the screen offers for this row (the core decides; these mirror it).
  bool CanDisable() const { return !is_self && !disabled; }
  bool CanEnable() const { return disabled; }
  bool CanUnlock() const { return locked_out && !disabled; }
};

struct NewAccountForm {
  std::string username;
  std::string display_name;
  auth::Role role = auth::Role::kOfficer;
  SecretString password;
  SecretString repeat;
};

class AccountAdminView : public FormView {
 public:
  virtual void ShowAccounts(const std::vector<AccountRow>& rows) = 0;
  // A translated success line ("Account canbo2 created: …").
  virtual void ShowNotice(const std::string& text) = 0;
  // The new-account form may start over (the account exists now).
  virtual void AccountCreated() {}
};

// The administrator's accounts screen: list, create, reset a password, disable / enable, unlock.
// Every call goes through the core with the administrator's session, on the worker; a
// non-administrator's session is refused there (kPermissionDenied), not here.
class AccountAdminController {
 public:
  AccountAdminController(AccountAdminView& view, auth::OperatorDirectory& directory,
                         TaskRunner& runner, const Clock& clock, auth::Session admin);

  void Refresh();
  // The new account must change its password at its first sign-in (the core sets it).
  void Create(NewAccountForm form);
  // A temporary password, to be changed at the next sign-in; also clears a lockout.
  void ResetPassword(const std::string& username, SecretString password, SecretString repeat);
  void Disable(const std::string& username);
  void Enable(const std::string& username);
  // Ends a lockout after failed sign-ins before its time.
  void Unlock(const std::string& username);

  const std::vector<AccountRow>& accounts() const { return rows_; }
  const AccountRow* Find(const std::string& username) const;

  // Pure: the list's rows from the core's answer, at `now` (unix seconds).
  static std::vector<AccountRow> Rows(const std::vector<auth::OperatorInfo>& operators,
                                      const std::string& self, int64_t now);

 private:
  // Runs change on the worker; on success shows notice and reloads the list.
  void Change(std::function<Result<void>()> change, std::string notice,
              std::function<void()> after = {});
  // False (and the officer told to choose one) when no account is selected.
  bool Chosen(const std::string& username);
  // Enable and Unlock: the core's one UnlockOperator clears a disable and a lockout alike.
  void Reopen(const std::string& username, std::string notice);

  AccountAdminView& view_;
  auth::OperatorDirectory& directory_;
  TaskRunner& runner_;
  const Clock& clock_;
  auth::Session admin_;
  std::vector<AccountRow> rows_;
  std::shared_ptr<bool> alive_ = std::make_shared<bool>(true);
};

}  // namespace kiosk::ui
