#include "kiosk/store/schema.h"

#include <string>
#include <vector>

namespace kiosk::store {
namespace {

struct Migration {
  int version;
  const char* sql;
};

// Never edit a migration that shipped: add a new one.
// Only what listing and sync scheduling need is clear (record number, status, timestamps, batch);
// everything about the citizen is in items.sealed or a sealed reason (AES-256-GCM, see store.h).
const std::vector<Migration>& Migrations() {
  static const std::vector<Migration> kMigrations = {
      {1, R"sql(
CREATE TABLE settings (
  name TEXT PRIMARY KEY,
  value BLOB NOT NULL
);
CREATE TABLE operators (
  id INTEGER PRIMARY KEY,
  username TEXT NOT NULL UNIQUE COLLATE NOCASE,
  display_name TEXT NOT NULL,
  role TEXT NOT NULL CHECK (role IN ('officer','supervisor','technician','administrator')),
  password_hash TEXT NOT NULL,
  must_change_password INTEGER NOT NULL DEFAULT 1,
  failed_attempts INTEGER NOT NULL DEFAULT 0,
  locked_until INTEGER NOT NULL DEFAULT 0,
  disabled INTEGER NOT NULL DEFAULT 0,
  created_at INTEGER NOT NULL,
  password_changed_at INTEGER NOT NULL
);
CREATE TABLE batches (
  id INTEGER PRIMARY KEY,
  day TEXT NOT NULL,
  status TEXT NOT NULL CHECK (status IN ('open','signed')),
  opened_at INTEGER NOT NULL,
  signed_at INTEGER,
  signed_by TEXT,
  signature BLOB
);
CREATE UNIQUE INDEX batches_one_open_per_day ON batches(day) WHERE status = 'open';
CREATE TABLE enrollments (
  id INTEGER PRIMARY KEY,
  record_number TEXT NOT NULL UNIQUE,
  status TEXT NOT NULL,
  batch_id INTEGER REFERENCES batches(id),
  needs_decision INTEGER NOT NULL DEFAULT 0,
  created_at INTEGER NOT NULL,
  sealed_at INTEGER,
  updated_at INTEGER NOT NULL,
  sealed_by TEXT,
  content_hash BLOB,
  signature BLOB,
  purged_at INTEGER
);
CREATE INDEX enrollments_status ON enrollments(status);
CREATE INDEX enrollments_batch ON enrollments(batch_id);
CREATE TABLE enrollment_status_history (
  id INTEGER PRIMARY KEY,
  enrollment_id INTEGER NOT NULL REFERENCES enrollments(id),
  status TEXT NOT NULL,
  at INTEGER NOT NULL,
  actor TEXT NOT NULL,
  reason BLOB
);
CREATE INDEX history_enrollment ON enrollment_status_history(enrollment_id);
CREATE TABLE items (
  id INTEGER PRIMARY KEY,
  enrollment_id INTEGER NOT NULL REFERENCES enrollments(id),
  field TEXT NOT NULL,
  kind TEXT NOT NULL CHECK (kind IN ('personal','biometric','image','document','chip','meta')),
  sealed BLOB NOT NULL,
  UNIQUE (enrollment_id, field)
);
CREATE TABLE audit_log (
  seq INTEGER PRIMARY KEY,
  at INTEGER NOT NULL,
  actor TEXT NOT NULL,
  action TEXT NOT NULL,
  record TEXT NOT NULL,
  outcome TEXT NOT NULL,
  detail TEXT NOT NULL,
  prev_hash BLOB NOT NULL,
  hash BLOB NOT NULL
);
CREATE TABLE audit_checkpoints (
  seq INTEGER PRIMARY KEY,
  hash BLOB NOT NULL,
  at INTEGER NOT NULL,
  signature BLOB NOT NULL
);
CREATE TABLE outbox (
  id INTEGER PRIMARY KEY,
  enrollment_id INTEGER NOT NULL UNIQUE REFERENCES enrollments(id),
  created_at INTEGER NOT NULL,
  attempts INTEGER NOT NULL DEFAULT 0,
  next_attempt_at INTEGER NOT NULL,
  last_error TEXT,
  state TEXT NOT NULL DEFAULT 'pending' CHECK (state IN ('pending','sent','done'))
);

-- Defence in depth: the hash chain and the seal signatures detect tampering; these triggers
-- keep the program itself from ever rewriting history by mistake.
CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log
BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END;
CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log
BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END;
CREATE TRIGGER items_no_update BEFORE UPDATE ON items
BEGIN SELECT RAISE(ABORT, 'sealed items are immutable'); END;
CREATE TRIGGER items_delete_only_when_purgeable BEFORE DELETE ON items
WHEN (SELECT status FROM enrollments WHERE id = OLD.enrollment_id)
     NOT IN ('acknowledged','received_for_processing','not_accepted','central_approved')
BEGIN SELECT RAISE(ABORT, 'sealed items are immutable'); END;
CREATE TRIGGER enrollments_seal_immutable
BEFORE UPDATE OF record_number, content_hash, signature, sealed_at, sealed_by, created_at
ON enrollments WHEN OLD.content_hash IS NOT NULL
BEGIN SELECT RAISE(ABORT, 'sealed records are immutable'); END;
CREATE TRIGGER enrollments_no_delete BEFORE DELETE ON enrollments
BEGIN SELECT RAISE(ABORT, 'records are never deleted'); END;
)sql"},
      // The outbox becomes the sync client's durable queue (kiosk/sync_port/store_outbox.h):
      // the sealed packet (already encrypted to the central server, so no clear citizen data),
      // its content hash, the server's signed receipt and the latest central status; 'parked'
      // for packets refused for good. SQLite cannot change a CHECK constraint in place, so the
      // table is rebuilt. next_attempt_at stays in seconds (what batch signing writes);
      // next_attempt_ms, when set, is the retry schedule with backoff precision.
      {2, R"sql(
CREATE TABLE outbox_v2 (
  id INTEGER PRIMARY KEY,
  enrollment_id INTEGER NOT NULL UNIQUE REFERENCES enrollments(id),
  created_at INTEGER NOT NULL,
  attempts INTEGER NOT NULL DEFAULT 0,
  next_attempt_at INTEGER NOT NULL,
  last_error TEXT,
  state TEXT NOT NULL DEFAULT 'pending' CHECK (state IN ('pending','sent','done','parked')),
  next_attempt_ms INTEGER,
  content_hash TEXT,
  packet BLOB,
  packaged_at INTEGER,
  receipt BLOB,
  received_at TEXT,
  duplicate INTEGER NOT NULL DEFAULT 0,
  central_status TEXT,
  central_reason BLOB,
  central_changed_at TEXT
);
INSERT INTO outbox_v2 (id, enrollment_id, created_at, attempts, next_attempt_at, last_error, state)
  SELECT id, enrollment_id, created_at, attempts, next_attempt_at, last_error, state FROM outbox;
DROP TABLE outbox;
ALTER TABLE outbox_v2 RENAME TO outbox;
CREATE INDEX outbox_state ON outbox(state);
)sql"},
  };
  return kMigrations;
}

}  // namespace

int LatestSchemaVersion() { return Migrations().back().version; }

Result<int> SchemaVersion(Database& db) {
  auto v = db.QueryInt("PRAGMA user_version", 0);
  if (!v) return Fail(v.error());
  return static_cast<int>(*v);
}

Result<void> Migrate(Database& db) { return Migrate(db, LatestSchemaVersion()); }

Result<void> Migrate(Database& db, int target_version) {
  auto current = SchemaVersion(db);
  if (!current) return Fail(current.error());
  if (*current > LatestSchemaVersion()) {
    return Fail(Error(ErrorCode::kUnsupported,
                      "The database was written by a newer version of the station (schema {0}). "
                      "Install that version or newer.",
                      "schema " + std::to_string(*current) + " > " +
                          std::to_string(LatestSchemaVersion()))
                    .WithArg(std::to_string(*current)));
  }
  for (const auto& migration : Migrations()) {
    if (migration.version <= *current || migration.version > target_version) continue;
    auto tx = Transaction::Begin(db);
    if (!tx) return Fail(tx.error());
    // Re-read under the write lock: another process may have migrated meanwhile.
    auto again = SchemaVersion(db);
    if (!again) return Fail(again.error());
    if (*again >= migration.version) continue;
    if (auto r = db.Exec(migration.sql); !r) {
      return Fail(std::move(r).error().WithContext("migration " + std::to_string(migration.version)));
    }
    if (auto r = db.Exec("PRAGMA user_version = " + std::to_string(migration.version)); !r) {
      return Fail(r.error());
    }
    if (auto r = tx->Commit(); !r) return Fail(r.error());
  }
  return {};
}

}  // namespace kiosk::store
