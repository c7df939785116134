#include "kiosk/batch/records.h"

#include <charconv>
#include <chrono>
#include <cstdio>
#include <future>
#include <set>

#include "kiosk/auth/operator_directory.h"
#include "kiosk/batch/canonical.h"
#include "kiosk/batch/record_number.h"
#include "kiosk/batch/records_internal.h"
#include "kiosk/enrollment/review_flags.h"
#include "kiosk/store/settings.h"

namespace kiosk::batch {

using auth::Action;
using auth::Authorize;

std::string StationDay(int64_t unix_seconds) {
  using namespace std::chrono;
  const sys_seconds t{seconds(unix_seconds + 7 * 3600)};
  const year_month_day ymd{floor<days>(t)};
  char text[16];
  std::snprintf(text, sizeof text, "%04d-%02u-%02u", static_cast<int>(ymd.year()),
                static_cast<unsigned>(ymd.month()), static_cast<unsigned>(ymd.day()));
  return text;
}

namespace internal {

std::string ReasonField(RecordStatus status, int64_t at) {
  return "reason." + std::string(ToString(status)) + "." + std::to_string(at);
}

RecordSummary ReadSummary(const store::Statement& q) {
  return RecordSummary{q.Int(0),
                       q.Text(1),
                       RecordStatusFromString(q.Text(2)).value_or(RecordStatus::kDraft),
                       q.IsNull(3) ? 0 : q.Int(3),
                       q.Int(4) != 0,
                       q.Int(5),
                       q.IsNull(6) ? 0 : q.Int(6),
                       q.Int(7),
                       q.Text(8),
                       !q.IsNull(9)};
}

}  // namespace internal

namespace {

constexpr size_t kMaxItems = 256;

bool ValidField(std::string_view field) {
  if (field.empty() || field.size() > 64) return false;
  for (char c : field) {
    if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '.' || c == '_' || c == '-')) {
      return false;
    }
  }
  return true;
}

std::string JoinFlags(const std::vector<std::string>& flags) {
  std::string joined;
  for (const auto& flag : flags) {
    if (!joined.empty()) joined += '\n';
    joined += flag;
  }
  return joined;
}

}  // namespace

Result<RecordSummary> Records::Find(std::string_view record_number) {
  auto q = store_.db().Query(std::string(internal::kSummaryColumns) +
                                 " FROM enrollments WHERE record_number = ?",
                             record_number);
  if (!q) return Fail(q.error());
  auto row = q->Step();
  if (!row) return Fail(row.error());
  if (!*row) return Fail(Error::NotFound("No record with this number.", std::string(record_number)));
  return internal::ReadSummary(*q);
}

Result<int64_t> Records::OpenBatchForToday(int64_t now) {
  const std::string day = StationDay(now);
  auto existing = store_.db().QueryInt(
      "SELECT id FROM batches WHERE day = ? AND status = 'open'", 0, day);
  if (!existing) return existing;
  if (*existing != 0) return existing;
  if (auto r = store_.db().Run(
          "INSERT INTO batches (day, status, opened_at) VALUES (?, 'open', ?)", day, now);
      !r) {
    return Fail(r.error());
  }
  return store_.db().LastInsertRowId();
}

Result<void> Records::AddHistory(int64_t enrollment_id, std::string_view record_number,
                                 RecordStatus status, int64_t at, std::string_view actor,
                                 std::string_view reason) {
  auto q = store_.db().Query(
      "INSERT INTO enrollment_status_history (enrollment_id, status, at, actor, reason) "
      "VALUES (?, ?, ?, ?, ?)",
      enrollment_id, ToString(status), at, actor);
  if (!q) return Fail(q.error());
  if (reason.empty()) {
    q->BindNull(5);
  } else {
    auto sealed = store_.SealField(record_number, internal::ReasonField(status, at),
                                   crypto::AsBytes(reason));
    if (!sealed) return Fail(sealed.error());
    q->Bind(5, *sealed);
  }
  return q->Run();
}

