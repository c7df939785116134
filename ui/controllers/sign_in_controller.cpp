#include "ui/controllers/sign_in_controller.h"

#include <spdlog/spdlog.h>

#include <memory>

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
  auto secret = std::make_shared<SecretString>(std::move(password));
  auth::Authenticator* auth = authenticator_;
  view_.ClearPassword();
  SubmitForm<auth::Session>(
      view_, runner_, alive_,
      [auth, username, secret]() -> Result<auth::Session> {
        auto session = auth->SignIn(username, *secret);
        secret->Clear();
        if (!session) spdlog::info("sign-in refused: {}", ToString(session.error().code()));
        return session;
      },
      [this](auth::Session& session) {
        busy_ = false;
        on_signed_in_(session);
      },
      [this](const Error&) { busy_ = false; });
}

void SignInController::SwitchLanguage(const std::string& lang) {
  if (auto r = i18n::SetLanguage(lang); !r) {
    view_.ShowError(r.error().Message());
    return;
  }
  view_.Relabel();
}

}  // namespace kiosk::ui
