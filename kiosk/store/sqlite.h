#pragma once
// A thin RAII layer over sqlite3: a connection, prepared statements and transactions. Every
// sqlite result code becomes a kiosk::Error in one place (SqliteError), so the store's callers
// branch on kDiskFull, kReadOnly, kCorrupt… and never on SQLITE_* values.
//
// Thread safety: a Database and its Statements belong to one thread at a time.

#include <cstdint>
#include <filesystem>
#include <span>
#include <string>
#include <string_view>
#include <type_traits>
#include <vector>

#include "kiosk/core/result.h"

struct sqlite3;
struct sqlite3_stmt;

namespace kiosk::store {

using Bytes = std::vector<uint8_t>;

// The one place that maps sqlite codes (primary or extended) to the station's errors.
// SQLITE_FULL → kDiskFull, SQLITE_READONLY → kReadOnly, SQLITE_CORRUPT/NOTADB → kCorrupt,
// SQLITE_BUSY/LOCKED → kIo retriable, SQLITE_CONSTRAINT → kConflict, others → kIo.
Error SqliteError(int code, std::string_view what, std::string_view sqlite_message = {});

class Statement {
 public:
  Statement(Statement&& other) noexcept;
  Statement& operator=(Statement&& other) noexcept;
  Statement(const Statement&) = delete;
  Statement& operator=(const Statement&) = delete;
  ~Statement();

  // Parameters are 1-based; values are copied into sqlite.
  Statement& Bind(int index, int64_t value);
  Statement& Bind(int index, int value) { return Bind(index, static_cast<int64_t>(value)); }
  Statement& Bind(int index, std::string_view text);
  Statement& Bind(int index, const char* text) { return Bind(index, std::string_view(text)); }
  Statement& Bind(int index, const std::string& text) { return Bind(index, std::string_view(text)); }
  Statement& Bind(int index, std::span<const uint8_t> blob);
  Statement& Bind(int index, const Bytes& blob) { return Bind(index, std::span<const uint8_t>(blob)); }
  Statement& BindNull(int index);
  // Binds without copying. REQUIRES: blob outlives the statement's next Step/Reset.
  Statement& BindStatic(int index, std::span<const uint8_t> blob);

  // Advances: true when a row is available, false when done.
  Result<bool> Step();
  // Steps until done (for statements without rows).
  Result<void> Run();
  void Reset();

  bool IsNull(int column) const;
  int64_t Int(int column) const;
  std::string Text(int column) const;
  Bytes Blob(int column) const;
  std::span<const uint8_t> BlobView(int column) const;  // valid until the next Step/Reset

  // Steps through every remaining row, calling visit(*this) on each; stops at the first error.
  template <class Visit>
  Result<void> ForEachRow(Visit&& visit) {
    for (;;) {
      auto row = Step();
      if (!row) return Fail(row.error());
      if (!*row) return {};
      visit(static_cast<const Statement&>(*this));
    }
  }
  // Every remaining row turned into a T by read(*this).
  template <class Read>
  auto Rows(Read&& read) -> Result<std::vector<std::invoke_result_t<Read&, const Statement&>>> {
    std::vector<std::invoke_result_t<Read&, const Statement&>> rows;
    auto done = ForEachRow([&](const Statement& row) { rows.push_back(read(row)); });
    if (!done) return Fail(done.error());
    return rows;
  }

 private:
  friend class Database;
  Statement(sqlite3* db, sqlite3_stmt* stmt) : db_(db), stmt_(stmt) {}
  sqlite3* db_;
  sqlite3_stmt* stmt_;
  int bind_error_ = 0;
};

struct OpenOptions {
  bool read_only = false;
  bool create = true;
  int busy_timeout_ms = 5000;
};

class Database {
 public:
  // Opens (or creates) the file and applies the station's pragmas: WAL, synchronous=FULL,
  // foreign_keys=ON, secure_delete=ON, busy_timeout.
  static Result<Database> Open(const std::filesystem::path& file, const OpenOptions& options = {});

  Database(Database&& other) noexcept;
  Database& operator=(Database&& other) noexcept;
  Database(const Database&) = delete;
  Database& operator=(const Database&) = delete;
  ~Database();

  Result<void> Exec(std::string_view sql);
  Result<Statement> Prepare(std::string_view sql);
  // Prepare and bind the arguments to parameters 1, 2, …
  template <class... Args>
  Result<Statement> Query(std::string_view sql, const Args&... args) {
    auto statement = Prepare(sql);
    if (!statement) return statement;
    int index = 0;
    (statement->Bind(++index, args), ...);
    return statement;
  }
  // Runs a statement without rows.
  template <class... Args>
  Result<void> Run(std::string_view sql, const Args&... args) {
    auto statement = Query(sql, args...);
    if (!statement) return Fail(statement.error());
    return statement->Run();
  }
  // The first column of the first row as an integer (fallback when there is no row).
  template <class... Args>
  Result<int64_t> QueryInt(std::string_view sql, int64_t fallback, const Args&... args) {
    auto statement = Query(sql, args...);
    if (!statement) return Fail(statement.error());
    auto row = statement->Step();
    if (!row) return Fail(row.error());
    if (!*row || statement->IsNull(0)) return fallback;
    return statement->Int(0);
  }

  // Every row of a query, each turned into a value by read(statement):
  //   auto days = db.QueryRows("SELECT day FROM batches WHERE status = ?",
  //                            [](const Statement& row) { return row.Text(0); }, "open");
  template <class Read, class... Args>
  auto QueryRows(std::string_view sql, Read&& read, const Args&... args)
      -> Result<std::vector<std::invoke_result_t<Read&, const Statement&>>> {
    auto statement = Query(sql, args...);
    if (!statement) return Fail(statement.error());
    return statement->Rows(read);
  }

  int64_t LastInsertRowId() const;
  int Changes() const;
  bool InTransaction() const;
  const std::filesystem::path& path() const { return path_; }
  sqlite3* handle() { return db_; }

  // sqlite's online backup into `destination` (overwritten). The copy is a consistent snapshot.
  Result<void> BackupTo(const std::filesystem::path& destination);

 private:
  Database(sqlite3* db, std::filesystem::path path) : db_(db), path_(std::move(path)) {}
  sqlite3* db_;
  std::filesystem::path path_;
};

// BEGIN IMMEDIATE on construction (takes the write lock up front so a transaction never fails
// half-way on a busy lock); rolls back on destruction unless committed.
class Transaction {
 public:
  static Result<Transaction> Begin(Database& db);
  Transaction(Transaction&& other) noexcept;
  Transaction(const Transaction&) = delete;
  Transaction& operator=(const Transaction&) = delete;
  Transaction& operator=(Transaction&&) = delete;
  ~Transaction();
  Result<void> Commit();

 private:
  explicit Transaction(Database* db) : db_(db) {}
  Database* db_;
};

}  // namespace kiosk::store
