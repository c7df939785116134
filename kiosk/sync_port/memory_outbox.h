#pragma once
// An OutboxQueue kept in memory: for tests and for tools that do not need durability.

#include <map>
#include <mutex>

#include "kiosk/sync_port/outbox_queue.h"

namespace kiosk::sync {

class MemoryOutboxQueue final : public OutboxQueue {
 public:
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
  std::mutex mutex_;
  std::map<std::string, OutboxItem> items_;
  std::map<std::string, StatusChange> orphan_statuses_;  // statuses of packets not queued here
  std::string cursor_;
};

}  // namespace kiosk::sync
