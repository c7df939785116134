#include "sync/server/packet_store.h"

#include "kiosk/core/i18n.h"

namespace kiosk::sync::server {

namespace {

constexpr const char* kSchema = R"sql(
CREATE TABLE IF NOT EXISTS packets(
  packet_id TEXT PRIMARY KEY,
  content_hash TEXT NOT NULL,
  station_id TEXT NOT NULL,
  received_at TEXT NOT NULL,
  packet BLOB NOT NULL,
  receipt BLOB NOT NULL,
  status TEXT NOT NULL,
  reason TEXT NOT NULL DEFAULT '',
  changed_at TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS status_events(
  seq INTEGER PRIMARY KEY AUTOINCREMENT,
  packet_id TEXT NOT NULL REFERENCES packets(packet_id),
  station_id TEXT NOT NULL,
  status TEXT NOT NULL,
  reason TEXT NOT NULL DEFAULT '',
  changed_at TEXT NOT NULL);
CREATE INDEX IF NOT EXISTS status_events_station ON status_events(station_id, seq);
CREATE TABLE IF NOT EXISTS audit(
  seq INTEGER PRIMARY KEY AUTOINCREMENT,
  at TEXT NOT NULL,
  event TEXT NOT NULL,
  station_id TEXT NOT NULL DEFAULT '',
  packet_id TEXT NOT NULL DEFAULT '',
  detail TEXT NOT NULL DEFAULT '');
)sql";

// A prepared statement that finalises itself.
class Statement {
 public:
  Statement(sqlite3* db, const char* sql) { sqlite3_prepare_v2(db, sql, -1, &stmt_, nullptr); }
  ~Statement() { sqlite3_finalize(stmt_); }
  Statement(const Statement&) = delete;
  Statement& operator=(const Statement&) = delete;
  bool ok() const { return stmt_ != nullptr; }
  Statement& Bind(int index, const std::string& text) {
    sqlite3_bind_text(stmt_, index, text.data(), static_cast<int>(text.size()), SQLITE_TRANSIENT);
    return *this;
  }
  Statement& Bind(int index, const std::vector<uint8_t>& blob) {
    sqlite3_bind_blob(stmt_, index, blob.data(), static_cast<int>(blob.size()), SQLITE_TRANSIENT);
    return *this;
  }
  Statement& Bind(int index, int64_t value) {
    sqlite3_bind_int64(stmt_, index, value);
    return *this;
  }
  int Step() { return sqlite3_step(stmt_); }
  std::string Text(int column) {
    const unsigned char* text = sqlite3_column_text(stmt_, column);
    return text == nullptr ? std::string()
                           : std::string(reinterpret_cast<const char*>(text),
                                         static_cast<size_t>(sqlite3_column_bytes(stmt_, column)));
  }
  std::vector<uint8_t> Blob(int column) {
    const auto* data = static_cast<const uint8_t*>(sqlite3_column_blob(stmt_, column));
    return data == nullptr ? std::vector<uint8_t>()
                           : std::vector<uint8_t>(data, data + sqlite3_column_bytes(stmt_, column));
  }
  int64_t Int(int column) { return sqlite3_column_int64(stmt_, column); }

