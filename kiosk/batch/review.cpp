// The supervisor's review of a day's batch, and the status moves that sync reports.
#include <algorithm>

#include "kiosk/auth/operator_directory.h"
#include "kiosk/batch/canonical.h"
#include "kiosk/batch/records.h"
#include "kiosk/batch/records_internal.h"

namespace kiosk::batch {

using auth::Action;
using auth::Authorize;

namespace {

BatchSummary ReadBatch(const store::Statement& q) {
  return BatchSummary{q.Int(0),  q.Text(1), q.Text(2) == "signed", q.Int(3),
                      q.IsNull(4) ? 0 : q.Int(4), q.Text(5), q.Int(6), q.Int(7),
                      q.Int(8),  q.Int(9),  q.Int(10)};
}

constexpr const char* kBatchSelect =
    "SELECT b.id, b.day, b.status, b.opened_at, b.signed_at, coalesce(b.signed_by, ''), "
    "count(e.id), "
    "coalesce(sum(e.status = 'sealed'), 0), "
    "coalesce(sum(e.status = 'sealed' AND e.needs_decision = 1), 0), "
    "coalesce(sum(e.status IN ('approved','queued','sent','acknowledged',"
    "'received_for_processing','not_accepted','central_approved')), 0), "
    "coalesce(sum(e.status = 'rejected'), 0) "
    "FROM batches b LEFT JOIN enrollments e ON e.batch_id = b.id ";

// Forward moves the sync side may make.
bool SyncMoveAllowed(RecordStatus from, RecordStatus to) {
  using S = RecordStatus;
  switch (to) {
    case S::kSent: return from == S::kQueued;
    case S::kAcknowledged: return from == S::kQueued || from == S::kSent;
    case S::kReceivedForProcessing: return from == S::kAcknowledged;
    case S::kNotAccepted:
    case S::kCentralApproved:
      return from == S::kAcknowledged || from == S::kReceivedForProcessing;
    default: return false;
  }
}

}  // namespace

Result<void> Records::Decide(const auth::Session& supervisor, std::string_view record_number,
                             RecordStatus decision, std::string_view reason) {
  if (auto r = Authorize(store_, supervisor, Action::kApproveRecords); !r) {
    (void)store_.audit().Append(auth::AuditActor(supervisor),
                                decision == RecordStatus::kApproved ? "record.approve"
                                                                    : "record.reject",
                                record_number, "denied");
    return r;
  }
  if (decision == RecordStatus::kRejected && reason.find_first_not_of(" \t\r\n") == std::string_view::npos) {
    return Fail(Error::InvalidArgument("A rejection needs a reason."));
  }
  auto tx = store::Transaction::Begin(store_.db());
  if (!tx) return Fail(tx.error());
  auto record = Find(record_number);
  if (!record) return Fail(record.error());
  if (record->status != RecordStatus::kSealed) {
    return Fail(Error(ErrorCode::kConflict, "This record was already decided ({0}).")
                    .WithArg(std::string(ToString(record->status))));
  }
  const int64_t now = store::ToUnixSeconds(store_.clock().Now());
  const std::string actor = auth::AuditActor(supervisor);
  if (auto r = store_.db().Run("UPDATE enrollments SET status = ?, updated_at = ? WHERE id = ?",
                               ToString(decision), now, record->id);
      !r) {
    return r;
  }
  if (auto r = AddHistory(record->id, record_number, decision, now, actor, reason); !r) return r;
  if (auto r = store_.audit().Append(actor,
                                     decision == RecordStatus::kApproved ? "record.approve"
                                                                         : "record.reject",
                                     record_number, "ok");
      !r) {
    return Fail(r.error());
  }
  return tx->Commit();
}

Result<void> Records::Approve(const auth::Session& supervisor, std::string_view record_number,
                              std::string_view note) {
  return Decide(supervisor, record_number, RecordStatus::kApproved, note);
}

Result<void> Records::Reject(const auth::Session& supervisor, std::string_view record_number,
                             std::string_view reason) {
  return Decide(supervisor, record_number, RecordStatus::kRejected, reason);
}

Result<int64_t> Records::ApproveAllUnflagged(const auth::Session& supervisor, int64_t batch_id) {
  if (auto r = Authorize(store_, supervisor, Action::kApproveRecords); !r) return Fail(r.error());
  auto batch = GetBatch(supervisor, batch_id);
  if (!batch) return Fail(batch.error());
  // needs_decision is set at seal time from the flags; the sealed flags item itself is checked
  // too, so a flagged record is never bulk-approved even if the column were wrong.
  auto numbers = store_.db().QueryRows(
      "SELECT record_number FROM enrollments e WHERE batch_id = ? AND status = 'sealed' AND "
      "needs_decision = 0 AND NOT EXISTS (SELECT 1 FROM items i WHERE i.enrollment_id = e.id "
      "AND i.field = ?) ORDER BY id",
      [](const store::Statement& row) { return row.Text(0); }, batch_id, kReviewFlagsField);
  if (!numbers) return Fail(numbers.error());
  for (const auto& number : *numbers) {
    if (auto r = Approve(supervisor, number); !r) return Fail(r.error());
  }
  return static_cast<int64_t>(numbers->size());
}

Result<void> Records::SignBatch(const auth::Session& supervisor, int64_t batch_id) {
  if (auto r = Authorize(store_, supervisor, Action::kApproveRecords); !r) {
    (void)store_.audit().Append(auth::AuditActor(supervisor), "batch.sign",
                                std::to_string(batch_id), "denied");
    return r;
  }
  auto tx = store::Transaction::Begin(store_.db());
  if (!tx) return Fail(tx.error());
  auto batch = GetBatch(supervisor, batch_id);
  if (!batch) return Fail(batch.error());
  if (batch->signed_off) return Fail(Error(ErrorCode::kConflict, "This batch is already signed."));
  if (batch->awaiting_decision > 0) {
    return Fail(Error(ErrorCode::kPolicyViolation,
                      "{0} records of this batch still need a decision.")
                    .WithArg(std::to_string(batch->awaiting_decision)));
  }
  auto q = store_.db().Query(
      "SELECT id, record_number, content_hash, status FROM enrollments WHERE batch_id = ? "
      "ORDER BY record_number",
      batch_id);
  if (!q) return Fail(q.error());
  std::vector<BatchLine> lines;
  std::vector<std::pair<int64_t, std::string>> approved;
  auto read = q->ForEachRow([&](const store::Statement& row) {
    const bool is_approved = row.Text(3) == "approved";
    lines.push_back({row.Text(1), row.Blob(2), is_approved ? "approved" : "rejected"});
    if (is_approved) approved.emplace_back(row.Int(0), row.Text(1));
  });
  if (!read) return Fail(read.error());
  const int64_t now = store::ToUnixSeconds(store_.clock().Now());
  const std::string actor = auth::AuditActor(supervisor);
  auto signature =
      store_.station_key().Sign(BatchMessage(batch_id, batch->day, actor, now, lines));
  if (!signature) return Fail(signature.error());
  if (auto r = store_.db().Run("UPDATE batches SET status = 'signed', signed_at = ?, "
                               "signed_by = ?, signature = ? WHERE id = ?",
                               now, actor, *signature, batch_id);
      !r) {
    return r;
  }
  for (const auto& [id, number] : approved) {
    if (auto r = store_.db().Run(
            "UPDATE enrollments SET status = 'queued', updated_at = ? WHERE id = ?", now, id);
        !r) {
      return r;
    }
    if (auto r = AddHistory(id, number, RecordStatus::kQueued, now, actor, {}); !r) return r;
    if (auto r = store_.db().Run(
            "INSERT INTO outbox (enrollment_id, created_at, next_attempt_at) VALUES (?, ?, ?)", id,
            now, now);
        !r) {
      return r;
    }
  }
  if (auto r = store_.audit().Append(actor, "batch.sign", std::to_string(batch_id), "ok",
                                     std::to_string(approved.size()) + " approved of " +
                                         std::to_string(lines.size()));
      !r) {
    return Fail(r.error());
  }
  return tx->Commit();
}

Result<std::vector<BatchSummary>> Records::ListBatches(const auth::Session& session) {
  if (auto r = Authorize(store_, session, Action::kListRecords); !r) return Fail(r.error());
  return store_.db().QueryRows(std::string(kBatchSelect) + "GROUP BY b.id ORDER BY b.id",
                               ReadBatch);
}

Result<BatchSummary> Records::GetBatch(const auth::Session& session, int64_t batch_id) {
  if (auto r = Authorize(store_, session, Action::kListRecords); !r) return Fail(r.error());
  auto q = store_.db().Query(std::string(kBatchSelect) + "WHERE b.id = ? GROUP BY b.id", batch_id);
  if (!q) return Fail(q.error());
  auto row = q->Step();
  if (!row) return Fail(row.error());
  if (!*row) return Fail(Error::NotFound("No batch with this number."));
  return ReadBatch(*q);
}

Result<void> Records::MarkStatus(std::string_view system_actor, std::string_view record_number,
                                 RecordStatus next, std::string_view reason) {
  auto tx = store::Transaction::Begin(store_.db());
  if (!tx) return Fail(tx.error());
  auto record = Find(record_number);
  if (!record) return Fail(record.error());
  if (record->status == next) return {};  // answers may be repeated: idempotent
  if (!SyncMoveAllowed(record->status, next)) {
    return Fail(Error(ErrorCode::kConflict, "This status change is not allowed ({0} to {1}).")
                    .WithArg(std::string(ToString(record->status)))
                    .WithArg(std::string(ToString(next))));
  }
  const int64_t now = store::ToUnixSeconds(store_.clock().Now());
  if (auto r = store_.db().Run("UPDATE enrollments SET status = ?, updated_at = ? WHERE id = ?",
                               ToString(next), now, record->id);
      !r) {
    return r;
  }
  if (auto r = AddHistory(record->id, record_number, next, now, system_actor, reason); !r) return r;
  if (next == RecordStatus::kSent || next == RecordStatus::kAcknowledged) {
    if (auto r = store_.db().Run("UPDATE outbox SET state = ? WHERE enrollment_id = ?",
                                 next == RecordStatus::kSent ? "sent" : "done", record->id);
        !r) {
      return r;
    }
  }
  if (auto r = store_.audit().Append(system_actor, "record.status", record_number, "ok",
                                     std::string(ToString(next)));
      !r) {
    return Fail(r.error());
  }
  return tx->Commit();
}

}  // namespace kiosk::batch
