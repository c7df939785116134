#include "kiosk/sync_port/store_outbox.h"

#include "kiosk/core/i18n.h"

namespace kiosk::sync {

namespace {

constexpr std::string_view kCursorSetting = "sync.status_cursor";
constexpr std::string_view kReasonField = "central.reason";

int64_t ToMs(Clock::WallTime t) {
  return std::chrono::duration_cast<std::chrono::milliseconds>(t.time_since_epoch()).count();
}
Clock::WallTime FromMs(int64_t ms) {
  return Clock::WallTime(
      std::chrono::duration_cast<Clock::WallTime::duration>(std::chrono::milliseconds(ms)));
}

// When the row is due: the retry schedule once one was set, else when the batch was signed.
constexpr const char* kDueMs = "coalesce(o.next_attempt_ms, o.next_attempt_at * 1000)";

std::string SelectItems() {
  return std::string(
             "SELECT e.record_number, o.content_hash, o.packet, o.state, o.attempts, ") +
         kDueMs +
         ", coalesce(o.last_error, ''), o.receipt, coalesce(o.received_at, ''), o.duplicate, "
         "coalesce(o.central_status, ''), o.central_reason, coalesce(o.central_changed_at, '') "
         "FROM outbox o JOIN enrollments e ON e.id = o.enrollment_id ";
}

OutboxState StateOf(const std::string& state) {
  if (state == "done") return OutboxState::kAcknowledged;
  if (state == "parked") return OutboxState::kParked;
  return OutboxState::kQueued;
}

// Central status → the record's own status (received is already "acknowledged").
std::optional<batch::RecordStatus> RecordStatusFor(CentralStatus status) {
  switch (status) {
    case CentralStatus::kReceived: return std::nullopt;
    case CentralStatus::kProcessing: return batch::RecordStatus::kReceivedForProcessing;
    case CentralStatus::kApproved: return batch::RecordStatus::kCentralApproved;
    case CentralStatus::kNotAccepted: return batch::RecordStatus::kNotAccepted;
  }
  return std::nullopt;
}

}  // namespace

StoreOutboxQueue::StoreOutboxQueue(store::Store& store, batch::Records& records, std::string actor)
    : store_(store), records_(records), actor_(std::move(actor)) {}

Result<std::optional<OutboxItem>> StoreOutboxQueue::FindLocked(const std::string& packet_id) {
  auto q = store_.db().Query(SelectItems() + "WHERE e.record_number = ? AND o.packet IS NOT NULL",
                             packet_id);
  if (!q) return Fail(q.error());
  auto row = q->Step();
  if (!row) return Fail(row.error());
  if (!*row) return std::optional<OutboxItem>();
  OutboxItem item;
  item.packet_id = q->Text(0);
  item.content_hash = q->Text(1);
  item.packet = q->Blob(2);
  item.state = StateOf(q->Text(3));
  item.attempts = static_cast<int>(q->Int(4));
  item.next_attempt = FromMs(q->Int(5));
  item.last_error = q->Text(6);
  if (!q->IsNull(7)) {
    item.receipt = UploadReceipt{item.packet_id, item.content_hash, q->Text(8), q->Int(9) != 0,
                                 q->Blob(7)};
  }
  const std::string central = q->Text(10);
  if (auto parsed = ParseCentralStatus(central); !central.empty() && parsed) {
    StatusChange change{item.packet_id, *parsed, {}, q->Text(12)};
    if (!q->IsNull(11)) {
      auto reason = store_.OpenField(item.packet_id, kReasonField, q->BlobView(11));
      if (!reason) return Fail(reason.error());
      change.reason.assign(reinterpret_cast<const char*>(reason->data()), reason->size());
    }
    item.central_status = std::move(change);
  }
  return std::optional<OutboxItem>(std::move(item));
}

Result<void> StoreOutboxQueue::Enqueue(const std::string& packet_id,
                                       const std::string& content_hash,
                                       const std::vector<uint8_t>& packet, Clock::WallTime now) {
  std::lock_guard lock(mutex_);
  auto tx = store::Transaction::Begin(store_.db());
  if (!tx) return Fail(tx.error());
  int64_t id = 0;
  {
    auto q = store_.db().Query(
        "SELECT o.id, coalesce(o.content_hash, ''), o.packet IS NOT NULL FROM outbox o "
        "JOIN enrollments e ON e.id = o.enrollment_id WHERE e.record_number = ?",
        packet_id);
    if (!q) return Fail(q.error());
    auto row = q->Step();
    if (!row) return Fail(row.error());
    if (!*row) {
      return Fail(Error(ErrorCode::kPolicyViolation,
                        N_("Only records approved in a signed batch leave the station."), packet_id));
    }
    id = q->Int(0);
    if (q->Int(2) != 0) {
      if (q->Text(1) == content_hash) return {};
      return Fail(Error(ErrorCode::kConflict,
                        N_("A different packet with the same record number is already queued.")));
    }
  }
  if (auto r = store_.db().Run(
          "UPDATE outbox SET packet = ?, content_hash = ?, packaged_at = ?, next_attempt_ms = ?, "
          "state = CASE state WHEN 'parked' THEN 'pending' ELSE state END, last_error = NULL "
          "WHERE id = ?",
          packet, content_hash, store::ToUnixSeconds(now), ToMs(now), id);
      !r) {
    return r;
  }
  return tx->Commit();
}

Result<std::optional<OutboxItem>> StoreOutboxQueue::NextDue(Clock::WallTime now) {
  std::lock_guard lock(mutex_);
  auto q = store_.db().Query(
      std::string("SELECT e.record_number FROM outbox o JOIN enrollments e ON e.id = o.enrollment_id "
                  "WHERE o.state IN ('pending','sent') AND o.packet IS NOT NULL AND ") +
          kDueMs + " <= ? ORDER BY " + kDueMs + ", o.id LIMIT 1",
      ToMs(now));
  if (!q) return Fail(q.error());
  auto row = q->Step();
  if (!row) return Fail(row.error());
  if (!*row) return std::optional<OutboxItem>();
  const std::string id = q->Text(0);
  return FindLocked(id);
}

Result<std::optional<Clock::WallTime>> StoreOutboxQueue::EarliestDue() {
  std::lock_guard lock(mutex_);
  auto q = store_.db().Query(std::string("SELECT min(") + kDueMs +
                             ") FROM outbox o WHERE o.state IN ('pending','sent') AND "
                             "o.packet IS NOT NULL");
  if (!q) return Fail(q.error());
  auto row = q->Step();
  if (!row) return Fail(row.error());
  if (!*row || q->IsNull(0)) return std::optional<Clock::WallTime>();
  return std::optional<Clock::WallTime>(FromMs(q->Int(0)));
}

Result<void> StoreOutboxQueue::MarkAcknowledged(const std::string& packet_id,
                                                const UploadReceipt& receipt) {
  std::lock_guard lock(mutex_);
  // The receipt first, then the record's status (its own transaction, with history and audit).
  // A crash in between leaves the row queued: the next upload gets the original receipt again.
  if (auto r = store_.db().Run(
          "UPDATE outbox SET receipt = ?, received_at = ?, duplicate = ?, last_error = NULL "
          "WHERE enrollment_id = (SELECT id FROM enrollments WHERE record_number = ?)",
          receipt.signed_receipt, receipt.received_at, receipt.duplicate ? 1 : 0, packet_id);
      !r) {
    return r;
  }
  if (store_.db().Changes() == 0) {
    return Fail(Error::NotFound(N_("No such packet in the outbox."), packet_id));
  }
  if (auto r = records_.MarkStatus(actor_, packet_id, batch::RecordStatus::kAcknowledged); !r) {
    // Already further on (a central status came first): the receipt is what was missing.
    if (r.error().code() != ErrorCode::kConflict) return r;
  }
  if (auto r = store_.db().Run(
          "UPDATE outbox SET state = 'done' WHERE state <> 'done' AND "
          "enrollment_id = (SELECT id FROM enrollments WHERE record_number = ?)",
          packet_id);
      !r) {
    return r;
  }
  if (receipt.duplicate) {
    (void)store_.audit().Append(actor_, "sync.replay_acknowledged", packet_id, "ok",
                                "the server already had this packet; original receipt kept");
  }
  // A central status that arrived before the receipt was stored applies now.
  auto item = FindLocked(packet_id);
  if (item && item->has_value() && (*item)->central_status) {
    return ApplyCentralToRecord(packet_id, *(*item)->central_status);
  }
  return {};
}

Result<void> StoreOutboxQueue::MarkFailed(const std::string& packet_id, const std::string& error,
                                          Clock::WallTime next_attempt, bool permanent) {
  std::lock_guard lock(mutex_);
  auto tx = store::Transaction::Begin(store_.db());
  if (!tx) return Fail(tx.error());
  if (auto r = store_.db().Run(
          permanent ? "UPDATE outbox SET state = 'parked', last_error = ?, attempts = attempts + 1, "
                      "next_attempt_ms = ? WHERE enrollment_id = "
                      "(SELECT id FROM enrollments WHERE record_number = ?)"
                    : "UPDATE outbox SET last_error = ?, attempts = attempts + 1, next_attempt_ms = ? "
                      "WHERE state IN ('pending','sent') AND enrollment_id = "
                      "(SELECT id FROM enrollments WHERE record_number = ?)",
          error, ToMs(next_attempt), packet_id);
      !r) {
    return r;
  }
  if (permanent) {
    // A refusal (certificate, conflict, tampering found by the server…) needs a technician.
    if (auto r = store_.audit().Append(actor_, "sync.refused", packet_id, "parked", error); !r) {
      return Fail(r.error());
    }
  }
  return tx->Commit();
}

Result<void> StoreOutboxQueue::Requeue(const std::string& packet_id, Clock::WallTime now) {
  std::lock_guard lock(mutex_);
  auto tx = store::Transaction::Begin(store_.db());
  if (!tx) return Fail(tx.error());
  if (auto r = store_.db().Run(
          "UPDATE outbox SET state = 'pending', next_attempt_ms = ? WHERE state = 'parked' AND "
          "enrollment_id = (SELECT id FROM enrollments WHERE record_number = ?)",
          ToMs(now), packet_id);
      !r) {
    return r;
  }
  if (store_.db().Changes() > 0) {
    if (auto r = store_.audit().Append(actor_, "sync.requeue", packet_id, "ok"); !r) {
      return Fail(r.error());
    }
  }
  return tx->Commit();
}

Result<size_t> StoreOutboxQueue::RequeueParked(Clock::WallTime now) {
  std::lock_guard lock(mutex_);
  auto tx = store::Transaction::Begin(store_.db());
  if (!tx) return Fail(tx.error());
  if (auto r = store_.db().Run(
          "UPDATE outbox SET state = 'pending', next_attempt_ms = ? WHERE state = 'parked'", ToMs(now));
      !r) {
    return Fail(r.error());
  }
  const auto changed = static_cast<size_t>(store_.db().Changes());
  if (changed > 0) {
    if (auto r = store_.audit().Append(actor_, "sync.requeue", "", "ok",
                                       std::to_string(changed) + " parked records");
        !r) {
      return Fail(r.error());
    }
  }
  if (auto r = tx->Commit(); !r) return Fail(r.error());
  return changed;
}

Result<std::optional<OutboxItem>> StoreOutboxQueue::Find(const std::string& packet_id) {
  std::lock_guard lock(mutex_);
  return FindLocked(packet_id);
}

Result<OutboxCounts> StoreOutboxQueue::Counts() {
  auto counts = StationCounts();
  if (!counts) return Fail(counts.error());
  return OutboxCounts{counts->queued, counts->acknowledged, counts->parked};
}

Result<StationOutboxCounts> StoreOutboxQueue::StationCounts() {
  std::lock_guard lock(mutex_);
  auto q = store_.db().Query(
      "SELECT state, packet IS NOT NULL, count(*) FROM outbox GROUP BY 1, 2");
  if (!q) return Fail(q.error());
  StationOutboxCounts counts;
  for (;;) {
    auto row = q->Step();
    if (!row) return Fail(row.error());
    if (!*row) break;
    const std::string state = q->Text(0);
    const bool packaged = q->Int(1) != 0;
    const auto n = static_cast<size_t>(q->Int(2));
    if (state == "done") {
      counts.acknowledged += n;
    } else if (state == "parked") {
      counts.parked += n;
    } else if (packaged) {
      counts.queued += n;
    } else {
      counts.awaiting_packaging += n;
    }
  }
  return counts;
}

Result<void> StoreOutboxQueue::ApplyCentralToRecord(const std::string& record_number,
                                                    const StatusChange& change) {
  auto next = RecordStatusFor(change.status);
  if (!next) return {};
  auto moved = records_.MarkStatus(actor_, record_number, *next, change.reason);
  // Not acknowledged on the station yet (the receipt comes with the next upload), or an answer
  // older than what the record already shows: the outbox keeps the central status meanwhile.
  if (!moved && moved.error().code() == ErrorCode::kConflict) return {};
  return moved;
}

Result<void> StoreOutboxQueue::SaveCentralStatus(const StatusChange& change) {
  std::lock_guard lock(mutex_);
  std::optional<store::Bytes> sealed_reason;
  if (!change.reason.empty()) {
    auto sealed = store_.SealField(
        change.packet_id, kReasonField,
        std::span<const uint8_t>(reinterpret_cast<const uint8_t*>(change.reason.data()),
                                 change.reason.size()));
    if (!sealed) return Fail(sealed.error());
    sealed_reason = std::move(*sealed);
  }
  auto statement = store_.db().Prepare(
      "UPDATE outbox SET central_status = ?, central_reason = ?, central_changed_at = ? "
      "WHERE enrollment_id = (SELECT id FROM enrollments WHERE record_number = ?)");
  if (!statement) return Fail(statement.error());
  statement->Bind(1, ToString(change.status));
  if (sealed_reason) {
    statement->Bind(2, *sealed_reason);
  } else {
    statement->BindNull(2);
  }
  statement->Bind(3, change.changed_at).Bind(4, change.packet_id);
  if (auto r = statement->Run(); !r) return r;
  if (store_.db().Changes() == 0) return {};  // not a record of this station's outbox
  return ApplyCentralToRecord(change.packet_id, change);
}

Result<std::string> StoreOutboxQueue::StatusCursor() {
  std::lock_guard lock(mutex_);
  auto value = store_.GetSetting(kCursorSetting);
  if (!value) return Fail(value.error());
  return value->value_or("");
}

Result<void> StoreOutboxQueue::SaveStatusCursor(const std::string& cursor) {
  std::lock_guard lock(mutex_);
  return store_.SetSetting(kCursorSetting, cursor);
}

Result<std::vector<std::string>> StoreOutboxQueue::AwaitingPackaging() {
  std::lock_guard lock(mutex_);
  auto q = store_.db().Query(
      "SELECT e.record_number FROM outbox o JOIN enrollments e ON e.id = o.enrollment_id "
      "WHERE o.state IN ('pending','sent') AND o.packet IS NULL ORDER BY o.id");
  if (!q) return Fail(q.error());
  std::vector<std::string> numbers;
  for (;;) {
    auto row = q->Step();
    if (!row) return Fail(row.error());
    if (!*row) break;
    numbers.push_back(q->Text(0));
  }
  return numbers;
}

Result<batch::SealedRecord> StoreOutboxQueue::LoadForPackaging(const std::string& record_number) {
  std::lock_guard lock(mutex_);
  return records_.LoadForSync(actor_, record_number);
}

Result<void> StoreOutboxQueue::ParkUnpackaged(const std::string& record_number,
                                              const std::string& error) {
  std::lock_guard lock(mutex_);
  auto tx = store::Transaction::Begin(store_.db());
  if (!tx) return Fail(tx.error());
  if (auto r = store_.db().Run(
          "UPDATE outbox SET state = 'parked', last_error = ?, attempts = attempts + 1 "
          "WHERE packet IS NULL AND enrollment_id = "
          "(SELECT id FROM enrollments WHERE record_number = ?)",
          error, record_number);
      !r) {
    return r;
  }
  if (auto r = store_.audit().Append(actor_, "sync.package_failed", record_number, "parked", error);
      !r) {
    return Fail(r.error());
  }
  return tx->Commit();
}

Result<std::optional<LocalRecordState>> StoreOutboxQueue::Describe(const std::string& record_number) {
  std::lock_guard lock(mutex_);
  auto q = store_.db().Query(
      "SELECT e.record_number, e.status, e.updated_at, coalesce(o.state, ''), "
      "o.packet IS NOT NULL, coalesce(o.last_error, ''), coalesce(o.central_status, ''), "
      "o.central_reason, coalesce(o.central_changed_at, '') "
      "FROM enrollments e LEFT JOIN outbox o ON o.enrollment_id = e.id WHERE e.record_number = ?",
      record_number);
  if (!q) return Fail(q.error());
  auto row = q->Step();
  if (!row) return Fail(row.error());
  if (!*row) return std::optional<LocalRecordState>();
  LocalRecordState state;
  state.record_number = q->Text(0);
  state.status = batch::RecordStatusFromString(q->Text(1)).value_or(batch::RecordStatus::kDraft);
  state.updated_at = q->Int(2);
  state.outbox_state = q->Text(3);
  state.packaged = q->Int(4) != 0;
  state.last_error = q->Text(5);
  const std::string central = q->Text(6);
  if (auto parsed = ParseCentralStatus(central); !central.empty() && parsed) {
    StatusChange change{state.record_number, *parsed, {}, q->Text(8)};
    if (!q->IsNull(7)) {
      auto reason = store_.OpenField(state.record_number, kReasonField, q->BlobView(7));
      if (!reason) return Fail(reason.error());
      change.reason.assign(reinterpret_cast<const char*>(reason->data()), reason->size());
    }
    state.central = std::move(change);
  }
  return std::optional<LocalRecordState>(std::move(state));
}

Result<void> StoreOutboxQueue::NoteSuccessfulSync() {
  std::lock_guard lock(mutex_);
  return records_.RecordSuccessfulSync(actor_);
}

Result<std::optional<Clock::WallTime>> StoreOutboxQueue::LastSuccessfulSync() {
  std::lock_guard lock(mutex_);
  auto value = store_.GetSetting("last_sync_success_at");
  if (!value) return Fail(value.error());
  if (!*value) return std::optional<Clock::WallTime>();
  int64_t seconds = 0;
  try {
    seconds = std::stoll(**value);
  } catch (const std::exception&) {
    return std::optional<Clock::WallTime>();
  }
  return std::optional<Clock::WallTime>(store::FromUnixSeconds(seconds));
}

Result<void> StoreOutboxQueue::Audit(std::string_view action, std::string_view record,
                                     std::string_view outcome, std::string_view detail) {
  std::lock_guard lock(mutex_);
  auto appended = store_.audit().Append(actor_, action, record, outcome, detail);
  if (!appended) return Fail(appended.error());
  return {};
}

}  // namespace kiosk::sync
