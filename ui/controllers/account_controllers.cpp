#include "ui/controllers/account_controllers.h"

#include <algorithm>
#include <chrono>

#include "kiosk/core/i18n.h"

namespace kiosk::ui {

FirstRunController::FirstRunController(FormView& view, auth::OperatorDirectory& directory,
                                       TaskRunner& runner, std::function<void()> on_created)
    : view_(view), directory_(directory), runner_(runner), on_created_(std::move(on_created)) {}

void FirstRunController::Submit(const std::string& username, const std::string& display_name,
                                SecretString password, SecretString repeat) {
  if (username.empty() || display_name.empty() || password.empty()) {
    view_.ShowError(i18n::tr("Fill in every field."));
    return;
  }
  if (password.view() != repeat.view()) {
    view_.ShowError(i18n::tr("The two passwords are not the same."));
    return;
  }
  auto secret = std::make_shared<SecretString>(std::move(password));
  auth::NewOperator admin{username, display_name, auth::Role::kAdministrator};
  SubmitForm<bool>(
      view_, runner_, alive_,
      [this, admin, secret]() -> Result<bool> {
        auto r = directory_.BootstrapAdministrator(admin, *secret);
        secret->Clear();
        if (!r) return Fail(r.error());
        return true;
      },
      [this](bool&) { on_created_(); });
}

ChangePasswordController::ChangePasswordController(
    FormView& view, auth::OperatorDirectory& directory, TaskRunner& runner,
    std::function<void(const auth::Session&)> on_changed)
    : view_(view), directory_(directory), runner_(runner), on_changed_(std::move(on_changed)) {}

void ChangePasswordController::Submit(const auth::Session& session, SecretString current,
                                      SecretString next, SecretString repeat) {
  if (current.empty() || next.empty()) {
    view_.ShowError(i18n::tr("Fill in every field."));
    return;
  }
  if (next.view() != repeat.view()) {
    view_.ShowError(i18n::tr("The two passwords are not the same."));
    return;
  }
  auto old_secret = std::make_shared<SecretString>(std::move(current));
  auto new_secret = std::make_shared<SecretString>(std::move(next));
  SubmitForm<auth::Session>(
      view_, runner_, alive_,
      [this, session, old_secret, new_secret]() -> Result<auth::Session> {
        auto changed = directory_.ChangePassword(session.username, *old_secret, *new_secret);
        if (!changed) return Fail(changed.error());
        // A fresh session proves the new password works and clears must_change_password.
        auto fresh = directory_.SignIn(session.username, *new_secret);
        old_secret->Clear();
        new_secret->Clear();
        return fresh;
      },
      [this](auth::Session& fresh) { on_changed_(fresh); });
}

}  // namespace kiosk::ui

