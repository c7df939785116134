#pragma once
// The sign-in screen's logic, without any GUI: the wx view implements SignInView, tests use a
// fake view. The controller runs the (deliberately slow) password check through a TaskRunner so
// the GUI thread never blocks, and reports back on the UI thread.

#include <functional>
#include <memory>
#include <string>

#include "kiosk/auth/authenticator.h"
#include "ui/controllers/form.h"

namespace kiosk::ui {

class SignInView : public FormView {
 public:
  virtual void ClearPassword() = 0;
  // The labels must be re-read in the current language.
  virtual void Relabel() = 0;
};

class SignInController {
 public:
  using SignedIn = std::function<void(const auth::Session&)>;

  SignInController(SignInView& view, auth::Authenticator* authenticator, TaskRunner& runner,
                   SignedIn on_signed_in);

  // Validates the form, then checks the credentials off the UI thread.
  void SubmitSignIn(const std::string& username, SecretString password);
  // "vi" or "en"; relabels the view. Errors are shown on the view.
  void SwitchLanguage(const std::string& lang);
  bool busy() const { return busy_; }

 private:
  SignInView& view_;
  auth::Authenticator* authenticator_;  // null: no operator store in this build
  TaskRunner& runner_;
  SignedIn on_signed_in_;
  bool busy_ = false;
  std::shared_ptr<bool> alive_ = std::make_shared<bool>(true);
};

}  // namespace kiosk::ui
