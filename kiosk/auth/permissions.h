#pragma once
// What each role may do, decided in the core. Every store operation calls Require() with the
// caller's Session before touching data; the UI only mirrors these answers (greys out buttons).
//
//                         officer  supervisor  technician  administrator
//  enroll / seal             x         x
//  read citizen data         x         x
//  list records (no PII)     x         x           x            x
//  approve / reject / sign             x
//  manage operators                                             x
//  verify, backup store                x           x            x
//  read / export audit                 x                        x
//  purge, settings, sync                           x            x

#include <string_view>

#include "kiosk/auth/authenticator.h"
#include "kiosk/core/result.h"

namespace kiosk::auth {

enum class Action {
  kEnroll,
  kReadCitizenData,
  kListRecords,
  kApproveRecords,
  kManageOperators,
  kVerifyStore,
  kBackupStore,
  kReadAudit,
  kPurge,
  kChangeSettings,
  kSync,
};

std::string_view ToString(Action action);
bool Allows(Role role, Action action);

// kPermissionDenied when the role may not; kPolicyViolation while the password must be changed.
Result<void> Require(const Session& session, Action action);

}  // namespace kiosk::auth