Result<void> Records::CheckNewEnrollmentAllowed(const auth::Session& officer) {
  if (auto r = Authorize(store_, officer, Action::kEnroll); !r) return r;
  auto pending = store_.db().QueryInt("SELECT count(*) FROM enrollments WHERE status = 'sealed'", 0);
  if (!pending) return Fail(pending.error());
  if (*pending > policy_.max_pending_approvals) {
    return Fail(Error(ErrorCode::kPolicyViolation,
                      "{0} records await approval: a supervisor must review them before new "
                      "enrollments can start.")
                    .WithArg(std::to_string(*pending)));
  }
  auto last_sync = store_.GetSetting("last_sync_success_at");
  if (!last_sync) return Fail(last_sync.error());
  auto since = *last_sync ? *last_sync : store_.GetSetting("created_at").value_or(std::nullopt);
  if (since) {
    const int64_t now = store::ToUnixSeconds(store_.clock().Now());
    int64_t last = now;
    std::from_chars(since->data(), since->data() + since->size(), last);
    const int64_t days = (now - last) / 86400;
    if (policy_.max_days_since_sync > 0 && now - last > int64_t{policy_.max_days_since_sync} * 86400) {
      return Fail(Error(ErrorCode::kPolicyViolation,
                        "The station has not synchronised for {0} days: synchronise before new "
                        "enrollments can start.")
                      .WithArg(std::to_string(days)));
    }
  }
  return {};
}

Result<std::string> Records::NextRecordNumber(int64_t now) {
  auto station_id = store::StationId(store_);
  if (!station_id) return Fail(station_id.error());
  const std::string day = StationDay(now);
  const std::string compact_day = day.substr(0, 4) + day.substr(5, 2) + day.substr(8, 2);
  const std::string first = FormatRecordNumber(*station_id, compact_day, 1);
  const std::string prefix = first.substr(0, first.size() - 5);
  // Zero-padded, same length: the greatest number is the latest of the day.
  auto q = store_.db().Query(
      "SELECT max(record_number) FROM enrollments WHERE record_number BETWEEN ? AND ? AND "
      "length(record_number) = ?",
      prefix + "00000", prefix + "99999", static_cast<int64_t>(first.size()));
  if (!q) return Fail(q.error());
  auto row = q->Step();
  if (!row) return Fail(row.error());
  int last = 0;
  if (*row && !q->IsNull(0)) {
    if (auto parts = ParseRecordNumber(q->Text(0))) last = parts->sequence;
  }
  if (last >= kMaxDailySequence) {
    return Fail(Error(ErrorCode::kPolicyViolation,
                      "This station has sealed {0} records today, the most a day allows.")
                    .WithArg(std::to_string(kMaxDailySequence)));
  }
  return FormatRecordNumber(*station_id, compact_day, last + 1);
}

