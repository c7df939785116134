#pragma once
// Automatic lock after inactivity: the UI calls Touch() on every officer action and asks
// Expired() on a timer; when it expires the session is dropped and the sign-in screen returns.
// Uses the monotonic clock, so changing the wall clock neither locks nor extends a session.
//
// Thread safety: not thread-safe; owned by the UI thread's session controller.

#include <chrono>

#include "kiosk/core/clock.h"

namespace kiosk::auth {

class IdleLock {
 public:
  IdleLock(const Clock& clock, std::chrono::minutes timeout)
      : clock_(clock), timeout_(timeout), last_activity_(clock.Monotonic()) {}
  void Touch() { last_activity_ = clock_.Monotonic(); }
  bool Expired() const {
    return timeout_.count() > 0 && clock_.Monotonic() - last_activity_ >= timeout_;
  }

 private:
  const Clock& clock_;
  std::chrono::minutes timeout_;
  Clock::MonoTime last_activity_;
};

}  // namespace kiosk::auth
