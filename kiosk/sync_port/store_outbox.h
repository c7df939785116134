#pragma once
// THE outbox: the OutboxQueue over the station's encrypted store (schema migration 2).
//
// Signing a batch already puts every approved record into the store's `outbox` table in the
// same transaction as the approval (kiosk/batch/review.cpp), so no approved record can be lost
// between approval and queueing. Such a row is "awaiting packaging" until the sync side builds
// its sealed packet and calls Enqueue, which stores the packet in that same row; from then on
// the row is a queued OutboxItem. Acknowledgement stores the server's signed receipt and moves
// the record to `acknowledged` through batch::Records (status history + audit); central
// statuses move it on (received_for_processing, not_accepted with its reason sealed,
// central_approved).
//
// Only records approved in a signed batch can be enqueued: Enqueue of an id without an outbox
// row is kPolicyViolation. A packet refused for good (MarkFailed permanent) is parked and an
// audit entry says why.
//
// Thread safety: every method serialises on one mutex. The Store and Records given must not be
// used by any other thread: open a second Store on the same database for the sync thread (the
// database is shared through WAL; the GUI thread keeps its own connection).

#include <mutex>
#include <optional>
#include <string>
#include <vector>

#include "kiosk/batch/record.h"
#include "kiosk/batch/records.h"
#include "kiosk/store/store.h"
#include "kiosk/sync_port/outbox_queue.h"

namespace kiosk::sync {

// What the station itself knows of one record ("check processing status").
struct LocalRecordState {
  std::string record_number;
  batch::RecordStatus status = batch::RecordStatus::kDraft;
  std::string outbox_state;  // "" (not in the outbox), "pending", "sent", "done", "parked"
  bool packaged = false;
  std::string last_error;    // English, for the technician
  std::optional<StatusChange> central;
  int64_t updated_at = 0;    // unix seconds of the record's last status change
};

struct StationOutboxCounts {
  size_t awaiting_packaging = 0;  // approved in a signed batch, packet not built yet
  size_t queued = 0;
  size_t acknowledged = 0;
  size_t parked = 0;
};

class StoreOutboxQueue final : public OutboxQueue {
 public:
  // `actor` names the sync side in the audit log and the status history.
  StoreOutboxQueue(store::Store& store, batch::Records& records, std::string actor = "system:sync");

  Result<void> Enqueue(const std::string& packet_id, const std::string& content_hash,
                       const std::vector<uint8_t>& packet, Clock::WallTime now) override;
  Result<std::optional<OutboxItem>> NextDue(Clock::WallTime now) override;
  Result<std::optional<Clock::WallTime>> EarliestDue() override;
  Result<void> MarkAcknowledged(const std::string& packet_id,
                                const UploadReceipt& receipt) override;
  Result<void> MarkFailed(const std::string& packet_id, const std::string& error,
                          Clock::WallTime next_attempt, bool permanent) override;
  Result<void> Requeue(const std::string& packet_id, Clock::WallTime now) override;
  // Every parked record back in the queue (after the technician fixed the cause); how many.
  Result<size_t> RequeueParked(Clock::WallTime now);
  Result<std::optional<OutboxItem>> Find(const std::string& packet_id) override;
  Result<OutboxCounts> Counts() override;
  Result<void> SaveCentralStatus(const StatusChange& change) override;
  Result<std::string> StatusCursor() override;
  Result<void> SaveStatusCursor(const std::string& cursor) override;

  // Records approved in a signed batch whose packet is not built yet, oldest first.
  Result<std::vector<std::string>> AwaitingPackaging();
  // The record's sealed content for its packet (audited as an export by Records).
  Result<batch::SealedRecord> LoadForPackaging(const std::string& record_number);
  // The packet cannot be built (purged record, unreadable content): parked with the reason.
  Result<void> ParkUnpackaged(const std::string& record_number, const std::string& error);
  Result<std::optional<LocalRecordState>> Describe(const std::string& record_number);
  Result<StationOutboxCounts> StationCounts();
  // The station reached the server and everything due went through (the freeze rule's clock).
  Result<void> NoteSuccessfulSync();
  Result<std::optional<Clock::WallTime>> LastSuccessfulSync();
  // A refusal or other sync event worth an audit entry (never citizen data in `detail`).
  Result<void> Audit(std::string_view action, std::string_view record, std::string_view outcome,
                     std::string_view detail);

 private:
  Result<std::optional<OutboxItem>> FindLocked(const std::string& packet_id);
  Result<void> ApplyCentralToRecord(const std::string& record_number, const StatusChange& change);

  std::mutex mutex_;
  store::Store& store_;
  batch::Records& records_;
  std::string actor_;
};

}  // namespace kiosk::sync