Result<RecordSummary> Records::Seal(const auth::Session& officer, const SealRequest& request) {
  if (auto r = CheckNewEnrollmentAllowed(officer); !r) return Fail(r.error());
  if (request.items.empty() || request.items.size() > kMaxItems) {
    return Fail(Error::InvalidArgument("A record needs at least one captured item."));
  }
  std::set<std::string_view> fields;
  for (const auto& item : request.items) {
    if (!ValidField(item.field) || item.field == kReviewFlagsField ||
        !fields.insert(item.field).second) {
      return Fail(Error::InvalidArgument("A record item has a missing, invalid or repeated name.",
                                         item.field));
    }
  }
  enrollment::SealedItemBytes sealed_view;
  for (const auto& item : request.items) {
    sealed_view[item.field] = std::span<const uint8_t>(item.data.data(), item.data.size());
  }
  const std::string flags = JoinFlags(enrollment::ReviewFlagsOfSealedItems(sealed_view));
  const int64_t now = store::ToUnixSeconds(store_.clock().Now());
  const std::string actor = auth::AuditActor(officer);

  auto tx = store::Transaction::Begin(store_.db());
  if (!tx) return Fail(tx.error());
  auto batch_id = OpenBatchForToday(now);
  if (!batch_id) return Fail(batch_id.error());
  auto numbered = NextRecordNumber(now);
  if (!numbered) return Fail(numbered.error());
  const std::string record_number = std::move(*numbered);
  std::vector<CanonicalItem> canonical;
  for (const auto& item : request.items) {
    canonical.push_back({item.field, item.kind, crypto::AsBytes(item.data)});
  }
  if (!flags.empty()) canonical.push_back({kReviewFlagsField, ItemKind::kMeta, crypto::AsBytes(flags)});
  // Hashing and encrypting are the two CPU passes over ~1.5 MB: run them side by side.
  auto hashing = std::async(std::launch::async, [&] {
    return ContentHash(record_number, actor, now, canonical);
  });
  std::vector<crypto::Bytes> sealed_items;
  Error seal_error = Error::Internal("");
  bool sealed_ok = true;
  for (const auto& item : canonical) {
    auto sealed = store_.SealField(record_number, item.field, item.data);
    if (!sealed) {
      seal_error = sealed.error();
      sealed_ok = false;
      break;
    }
    sealed_items.push_back(std::move(*sealed));
  }
  const auto content_hash = hashing.get();
  if (!sealed_ok) return Fail(seal_error);
  auto signature = store_.station_key().Sign(SealMessage(record_number, content_hash));
  if (!signature) return Fail(signature.error());

  if (auto r = store_.db().Run(
          "INSERT INTO enrollments (record_number, status, batch_id, needs_decision, created_at, "
          "sealed_at, updated_at, sealed_by, content_hash, signature) "
          "VALUES (?, 'sealed', ?, ?, ?, ?, ?, ?, ?, ?)",
          record_number, *batch_id, flags.empty() ? 0 : 1, now, now, now, actor,
          crypto::Bytes(content_hash.begin(), content_hash.end()), *signature);
      !r) {
    return Fail(r.error());
  }
  const int64_t enrollment_id = store_.db().LastInsertRowId();
  auto insert = store_.db().Prepare(
      "INSERT INTO items (enrollment_id, field, kind, sealed) VALUES (?, ?, ?, ?)");
  if (!insert) return Fail(insert.error());
  for (size_t i = 0; i < canonical.size(); ++i) {
    insert->Reset();
    insert->Bind(1, enrollment_id)
        .Bind(2, canonical[i].field)
        .Bind(3, ToString(canonical[i].kind))
        .BindStatic(4, sealed_items[i]);
    if (auto r = insert->Run(); !r) return Fail(r.error());
  }
  if (auto r = AddHistory(enrollment_id, record_number, RecordStatus::kSealed, now, actor, {}); !r) {
    return Fail(r.error());
  }
  if (auto r = store_.audit().Append(actor, "record.seal", record_number, "ok",
                                     std::to_string(canonical.size()) + " items");
      !r) {
    return Fail(r.error());
  }
  if (auto r = tx->Commit(); !r) return Fail(r.error());
  return RecordSummary{enrollment_id, record_number, RecordStatus::kSealed, *batch_id,
                       !flags.empty(), now, now, now, actor, false};
}

Result<std::vector<RecordSummary>> Records::List(const auth::Session& session,
                                                 std::optional<RecordStatus> status,
                                                 std::optional<int64_t> batch_id) {
  if (auto r = Authorize(store_, session, Action::kListRecords); !r) return Fail(r.error());
  std::string sql = std::string(internal::kSummaryColumns) +
                    " FROM enrollments WHERE (?1 IS NULL OR status = ?1) AND "
                    "(?2 IS NULL OR batch_id = ?2) ORDER BY id";
  auto q = store_.db().Prepare(sql);
  if (!q) return Fail(q.error());
  if (status) q->Bind(1, ToString(*status)); else q->BindNull(1);
  if (batch_id) q->Bind(2, *batch_id); else q->BindNull(2);
  return q->Rows(internal::ReadSummary);
}

