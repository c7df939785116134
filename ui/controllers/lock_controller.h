#pragma once
// The lock screen's logic without any GUI: after inactivity (auth::IdleLock) the workspace is
// hidden and the signed-in operator must give the password again. Only the same operator can
// unlock; anyone else signs out first (the enrollment in progress stays a sealed draft).

#include <functional>
#include <memory>
#include <string>

#include "kiosk/auth/authenticator.h"
#include "ui/controllers/form.h"

namespace kiosk::ui {

class LockView : public FormView {
 public:
  virtual void ClearPassword() = 0;
};

class LockController {
 public:
  using Unlocked = std::function<void(const auth::Session&)>;
  LockController(LockView& view, auth::Authenticator* authenticator, TaskRunner& runner,
                 Unlocked on_unlocked);

  // The operator whose session is locked.
  void Lock(const auth::Session& session) { session_ = session; }
  const auth::Session& session() const { return session_; }
  // Checks the password off the UI thread; wrong passwords count toward the lockout as at
  // sign-in (the core's Authenticator decides).
  void Unlock(SecretString password);

 private:
  LockView& view_;
  auth::Authenticator* authenticator_;
  TaskRunner& runner_;
  Unlocked on_unlocked_;
  auth::Session session_;
  std::shared_ptr<bool> alive_ = std::make_shared<bool>(true);
};

}  // namespace kiosk::ui
