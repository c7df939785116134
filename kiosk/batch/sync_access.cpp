// What the outbox client reads: the records waiting to be sent, and a record's content for its
// packet (sync/ builds the CMS packet; the store only hands over what was sealed).
#include "kiosk/batch/records.h"

#include <optional>

namespace kiosk::batch {

Result<std::vector<std::string>> Records::PendingOutbox() {
  return store_.db().QueryRows(
      "SELECT e.record_number FROM outbox o JOIN enrollments e ON e.id = o.enrollment_id "
      "WHERE o.state IN ('pending','sent') ORDER BY o.id",
      [](const store::Statement& row) { return row.Text(0); });
}

Result<SealedRecord> Records::LoadForSync(std::string_view system_actor,
                                          std::string_view record_number) {
  auto record = Find(record_number);
  if (!record) return Fail(record.error());
  const auto status = record->status;
  if (status == RecordStatus::kDraft || status == RecordStatus::kSealed ||
      status == RecordStatus::kApproved || status == RecordStatus::kRejected) {
    return Fail(Error(ErrorCode::kPolicyViolation,
                      "Only records approved in a signed batch leave the station."));
  }
  if (record->purged) {
    return Fail(Error(ErrorCode::kPolicyViolation,
                      "This record's images were purged after retention; it cannot be resent."));
  }
  SealedRecord out;
  out.record_number = record->record_number;
  out.status = status;
  out.sealed_by = record->sealed_by;
  out.sealed_at = record->sealed_at;
  {
    auto q = store_.db().Query("SELECT content_hash, signature FROM enrollments WHERE id = ?",
                               record->id);
    if (!q) return Fail(q.error());
    auto row = q->Step();
    if (!row) return Fail(row.error());
    if (!*row) return Fail(Error::NotFound("No record with this number."));
    out.content_hash = q->Blob(0);
    out.signature = q->Blob(1);
  }
  auto q = store_.db().Query(
      "SELECT field, kind, sealed FROM items WHERE enrollment_id = ? ORDER BY field", record->id);
  if (!q) return Fail(q.error());
  // The first item that does not open stops the export: a partial record never leaves.
  std::optional<Error> unopened;
  auto visited = q->ForEachRow([&](const store::Statement& row) {
    if (unopened) return;
    std::string field = row.Text(0);
    auto plain = store_.OpenField(record_number, field, row.BlobView(2));
    if (!plain) {
      unopened = plain.error();
      return;
    }
    out.items.push_back(
        {std::move(field), ItemKindFromString(row.Text(1)).value_or(ItemKind::kPersonal),
         std::move(*plain)});
  });
  if (!visited) return Fail(visited.error());
  if (unopened) return Fail(*unopened);
  if (auto r = store_.audit().Append(system_actor, "record.export", record_number, "ok",
                                     std::to_string(out.items.size()) + " items");
      !r) {
    return Fail(r.error());
  }
  return out;
}

}  // namespace kiosk::batch
