#include "sync/client/sqlite_outbox.h"

#include "kiosk/core/i18n.h"

namespace kiosk::sync {

namespace {

constexpr const char* kSchema = R"sql(
CREATE TABLE IF NOT EXISTS outbox(
  packet_id TEXT PRIMARY KEY,
  content_hash TEXT NOT NULL,
  packet BLOB NOT NULL,
  state TEXT NOT NULL DEFAULT 'queued',
  attempts INTEGER NOT NULL DEFAULT 0,
  next_attempt_ms INTEGER NOT NULL,
  last_error TEXT NOT NULL DEFAULT '',
  receipt BLOB,
  received_at TEXT NOT NULL DEFAULT '',
  duplicate INTEGER NOT NULL DEFAULT 0,
  central_status TEXT NOT NULL DEFAULT '',
  central_reason TEXT NOT NULL DEFAULT '',
  central_changed_at TEXT NOT NULL DEFAULT '');
CREATE TABLE IF NOT EXISTS sync_state(key TEXT PRIMARY KEY, value TEXT NOT NULL);
)sql";

int64_t ToMs(Clock::WallTime t) {
  return std::chrono::duration_cast<std::chrono::milliseconds>(t.time_since_epoch()).count();
}
Clock::WallTime FromMs(int64_t ms) {
  return Clock::WallTime(std::chrono::duration_cast<Clock::WallTime::duration>(std::chrono::milliseconds(ms)));
}

std::string Column(sqlite3_stmt* stmt, int column) {
  const unsigned char* text = sqlite3_column_text(stmt, column);
  return text == nullptr ? std::string() : std::string(reinterpret_cast<const char*>(text));
}
std::vector<uint8_t> BlobColumn(sqlite3_stmt* stmt, int column) {
  const auto* data = static_cast<const uint8_t*>(sqlite3_column_blob(stmt, column));
  return data == nullptr ? std::vector<uint8_t>()
                         : std::vector<uint8_t>(data, data + sqlite3_column_bytes(stmt, column));
}

constexpr const char* kSelect =
    "SELECT packet_id, content_hash, packet, state, attempts, next_attempt_ms, last_error, receipt, "
    "received_at, duplicate, central_status, central_reason, central_changed_at FROM outbox ";

OutboxItem ReadItem(sqlite3_stmt* stmt) {
  OutboxItem item;
  item.packet_id = Column(stmt, 0);
  item.content_hash = Column(stmt, 1);
  item.packet = BlobColumn(stmt, 2);
  std::string state = Column(stmt, 3);
  item.state = state == "acknowledged" ? OutboxState::kAcknowledged
               : state == "parked"     ? OutboxState::kParked
                                       : OutboxState::kQueued;
  item.attempts = sqlite3_column_int(stmt, 4);
  item.next_attempt = FromMs(sqlite3_column_int64(stmt, 5));
  item.last_error = Column(stmt, 6);
  if (sqlite3_column_type(stmt, 7) != SQLITE_NULL) {
    UploadReceipt receipt;
    receipt.packet_id = item.packet_id;
    receipt.content_hash = item.content_hash;
    receipt.signed_receipt = BlobColumn(stmt, 7);
    receipt.received_at = Column(stmt, 8);
    receipt.duplicate = sqlite3_column_int(stmt, 9) != 0;
    item.receipt = std::move(receipt);
  }
  std::string status = Column(stmt, 10);
  if (auto parsed = ParseCentralStatus(status); !status.empty() && parsed) {
    item.central_status = StatusChange{item.packet_id, *parsed, Column(stmt, 11), Column(stmt, 12)};
  }
  return item;
}

}  // namespace

Result<std::unique_ptr<SqliteOutboxQueue>> SqliteOutboxQueue::Open(const std::filesystem::path& file) {
  sqlite3* db = nullptr;
  if (sqlite3_open_v2(file.c_str(), &db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, nullptr) != SQLITE_OK) {
    std::string detail = db != nullptr ? sqlite3_errmsg(db) : "out of memory";
    sqlite3_close(db);
    return Fail(Error::Io(N_("Cannot open the outbox database."), detail));
  }
  std::unique_ptr<SqliteOutboxQueue> queue(new SqliteOutboxQueue(db));
  sqlite3_busy_timeout(db, 5000);
  char* message = nullptr;
  std::string setup = std::string("PRAGMA journal_mode=WAL; PRAGMA synchronous=FULL;") + kSchema;
  if (sqlite3_exec(db, setup.c_str(), nullptr, nullptr, &message) != SQLITE_OK) {
    std::string detail = message != nullptr ? message : "";
    sqlite3_free(message);
    return Fail(Error::Io(N_("Cannot open the outbox database."), detail));
  }
  return queue;
}

