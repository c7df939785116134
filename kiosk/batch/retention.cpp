// Retention: biometrics and document images of records the central server acknowledged are
// purged after policy.retention_days, leaving the record's number, statuses, hash and signature
// (the minimal trace) and its non-image items.
#include "kiosk/auth/operator_directory.h"
#include "kiosk/batch/records.h"

namespace kiosk::batch {

Result<int64_t> Records::PurgeExpired(const auth::Session& session) {
  if (auto r = auth::Authorize(store_, session, auth::Action::kPurge); !r) return Fail(r.error());
  const int64_t now = store::ToUnixSeconds(store_.clock().Now());
  const int64_t cutoff = now - int64_t{policy_.retention_days} * 86400;
  const std::string actor = auth::AuditActor(session);

  auto tx = store::Transaction::Begin(store_.db());
  if (!tx) return Fail(tx.error());
  auto q = store_.db().Query(
      "SELECT e.id, e.record_number FROM enrollments e "
      "WHERE e.purged_at IS NULL AND e.status IN ('acknowledged','received_for_processing',"
      "'not_accepted','central_approved') AND "
      "(SELECT min(h.at) FROM enrollment_status_history h WHERE h.enrollment_id = e.id "
      " AND h.status = 'acknowledged') <= ?",
      cutoff);
  if (!q) return Fail(q.error());
  std::vector<std::pair<int64_t, std::string>> expired;
  for (;;) {
    auto row = q->Step();
    if (!row) return Fail(row.error());
    if (!*row) break;
    expired.emplace_back(q->Int(0), q->Text(1));
  }
  for (const auto& [id, number] : expired) {
    if (auto r = store_.db().Run(
            "DELETE FROM items WHERE enrollment_id = ? AND kind IN ('biometric','image')", id);
        !r) {
      return Fail(r.error());
    }
    const int deleted = store_.db().Changes();
    if (auto r = store_.db().Run("UPDATE enrollments SET purged_at = ? WHERE id = ?", now, id); !r) {
      return Fail(r.error());
    }
    if (auto r = store_.audit().Append(actor, "record.purge", number, "ok",
                                       std::to_string(deleted) + " items");
        !r) {
      return Fail(r.error());
    }
  }
  if (auto r = tx->Commit(); !r) return Fail(r.error());
  // secure_delete zeroed the freed pages in the WAL; the checkpoint carries that into the main
  // file and truncates the WAL, so no copy of the purged bytes stays on disk.
  if (!expired.empty()) {
    if (auto r = store_.db().Exec("PRAGMA wal_checkpoint(TRUNCATE)"); !r) return Fail(r.error());
  }
  return static_cast<int64_t>(expired.size());
}

}  // namespace kiosk::batch
