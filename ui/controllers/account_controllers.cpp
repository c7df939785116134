#include "ui/controllers/account_controllers.h"

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