SqliteOutboxQueue::~SqliteOutboxQueue() { sqlite3_close(db_); }

Result<void> SqliteOutboxQueue::Run(const char* sql, const std::vector<std::string>& texts,
                                    const std::vector<int64_t>& numbers) {
  sqlite3_stmt* stmt = nullptr;
  if (sqlite3_prepare_v2(db_, sql, -1, &stmt, nullptr) != SQLITE_OK) {
    return Fail(Error::Io(N_("The outbox database failed."), sqlite3_errmsg(db_)));
  }
  int index = 1;
  for (const auto& text : texts) sqlite3_bind_text(stmt, index++, text.c_str(), -1, SQLITE_TRANSIENT);
  for (int64_t number : numbers) sqlite3_bind_int64(stmt, index++, number);
  int rc = sqlite3_step(stmt);
  sqlite3_finalize(stmt);
  if (rc != SQLITE_DONE) return Fail(Error::Io(N_("The outbox database failed."), sqlite3_errmsg(db_)));
  return {};
}

Result<void> SqliteOutboxQueue::Enqueue(const std::string& packet_id, const std::string& content_hash,
                                        const std::vector<uint8_t>& packet, Clock::WallTime now) {
  std::lock_guard lock(mutex_);
  auto existing = FindLocked(packet_id);
  if (!existing) return Fail(existing.error());
  if (existing->has_value()) {
    if ((*existing)->content_hash == content_hash) return {};
    return Fail(Error(ErrorCode::kConflict,
                      N_("A different packet with the same record number is already queued.")));
  }
  sqlite3_stmt* stmt = nullptr;
  sqlite3_prepare_v2(db_, "INSERT INTO outbox(packet_id, content_hash, packet, next_attempt_ms) VALUES(?, ?, ?, ?)",
                     -1, &stmt, nullptr);
  sqlite3_bind_text(stmt, 1, packet_id.c_str(), -1, SQLITE_TRANSIENT);
  sqlite3_bind_text(stmt, 2, content_hash.c_str(), -1, SQLITE_TRANSIENT);
  sqlite3_bind_blob(stmt, 3, packet.data(), static_cast<int>(packet.size()), SQLITE_TRANSIENT);
  sqlite3_bind_int64(stmt, 4, ToMs(now));
  int rc = sqlite3_step(stmt);
  sqlite3_finalize(stmt);
  if (rc != SQLITE_DONE) return Fail(Error::Io(N_("The outbox database failed."), sqlite3_errmsg(db_)));
  return {};
}

Result<std::optional<OutboxItem>> SqliteOutboxQueue::FindLocked(const std::string& packet_id) {
  sqlite3_stmt* stmt = nullptr;
  std::string sql = std::string(kSelect) + "WHERE packet_id = ?";
  sqlite3_prepare_v2(db_, sql.c_str(), -1, &stmt, nullptr);
  sqlite3_bind_text(stmt, 1, packet_id.c_str(), -1, SQLITE_TRANSIENT);
  std::optional<OutboxItem> item;
  if (sqlite3_step(stmt) == SQLITE_ROW) item = ReadItem(stmt);
  sqlite3_finalize(stmt);
  return item;
}

Result<std::optional<OutboxItem>> SqliteOutboxQueue::Find(const std::string& packet_id) {
  std::lock_guard lock(mutex_);
  return FindLocked(packet_id);
}

Result<std::optional<OutboxItem>> SqliteOutboxQueue::NextDue(Clock::WallTime now) {
  std::lock_guard lock(mutex_);
  sqlite3_stmt* stmt = nullptr;
  std::string sql = std::string(kSelect) +
                    "WHERE state = 'queued' AND next_attempt_ms <= ? ORDER BY next_attempt_ms, rowid LIMIT 1";
  sqlite3_prepare_v2(db_, sql.c_str(), -1, &stmt, nullptr);
  sqlite3_bind_int64(stmt, 1, ToMs(now));
  std::optional<OutboxItem> item;
  if (sqlite3_step(stmt) == SQLITE_ROW) item = ReadItem(stmt);
  sqlite3_finalize(stmt);
  return item;
}

Result<std::optional<Clock::WallTime>> SqliteOutboxQueue::EarliestDue() {
  std::lock_guard lock(mutex_);
  sqlite3_stmt* stmt = nullptr;
  sqlite3_prepare_v2(db_, "SELECT min(next_attempt_ms) FROM outbox WHERE state = 'queued'", -1, &stmt, nullptr);
  std::optional<Clock::WallTime> earliest;
  if (sqlite3_step(stmt) == SQLITE_ROW && sqlite3_column_type(stmt, 0) != SQLITE_NULL) {
    earliest = FromMs(sqlite3_column_int64(stmt, 0));
  }
  sqlite3_finalize(stmt);
  return earliest;
}

