#pragma once
// Enrollment records and daily batches in the store.
//
// Seal() writes a whole record in one transaction: every item sealed with AES-256-GCM (bound to
// record number and field), a content hash (SHA-256 over the canonical serialisation) signed with
// the station key, the record joined to today's open batch, a status-history row and an audit
// entry. After that the record's content cannot change (the schema refuses it, db verify checks
// it). The supervisor approves or rejects each record, then signs the batch; approved records
// then enter the outbox for sync.
//
// Every call checks the caller's role in the core (auth::Authorize).
//
// Thread safety: as the Store it borrows (one thread at a time).

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "kiosk/auth/authenticator.h"
#include "kiosk/batch/record.h"
#include "kiosk/core/config.h"
#include "kiosk/store/store.h"

namespace kiosk::batch {

class Records {
 public:
  Records(store::Store& store, Config::Policy policy) : store_(store), policy_(policy) {}

  // kPolicyViolation, with a clear message, when more than policy.max_pending_approvals records
  // await approval, or the last successful sync is older than policy.max_days_since_sync days.
  // The wizard calls it before starting; Seal checks it again.
  Result<void> CheckNewEnrollmentAllowed(const auth::Session& officer);

  // Computes the record's review flags from its items (enrollment::ReviewFlagsOfSealedItems:
  // record.json and the chip's files) and seals them with it; a flagged record needs an explicit
  // decision (needs_decision).
  Result<RecordSummary> Seal(const auth::Session& officer, const SealRequest& request);

  // No citizen data: any role may list.
  Result<std::vector<RecordSummary>> List(const auth::Session& session,
                                          std::optional<RecordStatus> status = std::nullopt,
                                          std::optional<int64_t> batch_id = std::nullopt);
  Result<RecordSummary> Get(const auth::Session& session, std::string_view record_number);
  Result<std::vector<StatusChange>> History(const auth::Session& session,
                                            std::string_view record_number);
  Result<std::vector<ItemInfo>> Items(const auth::Session& session, std::string_view record_number);

  // Citizen data (officer, supervisor); audited.
  Result<SecretBytes> ReadItem(const auth::Session& session, std::string_view record_number,
                               std::string_view field);
  Result<std::vector<std::string>> ReviewFlags(const auth::Session& session,
                                               std::string_view record_number);

  // Supervisor review (review.cpp).
  Result<void> Approve(const auth::Session& supervisor, std::string_view record_number,
                       std::string_view note = {});
  Result<void> Reject(const auth::Session& supervisor, std::string_view record_number,
                      std::string_view reason);
  // Approves every sealed record of the batch that needs no explicit decision; returns how many.
  // A record carrying review flags is never among them, whatever its needs_decision column says.
  Result<int64_t> ApproveAllUnflagged(const auth::Session& supervisor, int64_t batch_id);
  // Refused while any record of the batch awaits a decision. Approved records become queued.
  Result<void> SignBatch(const auth::Session& supervisor, int64_t batch_id);
  Result<std::vector<BatchSummary>> ListBatches(const auth::Session& session);
  Result<BatchSummary> GetBatch(const auth::Session& session, int64_t batch_id);

  // Sync side (the outbox client, a system actor, not a person): status changes after sending
  // and the central server's answers. Only forward moves are accepted.
  Result<void> MarkStatus(std::string_view system_actor, std::string_view record_number,
                          RecordStatus next, std::string_view reason = {});
  Result<void> RecordSuccessfulSync(std::string_view system_actor);
  // Record numbers waiting in the outbox (queued or sent, not acknowledged), oldest first.
  Result<std::vector<std::string>> PendingOutbox();
  // A queued or later record with its items decrypted, for the sync packet. Audited as an export.
  // Refused (kPolicyViolation) for records never approved in a signed batch, and for purged ones.
  Result<SealedRecord> LoadForSync(std::string_view system_actor, std::string_view record_number);

  // Retention (retention.cpp): deletes biometric and image items of records acknowledged more
  // than policy.retention_days ago (secure_delete is on), then checkpoints the WAL. Audited.
  // Returns the number of records purged.
  Result<int64_t> PurgeExpired(const auth::Session& session);

 private:
  Result<RecordSummary> Find(std::string_view record_number);
  Result<int64_t> OpenBatchForToday(int64_t now);
  // The next record number of the station day of `now` (record_number.h). REQUIRES: inside the
  // sealing transaction (the write lock keeps two seals from taking the same number).
  Result<std::string> NextRecordNumber(int64_t now);
  Result<void> AddHistory(int64_t enrollment_id, std::string_view record_number,
                          RecordStatus status, int64_t at, std::string_view actor,
                          std::string_view reason);
  Result<void> Decide(const auth::Session& supervisor, std::string_view record_number,
                      RecordStatus decision, std::string_view reason);

  store::Store& store_;
  Config::Policy policy_;
};

// Station time for batch days and record numbers: Viet Nam, UTC+7 all year.
std::string StationDay(int64_t unix_seconds);  // "2026-01-15"

}  // namespace kiosk::batch
