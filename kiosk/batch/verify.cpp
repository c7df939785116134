#include "kiosk/batch/verify.h"

#include "kiosk/auth/operator_directory.h"
#include "kiosk/batch/canonical.h"

namespace kiosk::batch {
namespace {

Result<StoreReport> CheckRecords(store::Store& store, StoreReport report) {
  auto records = store.db().Query(
      "SELECT id, record_number, sealed_by, sealed_at, content_hash, signature, purged_at "
      "FROM enrollments WHERE content_hash IS NOT NULL ORDER BY id");
  if (!records) return Fail(records.error());
  auto items = store.db().Prepare("SELECT field, kind, sealed FROM items WHERE enrollment_id = ?");
  if (!items) return Fail(items.error());
  for (;;) {
    auto row = records->Step();
    if (!row) return Fail(row.error());
    if (!*row) break;
    const std::string number = records->Text(1);
    const auto stored_hash = records->Blob(4);
    const bool purged = !records->IsNull(6);
    auto fail = [&](std::string problem) {
      report.ok = false;
      report.problem = "record " + number + ": " + problem;
      return report;
    };
    if (!store.station_key().Verify(SealMessage(number, stored_hash), records->BlobView(5))) {
      return fail("the station signature does not verify");
    }
    items->Reset();
    items->Bind(1, records->Int(0));
    std::vector<std::pair<std::string, ItemKind>> names;
    std::vector<SecretBytes> plaintexts;
    for (;;) {
      auto item_row = items->Step();
      if (!item_row) return Fail(item_row.error());
      if (!*item_row) break;
      std::string field = items->Text(0);
      auto kind = ItemKindFromString(items->Text(1));
      auto plain = store.OpenField(number, field, items->BlobView(2));
      if (!plain || !kind) return fail("item " + field + " does not decrypt");
      names.emplace_back(std::move(field), *kind);
      plaintexts.push_back(std::move(*plain));
      ++report.items;
    }
    if (!purged) {
      std::vector<CanonicalItem> canonical;
      for (size_t i = 0; i < names.size(); ++i) {
        canonical.push_back({names[i].first, names[i].second, crypto::AsBytes(plaintexts[i])});
      }
      auto digest = ContentHash(number, records->Text(2), records->Int(3), canonical);
      if (!crypto::EqualConstantTime(digest, stored_hash)) {
        return fail("the content does not match its sealed hash");
      }
    }
    ++report.records;
  }
  return report;
}

Result<StoreReport> CheckBatches(store::Store& store, StoreReport report) {
  auto batches = store.db().Query(
      "SELECT id, day, signed_by, signed_at, signature FROM batches WHERE status = 'signed' "
      "ORDER BY id");
  if (!batches) return Fail(batches.error());
  for (;;) {
    auto row = batches->Step();
    if (!row) return Fail(row.error());
    if (!*row) break;
    const int64_t id = batches->Int(0);
    auto lines_q = store.db().Query(
        "SELECT e.record_number, e.content_hash, "
        "(SELECT h.status FROM enrollment_status_history h WHERE h.enrollment_id = e.id AND "
        " h.status IN ('approved','rejected') ORDER BY h.id DESC LIMIT 1) "
        "FROM enrollments e WHERE e.batch_id = ? ORDER BY e.record_number",
        id);
    if (!lines_q) return Fail(lines_q.error());
    std::vector<BatchLine> lines;
    for (;;) {
      auto line = lines_q->Step();
      if (!line) return Fail(line.error());
      if (!*line) break;
      lines.push_back({lines_q->Text(0), lines_q->Blob(1), lines_q->Text(2)});
    }
    auto message = BatchMessage(id, batches->Text(1), batches->Text(2), batches->Int(3), lines);
    if (!store.station_key().Verify(message, batches->BlobView(4))) {
      report.ok = false;
      report.problem = "batch " + std::to_string(id) + ": the supervisor's signature does not "
                       "match its records and decisions";
      return report;
    }
    ++report.batches;
  }
  return report;
}

}  // namespace

Result<StoreReport> VerifyStore(store::Store& store, const auth::Session& session) {
  if (auto r = auth::Authorize(store, session, auth::Action::kVerifyStore); !r) {
    return Fail(r.error());
  }
  StoreReport report;
  auto integrity = store.IntegrityCheck();
  if (!integrity) return Fail(integrity.error());
  if (integrity->has_value()) {
    report.ok = false;
    report.problem = "integrity check: " + **integrity;
  }
  if (report.ok) {
    auto checked = CheckRecords(store, report);
    if (!checked) return checked;
    report = *checked;
  }
  if (report.ok) {
    auto checked = CheckBatches(store, report);
    if (!checked) return checked;
    report = *checked;
  }
  if (report.ok) {
    auto audit = store.audit().Verify();
    if (!audit) return Fail(audit.error());
    report.audit_entries = audit->entries;
    if (!audit->ok) {
      report.ok = false;
      report.problem = "audit log: " + audit->problem;
    }
  }
  (void)store.audit().Append(auth::AuditActor(session), "store.verify", "",
                             report.ok ? "ok" : "failed");
  return report;
}

}  // namespace kiosk::batch