Result<void> SqliteOutboxQueue::MarkAcknowledged(const std::string& packet_id,
                                                 const UploadReceipt& receipt) {
  std::lock_guard lock(mutex_);
  sqlite3_stmt* stmt = nullptr;
  sqlite3_prepare_v2(db_,
                     "UPDATE outbox SET state = 'acknowledged', last_error = '', receipt = ?, "
                     "received_at = ?, duplicate = ? WHERE packet_id = ?",
                     -1, &stmt, nullptr);
  sqlite3_bind_blob(stmt, 1, receipt.signed_receipt.data(), static_cast<int>(receipt.signed_receipt.size()),
                    SQLITE_TRANSIENT);
  sqlite3_bind_text(stmt, 2, receipt.received_at.c_str(), -1, SQLITE_TRANSIENT);
  sqlite3_bind_int(stmt, 3, receipt.duplicate ? 1 : 0);
  sqlite3_bind_text(stmt, 4, packet_id.c_str(), -1, SQLITE_TRANSIENT);
  int rc = sqlite3_step(stmt);
  sqlite3_finalize(stmt);
  if (rc != SQLITE_DONE) return Fail(Error::Io(N_("The outbox database failed."), sqlite3_errmsg(db_)));
  return {};
}

Result<void> SqliteOutboxQueue::MarkFailed(const std::string& packet_id, const std::string& error,
                                           Clock::WallTime next_attempt, bool permanent) {
  std::lock_guard lock(mutex_);
  return Run(permanent ? "UPDATE outbox SET state = 'parked', last_error = ?1, attempts = attempts + 1, "
                         "next_attempt_ms = ?3 WHERE packet_id = ?2"
                       : "UPDATE outbox SET last_error = ?1, attempts = attempts + 1, next_attempt_ms = ?3 "
                         "WHERE packet_id = ?2 AND state = 'queued'",
             {error, packet_id}, {ToMs(next_attempt)});
}

Result<void> SqliteOutboxQueue::Requeue(const std::string& packet_id, Clock::WallTime now) {
  std::lock_guard lock(mutex_);
  return Run("UPDATE outbox SET state = 'queued', next_attempt_ms = ?2 "
             "WHERE packet_id = ?1 AND state = 'parked'",
             {packet_id}, {ToMs(now)});
}

Result<OutboxCounts> SqliteOutboxQueue::Counts() {
  std::lock_guard lock(mutex_);
  sqlite3_stmt* stmt = nullptr;
  sqlite3_prepare_v2(db_, "SELECT state, count(*) FROM outbox GROUP BY state", -1, &stmt, nullptr);
  OutboxCounts counts;
  while (sqlite3_step(stmt) == SQLITE_ROW) {
    std::string state = Column(stmt, 0);
    auto n = static_cast<size_t>(sqlite3_column_int64(stmt, 1));
    if (state == "queued") counts.queued = n;
    if (state == "acknowledged") counts.acknowledged = n;
    if (state == "parked") counts.parked = n;
  }
  sqlite3_finalize(stmt);
  return counts;
}

Result<void> SqliteOutboxQueue::SaveCentralStatus(const StatusChange& change) {
  std::lock_guard lock(mutex_);
  return Run("UPDATE outbox SET central_status = ?, central_reason = ?, central_changed_at = ? "
             "WHERE packet_id = ?",
             {std::string(ToString(change.status)), change.reason, change.changed_at, change.packet_id});
}

Result<std::string> SqliteOutboxQueue::StatusCursor() {
  std::lock_guard lock(mutex_);
  sqlite3_stmt* stmt = nullptr;
  sqlite3_prepare_v2(db_, "SELECT value FROM sync_state WHERE key = 'status_cursor'", -1, &stmt, nullptr);
  std::string cursor;
  if (sqlite3_step(stmt) == SQLITE_ROW) cursor = Column(stmt, 0);
  sqlite3_finalize(stmt);
  return cursor;
}

Result<void> SqliteOutboxQueue::SaveStatusCursor(const std::string& cursor) {
  std::lock_guard lock(mutex_);
  return Run("INSERT INTO sync_state(key, value) VALUES('status_cursor', ?) "
             "ON CONFLICT(key) DO UPDATE SET value = excluded.value",
             {cursor});
}

}  // namespace kiosk::sync
