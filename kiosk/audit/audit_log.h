#pragma once
// The tamper-evident audit log. Every entry (who, what, which record, when, outcome) is chained to
// the previous one: hash = SHA-256(previous hash ‖ canonical entry, seq included). The head of the
// chain (last seq and hash) is signed with the station key on every append, and a signed
// checkpoint row is kept every kCheckpointInterval entries, so editing, deleting, reordering or
// cutting off the tail of the log is detected by Verify().
//
// Entries never hold citizen data: record numbers, operator names, action names and outcomes only.
//
// Append joins the caller's open transaction when there is one (the entry commits or rolls back
// with the operation it describes); otherwise it commits on its own.
//
// Thread safety: like the Database it writes to, one thread at a time.

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "kiosk/core/clock.h"
#include "kiosk/crypto/station_key.h"
#include "kiosk/store/sqlite.h"

namespace kiosk::audit {

struct Entry {
  int64_t seq = 0;
  int64_t at = 0;  // unix seconds
  std::string actor;
  std::string action;   // "auth.sign_in", "record.seal", "batch.sign", …
  std::string record;   // a record number, a user name for user management, or empty
  std::string outcome;  // "ok", "denied", "failed", or an error code
  std::string detail;   // short technical context; never citizen data
  store::Bytes prev_hash;
  store::Bytes hash;
};

struct VerifyReport {
  bool ok = true;
  int64_t entries = 0;
  int64_t first_bad_seq = 0;  // 0 when ok
  std::string problem;        // English, for the technician
};

class AuditLog {
 public:
  static constexpr int64_t kCheckpointInterval = 64;

  AuditLog(store::Database& db, const crypto::StationKey& key, const Clock& clock)
      : db_(db), key_(key), clock_(clock) {}

  Result<int64_t> Append(std::string_view actor, std::string_view action, std::string_view record,
                         std::string_view outcome, std::string_view detail = {});
  // Walks the whole chain; reports the first entry that does not fit.
  Result<VerifyReport> Verify();
  // Entries with seq > after_seq, oldest first (limit 0: all).
  Result<std::vector<Entry>> List(int64_t after_seq = 0, int64_t limit = 0);

 private:
  Result<int64_t> AppendLocked(std::string_view actor, std::string_view action,
                               std::string_view record, std::string_view outcome,
                               std::string_view detail);
  store::Database& db_;
  const crypto::StationKey& key_;
  const Clock& clock_;
};

// The canonical hash of an entry (exposed for tests and export).
crypto::Sha256Digest EntryHash(const Entry& entry);

}  // namespace kiosk::audit
