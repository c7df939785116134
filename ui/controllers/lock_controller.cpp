#include "ui/controllers/lock_controller.h"

#include "kiosk/core/i18n.h"

namespace kiosk::ui {

LockController::LockController(LockView& view, auth::Authenticator* authenticator,
                               TaskRunner& runner, Unlocked on_unlocked)
    : view_(view), authenticator_(authenticator), runner_(runner),
      on_unlocked_(std::move(on_unlocked)) {}

void LockController::Unlock(SecretString password) {
  if (password.empty()) {
    view_.ShowError(i18n::tr("Enter your password to unlock."));
    return;
  }
  if (authenticator_ == nullptr || session_.username.empty()) {
    view_.ShowError(i18n::tr("Operator accounts are not available: the station's store is not set up."));
    return;
  }
  auto secret = std::make_shared<SecretString>(std::move(password));
  view_.ClearPassword();
  auth::Authenticator* auth = authenticator_;
  const std::string username = session_.username;
  SubmitForm<auth::Session>(
      view_, runner_, alive_,
      [auth, username, secret]() -> Result<auth::Session> {
        auto session = auth->SignIn(username, *secret);
        secret->Clear();
        return session;
      },
      [this](auth::Session& fresh) { on_unlocked_(fresh); });
}

}  // namespace kiosk::ui
