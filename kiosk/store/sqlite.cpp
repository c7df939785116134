#include "kiosk/store/sqlite.h"

#include <sqlite3.h>

#include <utility>

namespace kiosk::store {

Error SqliteError(int code, std::string_view what, std::string_view sqlite_message) {
  std::string detail = std::string(what) + ": " + sqlite3_errstr(code);
  if (!sqlite_message.empty()) detail += " (" + std::string(sqlite_message) + ")";
  switch (code & 0xff) {
    case SQLITE_FULL:
      return Error(ErrorCode::kDiskFull,
                   "The disk is full: nothing was saved. Free some space, then retry.", detail);
    case SQLITE_READONLY:
      return Error(ErrorCode::kReadOnly,
                   "The database is read-only: nothing was saved. Ask the technician.", detail);
    case SQLITE_CORRUPT:
    case SQLITE_NOTADB:
      return Error(ErrorCode::kCorrupt,
                   "The database is damaged. Ask the technician to restore a backup.", detail);
    case SQLITE_BUSY:
    case SQLITE_LOCKED:
      return Error(ErrorCode::kIo, "The database is busy. Retry in a moment.", detail,
                   Error::Retry::kYes);
    case SQLITE_CONSTRAINT:
      return Error(ErrorCode::kConflict, "The change conflicts with stored data.", detail);
    case SQLITE_NOMEM:
      return Error::Internal(detail);
    case SQLITE_CANTOPEN:
      return Error::Io("The database cannot be opened.", detail);
    default:
      return Error::Io("The database cannot be read or written.", detail);
  }
}

// --- Statement ---

Statement::Statement(Statement&& other) noexcept
    : db_(other.db_), stmt_(std::exchange(other.stmt_, nullptr)), bind_error_(other.bind_error_) {}

Statement& Statement::operator=(Statement&& other) noexcept {
  if (this != &other) {
    sqlite3_finalize(stmt_);
    db_ = other.db_;
    stmt_ = std::exchange(other.stmt_, nullptr);
    bind_error_ = other.bind_error_;
  }
  return *this;
}

Statement::~Statement() { sqlite3_finalize(stmt_); }

Statement& Statement::Bind(int index, int64_t value) {
  int rc = sqlite3_bind_int64(stmt_, index, value);
  if (rc != SQLITE_OK && bind_error_ == 0) bind_error_ = rc;
  return *this;
}

Statement& Statement::Bind(int index, std::string_view text) {
  int rc = sqlite3_bind_text64(stmt_, index, text.data(), text.size(), SQLITE_TRANSIENT,
                               SQLITE_UTF8);
  if (rc != SQLITE_OK && bind_error_ == 0) bind_error_ = rc;
  return *this;
}

Statement& Statement::Bind(int index, std::span<const uint8_t> blob) {
  // A zero-length blob is bound as an empty blob, not NULL.
  static const uint8_t kEmpty = 0;
  int rc = sqlite3_bind_blob64(stmt_, index, blob.empty() ? &kEmpty : blob.data(), blob.size(),
                               SQLITE_TRANSIENT);
  if (rc != SQLITE_OK && bind_error_ == 0) bind_error_ = rc;
  return *this;
}

Statement& Statement::BindStatic(int index, std::span<const uint8_t> blob) {
  static const uint8_t kEmpty = 0;
  int rc = sqlite3_bind_blob64(stmt_, index, blob.empty() ? &kEmpty : blob.data(), blob.size(),
                               SQLITE_STATIC);
  if (rc != SQLITE_OK && bind_error_ == 0) bind_error_ = rc;
  return *this;
}

Statement& Statement::BindNull(int index) {
  int rc = sqlite3_bind_null(stmt_, index);
  if (rc != SQLITE_OK && bind_error_ == 0) bind_error_ = rc;
  return *this;
}

Result<bool> Statement::Step() {
  if (bind_error_ != 0) return Fail(SqliteError(bind_error_, "bind"));
  int rc = sqlite3_step(stmt_);
  if (rc == SQLITE_ROW) return true;
  if (rc == SQLITE_DONE) return false;
  int extended = sqlite3_extended_errcode(db_);
  return Fail(SqliteError(extended != 0 ? extended : rc, "step", sqlite3_errmsg(db_)));
}

Result<void> Statement::Run() {
  for (;;) {
    auto row = Step();
    if (!row) return Fail(row.error());
    if (!*row) return {};
  }
}

void Statement::Reset() {
  sqlite3_reset(stmt_);
  sqlite3_clear_bindings(stmt_);
  bind_error_ = 0;
}

bool Statement::IsNull(int column) const {
  return sqlite3_column_type(stmt_, column) == SQLITE_NULL;
}

int64_t Statement::Int(int column) const { return sqlite3_column_int64(stmt_, column); }

std::string Statement::Text(int column) const {
  const auto* text = sqlite3_column_text(stmt_, column);
  int size = sqlite3_column_bytes(stmt_, column);
  return text ? std::string(reinterpret_cast<const char*>(text), static_cast<size_t>(size))
              : std::string();
}

Bytes Statement::Blob(int column) const {
  auto view = BlobView(column);
  return Bytes(view.begin(), view.end());
}

std::span<const uint8_t> Statement::BlobView(int column) const {
  const auto* data = static_cast<const uint8_t*>(sqlite3_column_blob(stmt_, column));
  int size = sqlite3_column_bytes(stmt_, column);
  if (data == nullptr || size <= 0) return {};
  return {data, static_cast<size_t>(size)};
}

// --- Database ---

Result<Database> Database::Open(const std::filesystem::path& file, const OpenOptions& options) {
  int flags = SQLITE_OPEN_NOMUTEX;
  flags |= options.read_only ? SQLITE_OPEN_READONLY
                             : SQLITE_OPEN_READWRITE | (options.create ? SQLITE_OPEN_CREATE : 0);
  sqlite3* raw = nullptr;
  int rc = sqlite3_open_v2(file.string().c_str(), &raw, flags, nullptr);
  Database db(raw, file);
  if (rc != SQLITE_OK) {
    return Fail(SqliteError(rc, "open " + file.filename().string(),
                            raw ? sqlite3_errmsg(raw) : ""));
  }
  sqlite3_extended_result_codes(raw, 1);
  sqlite3_busy_timeout(raw, options.busy_timeout_ms);
  // Reading the schema is the first access to the file: a file that is not a database
  // (or a damaged header) is reported here as kCorrupt.
  if (auto r = db.Exec("SELECT count(*) FROM sqlite_master"); !r) return Fail(r.error());
  if (!options.read_only) {
    if (auto r = db.Exec("PRAGMA journal_mode=WAL"); !r) return Fail(r.error());
  }
  for (const char* pragma : {"PRAGMA synchronous=FULL", "PRAGMA foreign_keys=ON",
                             "PRAGMA secure_delete=ON"}) {
    if (auto r = db.Exec(pragma); !r) return Fail(r.error());
  }
  return db;
}

Database::Database(Database&& other) noexcept
    : db_(std::exchange(other.db_, nullptr)), path_(std::move(other.path_)) {}

Database& Database::operator=(Database&& other) noexcept {
  if (this != &other) {
    sqlite3_close_v2(db_);
    db_ = std::exchange(other.db_, nullptr);
    path_ = std::move(other.path_);
  }
  return *this;
}

Database::~Database() { sqlite3_close_v2(db_); }

Result<void> Database::Exec(std::string_view sql) {
  char* message = nullptr;
  int rc = sqlite3_exec(db_, std::string(sql).c_str(), nullptr, nullptr, &message);
  if (rc != SQLITE_OK) {
    std::string text = message ? message : "";
    sqlite3_free(message);
    int extended = sqlite3_extended_errcode(db_);
    return Fail(SqliteError(extended != 0 ? extended : rc, "exec", text));
  }
  return {};
}

Result<Statement> Database::Prepare(std::string_view sql) {
  sqlite3_stmt* stmt = nullptr;
  int rc = sqlite3_prepare_v2(db_, sql.data(), static_cast<int>(sql.size()), &stmt, nullptr);
  if (rc != SQLITE_OK) {
    sqlite3_finalize(stmt);
    return Fail(SqliteError(sqlite3_extended_errcode(db_), "prepare", sqlite3_errmsg(db_)));
  }
  return Statement(db_, stmt);
}

int64_t Database::LastInsertRowId() const { return sqlite3_last_insert_rowid(db_); }
int Database::Changes() const { return sqlite3_changes(db_); }
bool Database::InTransaction() const { return sqlite3_get_autocommit(db_) == 0; }

Result<void> Database::BackupTo(const std::filesystem::path& destination) {
  std::error_code ec;
  std::filesystem::remove(destination, ec);
  sqlite3* target = nullptr;
  int rc = sqlite3_open_v2(destination.string().c_str(), &target,
                           SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, nullptr);
  Database target_db(target, destination);
  if (rc != SQLITE_OK) return Fail(SqliteError(rc, "open backup target"));
  sqlite3_backup* backup = sqlite3_backup_init(target, "main", db_, "main");
  if (backup == nullptr) {
    return Fail(SqliteError(sqlite3_extended_errcode(target), "backup init",
                            sqlite3_errmsg(target)));
  }
  do {
    rc = sqlite3_backup_step(backup, 256);
    if (rc == SQLITE_BUSY || rc == SQLITE_LOCKED) sqlite3_sleep(20);
  } while (rc == SQLITE_OK || rc == SQLITE_BUSY || rc == SQLITE_LOCKED);
  sqlite3_backup_finish(backup);
  if (rc != SQLITE_DONE) return Fail(SqliteError(rc, "backup step"));
  // A backup is one self-contained file (no -wal beside it).
  if (auto r = target_db.Exec("PRAGMA journal_mode=DELETE"); !r) return Fail(r.error());
  return {};
}

// --- Transaction ---

Result<Transaction> Transaction::Begin(Database& db) {
  if (auto r = db.Exec("BEGIN IMMEDIATE"); !r) return Fail(r.error());
  return Transaction(&db);
}

Transaction::Transaction(Transaction&& other) noexcept : db_(std::exchange(other.db_, nullptr)) {}

Transaction::~Transaction() {
  if (db_ != nullptr && db_->InTransaction()) (void)db_->Exec("ROLLBACK");
}

Result<void> Transaction::Commit() {
  Database* db = std::exchange(db_, nullptr);
  if (db == nullptr) return Fail(Error::Internal("commit without transaction"));
  auto r = db->Exec("COMMIT");
  if (!r) {
    // A failed COMMIT may leave the transaction open: undo it so nothing half-done stays.
    if (db->InTransaction()) (void)db->Exec("ROLLBACK");
    return r;
  }
  return {};
}

}  // namespace kiosk::store
