#pragma once
// The sign-in port: what the station's sign-in screen and kiosk-cli use to turn a user name and a
// password into a Session. The store (kiosk/store) provides the real implementation; roles are
// enforced by the core on every operation, the UI only mirrors them.
//
// Thread safety: implementations must be safe to call from a worker thread; the UI never calls
// them on its own thread (password hashing is deliberately slow).

#include <string>
#include <string_view>

#include "kiosk/auth/role.h"
#include "kiosk/core/result.h"
#include "kiosk/core/secret.h"

namespace kiosk::auth {

struct Session {
  std::string username;
  std::string display_name;
  Role role = Role::kOfficer;
  bool must_change_password = false;
};

class Authenticator {
 public:
  Authenticator() = default;
  Authenticator(const Authenticator&) = delete;
  Authenticator& operator=(const Authenticator&) = delete;
  virtual ~Authenticator() = default;

  // Errors: kUnauthenticated (wrong user name or password, one message for both), kLocked (with
  // the minutes left as argument), kPolicyViolation.
  virtual Result<Session> SignIn(std::string_view username, const SecretString& password) = 0;
};

}  // namespace kiosk::auth