 private:
  sqlite3_stmt* stmt_ = nullptr;
};

constexpr const char* kSelectPacket =
    "SELECT packet_id, content_hash, station_id, received_at, receipt, status, reason, changed_at "
    "FROM packets WHERE packet_id = ?";

StoredPacket ReadPacket(Statement& stmt) {
  return {stmt.Text(0), stmt.Text(1), stmt.Text(2), stmt.Text(3),
          stmt.Blob(4), stmt.Text(5), stmt.Text(6), stmt.Text(7)};
}

}  // namespace

Result<std::unique_ptr<PacketStore>> PacketStore::Open(const std::filesystem::path& file) {
  sqlite3* db = nullptr;
  if (sqlite3_open_v2(file.c_str(), &db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_FULLMUTEX,
                      nullptr) != SQLITE_OK) {
    std::string detail = db != nullptr ? sqlite3_errmsg(db) : "out of memory";
    sqlite3_close(db);
    return Fail(Error::Io(N_("Cannot open the intake database."), detail));
  }
  std::unique_ptr<PacketStore> store(new PacketStore(db));
  sqlite3_busy_timeout(db, 5000);
  for (const char* sql : {"PRAGMA journal_mode=WAL", "PRAGMA synchronous=FULL",
                          "PRAGMA foreign_keys=ON", kSchema}) {
    auto done = store->Exec(sql);
    if (!done) return Fail(done.error());
  }
  return store;
}

PacketStore::~PacketStore() { sqlite3_close(db_); }

Result<void> PacketStore::Exec(const char* sql) {
  char* message = nullptr;
  if (sqlite3_exec(db_, sql, nullptr, nullptr, &message) != SQLITE_OK) {
    std::string detail = message != nullptr ? message : "";
    sqlite3_free(message);
    return Fail(Error::Io(N_("The intake database failed."), detail));
  }
  return {};
}

Error PacketStore::SqlError(const char* what) {
  return Error::Io(N_("The intake database failed."), std::string(what) + ": " + sqlite3_errmsg(db_));
}

Result<InsertOutcome> PacketStore::Insert(const StoredPacket& packet,
                                          const std::vector<uint8_t>& bytes,
                                          StoredPacket* existing) {
  std::lock_guard lock(mutex_);
  auto begun = Exec("BEGIN IMMEDIATE");
  if (!begun) return Fail(begun.error());
  auto rollback = [this](Error error) -> Result<InsertOutcome> {
    Exec("ROLLBACK");
    return Fail(std::move(error));
  };
  {
    Statement find(db_, kSelectPacket);
    find.Bind(1, packet.packet_id);
    if (find.Step() == SQLITE_ROW) {
      StoredPacket found = ReadPacket(find);
      Exec("ROLLBACK");
      if (found.content_hash != packet.content_hash) {
        return Fail(Error(ErrorCode::kConflict,
                          N_("A different packet with the same record number was already received.")));
      }
      if (existing != nullptr) *existing = std::move(found);
      return InsertOutcome::kDuplicate;
    }
  }
  Statement insert(db_,
                   "INSERT INTO packets(packet_id, content_hash, station_id, received_at, packet, "
                   "receipt, status, changed_at) VALUES(?, ?, ?, ?, ?, ?, 'received', ?)");
  insert.Bind(1, packet.packet_id).Bind(2, packet.content_hash).Bind(3, packet.station_id);
  insert.Bind(4, packet.received_at).Bind(5, bytes).Bind(6, packet.receipt).Bind(7, packet.received_at);
  if (insert.Step() != SQLITE_DONE) return rollback(SqlError("insert packet"));
  Statement event(db_,
                  "INSERT INTO status_events(packet_id, station_id, status, changed_at) "
                  "VALUES(?, ?, 'received', ?)");
  event.Bind(1, packet.packet_id).Bind(2, packet.station_id).Bind(3, packet.received_at);
  if (event.Step() != SQLITE_DONE) return rollback(SqlError("insert event"));
  auto committed = Exec("COMMIT");
  if (!committed) return rollback(committed.error());
  return InsertOutcome::kStored;
}

Result<std::optional<StoredPacket>> PacketStore::Find(const std::string& packet_id) {
  std::lock_guard lock(mutex_);
  Statement find(db_, kSelectPacket);
  find.Bind(1, packet_id);
  int rc = find.Step();
  if (rc == SQLITE_ROW) return std::optional<StoredPacket>(ReadPacket(find));
  if (rc == SQLITE_DONE) return std::optional<StoredPacket>();
  return Fail(SqlError("find packet"));
}

Result<std::vector<uint8_t>> PacketStore::PacketBytes(const std::string& packet_id) {
  std::lock_guard lock(mutex_);
  Statement find(db_, "SELECT packet FROM packets WHERE packet_id = ?");
  find.Bind(1, packet_id);
  if (find.Step() != SQLITE_ROW) return Fail(Error::NotFound(N_("No such packet."), packet_id));
  return find.Blob(0);
}

Result<void> PacketStore::SetStatus(const std::string& packet_id, CentralStatus status,
                                    const std::string& reason, const std::string& at) {
  std::lock_guard lock(mutex_);
  auto begun = Exec("BEGIN IMMEDIATE");
  if (!begun) return begun;
  std::string text(ToString(status));
  Statement update(db_, "UPDATE packets SET status = ?, reason = ?, changed_at = ? WHERE packet_id = ?");
  update.Bind(1, text).Bind(2, reason).Bind(3, at).Bind(4, packet_id);
  Statement event(db_,
                  "INSERT INTO status_events(packet_id, station_id, status, reason, changed_at) "
                  "SELECT packet_id, station_id, ?, ?, ? FROM packets WHERE packet_id = ?");
  event.Bind(1, text).Bind(2, reason).Bind(3, at).Bind(4, packet_id);
  if (update.Step() != SQLITE_DONE || event.Step() != SQLITE_DONE) {
    Error error = SqlError("set status");
    Exec("ROLLBACK");
    return Fail(std::move(error));
  }
  return Exec("COMMIT");
}

Result<std::vector<std::string>> PacketStore::InStatus(CentralStatus status) {
  std::lock_guard lock(mutex_);
  Statement select(db_, "SELECT packet_id FROM packets WHERE status = ? ORDER BY rowid");
  select.Bind(1, std::string(ToString(status)));
  std::vector<std::string> ids;
  while (select.Step() == SQLITE_ROW) ids.push_back(select.Text(0));
  return ids;
}

Result<std::vector<StatusEvent>> PacketStore::EventsSince(const std::string& station_id,
                                                          int64_t since, int limit) {
  std::lock_guard lock(mutex_);
  Statement select(db_,
                   "SELECT seq, packet_id, status, reason, changed_at FROM status_events "
                   "WHERE station_id = ? AND seq > ? ORDER BY seq LIMIT ?");
  select.Bind(1, station_id).Bind(2, since).Bind(3, static_cast<int64_t>(limit));
  std::vector<StatusEvent> events;
  while (select.Step() == SQLITE_ROW) {
    StatusEvent event;
    event.seq = select.Int(0);
    event.change.packet_id = select.Text(1);
    event.change.status = ParseCentralStatus(select.Text(2)).value_or(CentralStatus::kReceived);
    event.change.reason = select.Text(3);
    event.change.changed_at = select.Text(4);
    events.push_back(std::move(event));
  }
  return events;
}

Result<int64_t> PacketStore::PacketCount() {
  std::lock_guard lock(mutex_);
  Statement count(db_, "SELECT count(*) FROM packets");
  if (count.Step() != SQLITE_ROW) return Fail(SqlError("count"));
  return count.Int(0);
}

Result<void> PacketStore::Audit(const std::string& at, const std::string& event,
                                const std::string& station_id, const std::string& packet_id,
                                const std::string& detail) {
  std::lock_guard lock(mutex_);
  Statement insert(db_, "INSERT INTO audit(at, event, station_id, packet_id, detail) VALUES(?, ?, ?, ?, ?)");
  insert.Bind(1, at).Bind(2, event).Bind(3, station_id).Bind(4, packet_id).Bind(5, detail);
  if (insert.Step() != SQLITE_DONE) return Fail(SqlError("audit"));
  return {};
}

Result<int64_t> PacketStore::AuditCount(const std::string& event) {
  std::lock_guard lock(mutex_);
  Statement count(db_, "SELECT count(*) FROM audit WHERE event = ?");
  count.Bind(1, event);
  if (count.Step() != SQLITE_ROW) return Fail(SqlError("audit count"));
  return count.Int(0);
}

}  // namespace kiosk::sync::server
