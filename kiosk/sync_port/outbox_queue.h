#pragma once
// The OutboxQueue port: the durable list of approved packets waiting to reach the central
// server. The store implements it over its encrypted SQLite database (a table beside the
// records, written in the same transaction as the approval, so an approved record is never
// lost between approval and queueing); MemoryOutboxQueue serves tests.
//
// Contract:
//  - Enqueue is idempotent by packet id: enqueueing an id that is already queued or
//    acknowledged with the same content hash does nothing; with another hash it is kConflict.
//  - An item stays queued until MarkAcknowledged; a crash at any point leaves it queued, so the
//    worker uploads it again and the server's idempotency (same id, same hash) answers with
//    the original receipt. This is what makes delivery exactly-once on the server.
//  - MarkFailed records the attempt and when to try again; `permanent` parks the item (a
//    conflict, a refused certificate) until a technician acts: it is never retried on its own.
//  - Central statuses and the status cursor are kept here too, so "check processing status"
//    works from the station's own data.
//
// Thread safety: every method may be called from any thread (the worker thread and the UI
// thread both use it); implementations serialise internally.

#include <chrono>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "kiosk/core/clock.h"
#include "kiosk/core/result.h"
#include "kiosk/sync_port/sync_transport.h"

namespace kiosk::sync {

enum class OutboxState { kQueued, kAcknowledged, kParked };
std::string_view ToString(OutboxState state);

struct OutboxItem {
  std::string packet_id;              // the record number
  std::string content_hash;           // hex SHA-256 of the manifest
  std::vector<uint8_t> packet;        // sealed packet (already encrypted to the server)
  OutboxState state = OutboxState::kQueued;
  int attempts = 0;
  Clock::WallTime next_attempt{};     // not before this time
  std::string last_error;             // English, for the technician; never citizen data
  std::optional<UploadReceipt> receipt;
  std::optional<StatusChange> central_status;  // the latest known
};

struct OutboxCounts {
  size_t queued = 0;
  size_t acknowledged = 0;
  size_t parked = 0;
};

class OutboxQueue {
 public:
  OutboxQueue() = default;
  OutboxQueue(const OutboxQueue&) = delete;
  OutboxQueue& operator=(const OutboxQueue&) = delete;
  virtual ~OutboxQueue() = default;

  virtual Result<void> Enqueue(const std::string& packet_id, const std::string& content_hash,
                               const std::vector<uint8_t>& packet, Clock::WallTime now) = 0;
  // The queued item due first whose next_attempt <= now, if any.
  virtual Result<std::optional<OutboxItem>> NextDue(Clock::WallTime now) = 0;
  // The earliest next_attempt among queued items (to know how long to sleep).
  virtual Result<std::optional<Clock::WallTime>> EarliestDue() = 0;
  virtual Result<void> MarkAcknowledged(const std::string& packet_id,
                                        const UploadReceipt& receipt) = 0;
  virtual Result<void> MarkFailed(const std::string& packet_id, const std::string& error,
                                  Clock::WallTime next_attempt, bool permanent) = 0;
  // Puts a parked item back in the queue (after the technician fixed the cause).
  virtual Result<void> Requeue(const std::string& packet_id, Clock::WallTime now) = 0;

  virtual Result<std::optional<OutboxItem>> Find(const std::string& packet_id) = 0;
  virtual Result<OutboxCounts> Counts() = 0;

  virtual Result<void> SaveCentralStatus(const StatusChange& change) = 0;
  virtual Result<std::string> StatusCursor() = 0;
  virtual Result<void> SaveStatusCursor(const std::string& cursor) = 0;
};

}  // namespace kiosk::sync