Result<RecordSummary> Records::Get(const auth::Session& session, std::string_view record_number) {
  if (auto r = Authorize(store_, session, Action::kListRecords); !r) return Fail(r.error());
  return Find(record_number);
}

Result<std::vector<StatusChange>> Records::History(const auth::Session& session,
                                                   std::string_view record_number) {
  auto record = Get(session, record_number);
  if (!record) return Fail(record.error());
  return store_.db().QueryRows(
      "SELECT status, at, actor, reason IS NOT NULL FROM enrollment_status_history "
      "WHERE enrollment_id = ? ORDER BY id",
      [](const store::Statement& row) {
        return StatusChange{RecordStatusFromString(row.Text(0)).value_or(RecordStatus::kDraft),
                            row.Int(1), row.Text(2), row.Int(3) != 0};
      },
      record->id);
}

Result<std::vector<ItemInfo>> Records::Items(const auth::Session& session,
                                             std::string_view record_number) {
  auto record = Get(session, record_number);
  if (!record) return Fail(record.error());
  return store_.db().QueryRows(
      "SELECT field, kind, length(sealed) FROM items WHERE enrollment_id = ? ORDER BY field",
      [](const store::Statement& row) {
        return ItemInfo{row.Text(0), ItemKindFromString(row.Text(1)).value_or(ItemKind::kPersonal),
                        row.Int(2)};
      },
      record->id);
}

Result<SecretBytes> Records::ReadItem(const auth::Session& session, std::string_view record_number,
                                      std::string_view field) {
  if (auto r = Authorize(store_, session, Action::kReadCitizenData); !r) {
    (void)store_.audit().Append(auth::AuditActor(session), "record.read", record_number, "denied");
    return Fail(r.error());
  }
  auto record = Find(record_number);
  if (!record) return Fail(record.error());
  auto q = store_.db().Query("SELECT sealed FROM items WHERE enrollment_id = ? AND field = ?",
                             record->id, field);
  if (!q) return Fail(q.error());
  auto row = q->Step();
  if (!row) return Fail(row.error());
  if (!*row) return Fail(Error::NotFound("This record has no such item (or it was purged)."));
  auto plain = store_.OpenField(record_number, field, q->BlobView(0));
  if (!plain) return plain;
  if (auto r = store_.audit().Append(auth::AuditActor(session), "record.read", record_number, "ok",
                                     std::string(field));
      !r) {
    return Fail(r.error());
  }
  return plain;
}

Result<std::vector<std::string>> Records::ReviewFlags(const auth::Session& session,
                                                      std::string_view record_number) {
  auto record = Get(session, record_number);
  if (!record) return Fail(record.error());
  if (!record->needs_decision) return std::vector<std::string>{};
  auto text = ReadItem(session, record_number, kReviewFlagsField);
  if (!text) return Fail(text.error());
  std::vector<std::string> flags;
  std::string current;
  for (size_t i = 0; i <= text->size(); ++i) {
    if (i == text->size() || text->data()[i] == '\n') {
      if (!current.empty()) flags.push_back(current);
      current.clear();
    } else {
      current.push_back(static_cast<char>(text->data()[i]));
    }
  }
  return flags;
}

Result<void> Records::RecordSuccessfulSync(std::string_view system_actor) {
  auto tx = store::Transaction::Begin(store_.db());
  if (!tx) return Fail(tx.error());
  if (auto r = store_.SetSetting("last_sync_success_at",
                                 std::to_string(store::ToUnixSeconds(store_.clock().Now())));
      !r) {
    return r;
  }
  if (auto r = store_.audit().Append(system_actor, "sync.success", "", "ok"); !r) {
    return Fail(r.error());
  }
  return tx->Commit();
}

}  // namespace kiosk::batch
