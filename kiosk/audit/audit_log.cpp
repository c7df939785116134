#include "kiosk/audit/audit_log.h"

#include <chrono>

namespace kiosk::audit {
namespace {

constexpr std::string_view kHeadSetting = "audit_head";
constexpr std::string_view kHeadSignatureSetting = "audit_head_signature";

int64_t UnixSeconds(Clock::WallTime t) {
  return std::chrono::duration_cast<std::chrono::seconds>(t.time_since_epoch()).count();
}

// What the head signature and checkpoints sign: domain ‖ seq ‖ hash.
store::Bytes HeadMessage(int64_t seq, std::span<const uint8_t> hash) {
  std::string domain = "kiosk-audit-head-v1:" + std::to_string(seq) + ":";
  store::Bytes message(domain.begin(), domain.end());
  message.insert(message.end(), hash.begin(), hash.end());
  return message;
}

store::Bytes HeadValue(int64_t seq, std::span<const uint8_t> hash) {
  store::Bytes value(8);
  for (int i = 7; i >= 0; --i) {
    value[static_cast<size_t>(i)] = static_cast<uint8_t>(seq & 0xff);
    seq >>= 8;
  }
  value.insert(value.end(), hash.begin(), hash.end());
  return value;
}

constexpr std::string_view kEntryColumns =
    "SELECT seq, at, actor, action, record, outcome, detail, prev_hash, hash FROM audit_log";

Entry ReadEntry(const store::Statement& row) {
  return Entry{row.Int(0),  row.Int(1),  row.Text(2), row.Text(3), row.Text(4),
               row.Text(5), row.Text(6), row.Blob(7), row.Blob(8)};
}

VerifyReport Bad(int64_t entries, int64_t seq, std::string problem) {
  return VerifyReport{false, entries, seq, std::move(problem)};
}

}  // namespace

crypto::Sha256Digest EntryHash(const Entry& entry) {
  crypto::Sha256 h;
  h.UpdateField("kiosk-audit-v1")
      .UpdateField(entry.prev_hash)
      .UpdateField(std::to_string(entry.seq))
      .UpdateField(std::to_string(entry.at))
      .UpdateField(entry.actor)
      .UpdateField(entry.action)
      .UpdateField(entry.record)
      .UpdateField(entry.outcome)
      .UpdateField(entry.detail);
  return h.Final();
}

Result<int64_t> AuditLog::Append(std::string_view actor, std::string_view action,
                                 std::string_view record, std::string_view outcome,
                                 std::string_view detail) {
  if (db_.InTransaction()) return AppendLocked(actor, action, record, outcome, detail);
  auto tx = store::Transaction::Begin(db_);
  if (!tx) return Fail(tx.error());
  auto seq = AppendLocked(actor, action, record, outcome, detail);
  if (!seq) return seq;
  if (auto r = tx->Commit(); !r) return Fail(r.error());
  return seq;
}

Result<int64_t> AuditLog::AppendLocked(std::string_view actor, std::string_view action,
                                       std::string_view record, std::string_view outcome,
                                       std::string_view detail) {
  Entry entry;
  {
    auto last = db_.Query("SELECT seq, hash FROM audit_log ORDER BY seq DESC LIMIT 1");
    if (!last) return Fail(last.error());
    auto row = last->Step();
    if (!row) return Fail(row.error());
    entry.seq = *row ? last->Int(0) + 1 : 1;
    entry.prev_hash = *row ? last->Blob(1) : store::Bytes(32, 0);
  }
  entry.at = UnixSeconds(clock_.Now());
  entry.actor = actor;
  entry.action = action;
  entry.record = record;
  entry.outcome = outcome;
  entry.detail = detail;
  auto digest = EntryHash(entry);
  entry.hash.assign(digest.begin(), digest.end());

  if (auto r = db_.Run(
          "INSERT INTO audit_log (seq, at, actor, action, record, outcome, detail, prev_hash, "
          "hash) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
          entry.seq, entry.at, entry.actor, entry.action, entry.record, entry.outcome,
          entry.detail, entry.prev_hash, entry.hash);
      !r) {
    return Fail(r.error());
  }
  auto signature = key_.Sign(HeadMessage(entry.seq, entry.hash));
  if (!signature) return Fail(signature.error());
  const char* kUpsert =
      "INSERT INTO settings (name, value) VALUES (?, ?) "
      "ON CONFLICT(name) DO UPDATE SET value = excluded.value";
  if (auto r = db_.Run(kUpsert, kHeadSetting, HeadValue(entry.seq, entry.hash)); !r) {
    return Fail(r.error());
  }
  if (auto r = db_.Run(kUpsert, kHeadSignatureSetting, *signature); !r) return Fail(r.error());
  if (entry.seq % kCheckpointInterval == 0) {
    if (auto r = db_.Run("INSERT INTO audit_checkpoints (seq, hash, at, signature) "
                         "VALUES (?, ?, ?, ?)",
                         entry.seq, entry.hash, entry.at, *signature);
        !r) {
      return Fail(r.error());
    }
  }
  return entry.seq;
}

Result<std::vector<Entry>> AuditLog::List(int64_t after_seq, int64_t limit) {
  return db_.QueryRows(std::string(kEntryColumns) + " WHERE seq > ? ORDER BY seq LIMIT ?",
                       ReadEntry, after_seq, limit > 0 ? limit : int64_t{-1});
}

Result<VerifyReport> AuditLog::Verify() {
  // Checkpoints, by seq, to compare while walking.
  std::vector<std::pair<int64_t, std::pair<store::Bytes, store::Bytes>>> checkpoints;
  {
    auto q = db_.Query("SELECT seq, hash, signature FROM audit_checkpoints ORDER BY seq");
    if (!q) return Fail(q.error());
    for (;;) {
      auto row = q->Step();
      if (!row) return Fail(row.error());
      if (!*row) break;
      checkpoints.push_back({q->Int(0), {q->Blob(1), q->Blob(2)}});
    }
  }
  size_t next_checkpoint = 0;

  auto q = db_.Query(std::string(kEntryColumns) + " ORDER BY seq");
  if (!q) return Fail(q.error());
  int64_t expected_seq = 1;
  store::Bytes prev_hash(32, 0);
  int64_t count = 0;
  for (;;) {
    auto row = q->Step();
    if (!row) return Fail(row.error());
    if (!*row) break;
    const Entry e = ReadEntry(*q);
    if (e.seq != expected_seq) {
      return Bad(count, expected_seq,
                 "entry " + std::to_string(expected_seq) + " is missing (deleted or renumbered)");
    }
    if (e.prev_hash != prev_hash) {
      return Bad(count, e.seq, "entry " + std::to_string(e.seq) +
                                   " does not follow the previous entry (reordered or edited)");
    }
    auto digest = EntryHash(e);
    if (!crypto::EqualConstantTime(digest, e.hash)) {
      return Bad(count, e.seq, "entry " + std::to_string(e.seq) + " was edited");
    }
    while (next_checkpoint < checkpoints.size() && checkpoints[next_checkpoint].first < e.seq) {
      ++next_checkpoint;  // a checkpoint whose entry is gone is caught by the seq check above
    }
    if (next_checkpoint < checkpoints.size() && checkpoints[next_checkpoint].first == e.seq) {
      const auto& [hash, signature] = checkpoints[next_checkpoint].second;
      if (hash != e.hash || !key_.Verify(HeadMessage(e.seq, e.hash), signature)) {
        return Bad(count, e.seq,
                   "the signed checkpoint at entry " + std::to_string(e.seq) + " does not match");
      }
    }
    prev_hash = e.hash;
    ++count;
    ++expected_seq;
  }

  // The signed head: catches a cut-off tail (the last entries deleted).
  auto head = db_.Query("SELECT value FROM settings WHERE name = ?", kHeadSetting);
  if (!head) return Fail(head.error());
  auto head_row = head->Step();
  if (!head_row) return Fail(head_row.error());
  if (!*head_row) {
    if (count == 0) return VerifyReport{true, 0, 0, {}};
    return Bad(count, 1, "the signed head of the audit log is missing");
  }
  store::Bytes head_value = head->Blob(0);
  auto sig = db_.Query("SELECT value FROM settings WHERE name = ?", kHeadSignatureSetting);
  if (!sig) return Fail(sig.error());
  auto sig_row = sig->Step();
  if (!sig_row) return Fail(sig_row.error());
  int64_t last_seq = expected_seq - 1;
  if (!*sig_row || head_value != HeadValue(last_seq, prev_hash) ||
      !key_.Verify(HeadMessage(last_seq, prev_hash), sig->BlobView(0))) {
    return Bad(count, last_seq + 1,
               "the log ends at entry " + std::to_string(last_seq) +
                   " but its signed head does not (entries removed from the end?)");
  }
  return VerifyReport{true, count, 0, {}};
}

}  // namespace kiosk::audit
