#include "ui/controllers/sign_in_controller.h"

#include <spdlog/spdlog.h>

#include "kiosk/core/i18n.h"

namespace kiosk::ui {

SignInController::SignInController(SignInView& view, auth::Authenticator* authenticator,
                                   TaskRunner& runner, SignedIn on_signed_in)
    : view_(view),
      authenticator_(authenticator),
      runner_(runner),
      on_signed_in_(std::move(on_signed_in)) {}

void SignInController::SubmitSignIn(const std::string& username, SecretString password) {
  if (busy_) return;
  if (username.empty() || password.empty()) {
    view_.ShowError(i18n::tr("Enter your user name and password."));
    return;
  }
  if (authenticator_ == nullptr) {
    view_.ShowError(i18n::tr("Operator accounts are not available: the station's store is not set up."));
    return;
  }
  busy_ = true;
  view_.SetBusy(true);
  auto result = std::make_shared<Result<auth::Session>>(Fail(Error::Cancelled()));
  auto secret = std::make_shared<SecretString>(std::move(password));
  runner_.Run(
      [auth = authenticator_, username, secret, result] {
        *result = auth->SignIn(username, *secret);
        secret->Clear();
      },
      [this, alive = std::weak_ptr<bool>(alive_), result] {
        if (alive.expired()) return;
        busy_ = false;
        view_.SetBusy(false);
        view_.ClearPassword();
        if (!*result) {
          spdlog::info("sign-in refused: {}", ToString(result->error().code()));
          view_.ShowError(result->error().Message());
          return;
        }
        on_signed_in_(**result);
      });
}

void SignInController::SwitchLanguage(const std::string& lang) {
  if (auto r = i18n::SetLanguage(lang); !r) {
    view_.ShowError(r.error().Message());
    return;
  }
  view_.Relabel();
}

}  // namespace kiosk::ui