namespace kiosk::ui {

namespace {

std::string Say(std::string_view msgid, std::vector<std::string> args = {}) {
  return FormatMessage(i18n::tr(msgid), args);
}

}  // namespace

AccountAdminController::AccountAdminController(AccountAdminView& view,
                                               auth::OperatorDirectory& directory,
                                               TaskRunner& runner, const Clock& clock,
                                               auth::Session admin)
    : view_(view), directory_(directory), runner_(runner), clock_(clock), admin_(std::move(admin)) {}

std::vector<AccountRow> AccountAdminController::Rows(
    const std::vector<auth::OperatorInfo>& operators, const std::string& self, int64_t now) {
  std::vector<AccountRow> rows;
  rows.reserve(operators.size());
  for (const auto& op : operators) {
    AccountRow row;
    row.username = op.username;
    row.display_name = op.display_name;
    row.role = op.role;
    row.role_text = i18n::tr(auth::DisplayName(op.role));
    row.disabled = op.disabled;
    row.locked_out = op.locked_until > now;
    row.must_change_password = op.must_change_password;
    row.is_self = op.username == self;
    if (row.disabled) {
      row.state_text = Say(N_("Disabled by an administrator"));
    } else if (row.locked_out) {
      const int64_t minutes = std::max<int64_t>(1, (op.locked_until - now + 59) / 60);
      row.state_text = Say(N_("Locked out after failed sign-ins: {0} more minute(s)"),
                           {std::to_string(minutes)});
    } else {
      row.state_text = Say(N_("Active"));
    }
    if (row.must_change_password) {
      row.state_text += "; " + Say(N_("must change the password at the next sign-in"));
    }
    rows.push_back(std::move(row));
  }
  return rows;
}

const AccountRow* AccountAdminController::Find(const std::string& username) const {
  for (const auto& row : rows_) {
    if (row.username == username) return &row;
  }
  return nullptr;
}

void AccountAdminController::Refresh() {
  auth::OperatorDirectory* directory = &directory_;
  const Clock* clock = &clock_;
  auth::Session admin = admin_;
  SubmitForm<std::vector<AccountRow>>(
      view_, runner_, alive_,
      [directory, clock, admin]() -> Result<std::vector<AccountRow>> {
        auto list = directory->ListOperators(admin);
        if (!list) return Fail(list.error());
        const int64_t now = std::chrono::duration_cast<std::chrono::seconds>(
                                clock->Now().time_since_epoch())
                                .count();
        return Rows(*list, admin.username, now);
      },
      [this](std::vector<AccountRow>& rows) {
        rows_ = std::move(rows);
        view_.ShowAccounts(rows_);
      });
}

void AccountAdminController::Change(std::function<Result<void>()> change, std::string notice,
                                    std::function<void()> after) {
  SubmitForm<bool>(
      view_, runner_, alive_,
      [change = std::move(change)]() -> Result<bool> {
        if (auto r = change(); !r) return Fail(r.error());
        return true;
      },
      [this, notice = std::move(notice), after = std::move(after)](bool&) {
        Refresh();
        view_.ShowNotice(notice);
        if (after) after();
      });
}

void AccountAdminController::Create(NewAccountForm form) {
  if (form.username.empty() || form.display_name.empty() || form.password.empty()) {
    view_.ShowError(i18n::tr("Fill in every field."));
    return;
  }
  if (form.password.view() != form.repeat.view()) {
    view_.ShowError(i18n::tr("The two passwords are not the same."));
    return;
  }
  form.repeat.Clear();
  auto secret = std::make_shared<SecretString>(std::move(form.password));
  auth::NewOperator op{form.username, form.display_name, form.role};
  auth::OperatorDirectory* directory = &directory_;
  auth::Session admin = admin_;
  Change(
      [directory, admin, op, secret]() -> Result<void> {
        auto r = directory->AddOperator(admin, op, *secret);
        secret->Clear();
        return r;
      },
      Say(N_("Account {0} created as {1}. Give the person the initial password: it must be "
             "changed at the first sign-in."),
          {op.username, i18n::tr(auth::DisplayName(op.role))}),
      [this] { view_.AccountCreated(); });
}

void AccountAdminController::ResetPassword(const std::string& username, SecretString password,
                                           SecretString repeat) {
  if (!Chosen(username)) return;
  if (password.empty()) {
    view_.ShowError(i18n::tr("Fill in every field."));
    return;
  }
  if (password.view() != repeat.view()) {
    view_.ShowError(i18n::tr("The two passwords are not the same."));
    return;
  }
  repeat.Clear();
  auto secret = std::make_shared<SecretString>(std::move(password));
  auth::OperatorDirectory* directory = &directory_;
  auth::Session admin = admin_;
  Change(
      [directory, admin, username, secret]() -> Result<void> {
        auto r = directory->ResetPassword(admin, username, *secret);
        secret->Clear();
        return r;
      },
      Say(N_("Password of {0} reset: it must be changed at the next sign-in."), {username}));
}

void AccountAdminController::Disable(const std::string& username) {
  if (!Chosen(username)) return;
  // The core refuses it too; saying it here spares a round trip and names the rule plainly.
  if (username == admin_.username) {
    view_.ShowError(Say(N_("You cannot disable your own account.")));
    return;
  }
  auth::OperatorDirectory* directory = &directory_;
  auth::Session admin = admin_;
  Change([directory, admin, username] { return directory->LockOperator(admin, username); },
         Say(N_("Account {0} disabled: it cannot sign in until enabled again."), {username}));
}

void AccountAdminController::Enable(const std::string& username) {
  Reopen(username, Say(N_("Account {0} enabled."), {username}));
}

void AccountAdminController::Unlock(const std::string& username) {
  Reopen(username, Say(N_("Account {0} unlocked: it can sign in again."), {username}));
}

bool AccountAdminController::Chosen(const std::string& username) {
  if (!username.empty()) return true;
  view_.ShowError(Say(N_("Choose an account in the list first.")));
  return false;
}

void AccountAdminController::Reopen(const std::string& username, std::string notice) {
  if (!Chosen(username)) return;
  auth::OperatorDirectory* directory = &directory_;
  auth::Session admin = admin_;
  Change([directory, admin, username] { return directory->UnlockOperator(admin, username); },
         std::move(notice));
}

}  // namespace kiosk::ui
