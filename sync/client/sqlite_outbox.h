#pragma once
// A durable OutboxQueue in its own SQLite file, until the encrypted store provides the real
// one (kiosk/store will keep the outbox beside the records, in the approval's transaction).
// Used by `kiosk-cli sync now` and by the restart tests. Packets are stored as sealed (already
// encrypted to the server), so this file holds no citizen data in clear.
//
// Thread safety: as OutboxQueue (one connection behind a mutex).

#include <sqlite3.h>

#include <filesystem>
#include <memory>
#include <mutex>

#include "kiosk/sync_port/outbox_queue.h"

namespace kiosk::sync {

class SqliteOutboxQueue final : public OutboxQueue {
 public:
  static Result<std::unique_ptr<SqliteOutboxQueue>> Open(const std::filesystem::path& file);
  ~SqliteOutboxQueue() override;

  Result<void> Enqueue(const std::string& packet_id, const std::string& content_hash,
                       const std::vector<uint8_t>& packet, Clock::WallTime now) override;
  Result<std::optional<OutboxItem>> NextDue(Clock::WallTime now) override;
  Result<std::optional<Clock::WallTime>> EarliestDue() override;
  Result<void> MarkAcknowledged(const std::string& packet_id,
                                const UploadReceipt& receipt) override;
  Result<void> MarkFailed(const std::string& packet_id, const std::string& error,
                          Clock::WallTime next_attempt, bool permanent) override;
  Result<void> Requeue(const std::string& packet_id, Clock::WallTime now) override;
  Result<std::optional<OutboxItem>> Find(const std::string& packet_id) override;
  Result<OutboxCounts> Counts() override;
  Result<void> SaveCentralStatus(const StatusChange& change) override;
  Result<std::string> StatusCursor() override;
  Result<void> SaveStatusCursor(const std::string& cursor) override;

 private:
  explicit SqliteOutboxQueue(sqlite3* db) : db_(db) {}
  Result<std::optional<OutboxItem>> FindLocked(const std::string& packet_id);
  Result<void> Run(const char* sql, const std::vector<std::string>& texts,
                   const std::vector<int64_t>& numbers = {});

  std::mutex mutex_;
  sqlite3* db_;
};

}  // namespace kiosk::sync
