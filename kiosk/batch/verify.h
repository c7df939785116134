#pragma once
// `db verify`: the whole store checked end to end, stopping at the first problem.
//  1. sqlite's integrity_check;
//  2. every item of every record decrypts under its (record, field) binding, and for records not
//     purged the content hash recomputed from the plaintext matches the stored one, whose station
//     signature verifies;
//  3. every signed batch's signature verifies over its records and decisions;
//  4. the audit chain is intact (audit::AuditLog::Verify).
// Plaintext is only held in memory while hashing; nothing is shown.

#include <cstdint>
#include <string>

#include "kiosk/auth/authenticator.h"
#include "kiosk/store/store.h"

namespace kiosk::batch {

struct StoreReport {
  bool ok = true;
  std::string problem;  // English, for the technician; names a record number or an audit seq
  int64_t records = 0;
  int64_t items = 0;
  int64_t batches = 0;
  int64_t audit_entries = 0;
};

// Technician, supervisor or administrator. Audited (best effort on a read-only store).
Result<StoreReport> VerifyStore(store::Store& store, const auth::Session& session);

}  // namespace kiosk::batch
