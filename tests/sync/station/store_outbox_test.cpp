// THE outbox over the encrypted store: only records approved in a signed batch enter it,
// receipts and central statuses move the record on, refusals park with an audit entry.
#include "kiosk/sync_port/store_outbox.h"

#include <gtest/gtest.h>

#include <algorithm>

#include "tests/sync/station/station_fixture.h"

namespace kiosk::sync {
namespace {

using kiosk::testing::Citizen;
using kiosk::testing::StationFixture;

class StoreOutboxTest : public ::testing::Test {
 protected:
  StoreOutboxTest() : queue_(station_.store(), station_.records()) {}
  bool Audited(const std::string& action) {
    auto actions = station_.AuditActions();
    return std::find(actions.begin(), actions.end(), action) != actions.end();
  }
  Clock::WallTime Now() { return SystemClock::Instance().Now(); }

  StationFixture station_;
  StoreOutboxQueue queue_;
};

TEST_F(StoreOutboxTest, Enqueue_RecordNotInSignedBatch_Refused) {
  std::string number = station_.SealAndApprove(Citizen{});
  auto enqueued = queue_.Enqueue(number, "h1", {1, 2}, Now());
  ASSERT_FALSE(enqueued);
  EXPECT_EQ(enqueued.error().code(), ErrorCode::kPolicyViolation);
  EXPECT_EQ(queue_.StationCounts()->awaiting_packaging, 0u);
}

TEST_F(StoreOutboxTest, SignedBatch_AwaitsPackaging_ThenQueuedIdempotently) {
  std::string a = station_.SealAndApprove(Citizen{});
  std::string b = station_.SealAndApprove(Citizen{});
  station_.SignBatches();
  auto waiting = queue_.AwaitingPackaging();
  ASSERT_TRUE(waiting);
  EXPECT_EQ(*waiting, (std::vector<std::string>{a, b}));
  EXPECT_EQ(queue_.StationCounts()->awaiting_packaging, 2u);

  ASSERT_TRUE(queue_.Enqueue(a, "h1", {1, 2}, Now()));
  ASSERT_TRUE(queue_.Enqueue(a, "h1", {1, 2}, Now()));
  auto other = queue_.Enqueue(a, "h2", {3}, Now());
  ASSERT_FALSE(other);
  EXPECT_EQ(other.error().code(), ErrorCode::kConflict);
  auto counts = *queue_.StationCounts();
  EXPECT_EQ(counts.awaiting_packaging, 1u);
  EXPECT_EQ(counts.queued, 1u);
  EXPECT_EQ(*queue_.AwaitingPackaging(), std::vector<std::string>{b});
  auto due = queue_.NextDue(Now());
  ASSERT_TRUE(due && due->has_value());
  EXPECT_EQ((*due)->packet_id, a);
  EXPECT_EQ((*due)->packet, (std::vector<uint8_t>{1, 2}));
}

TEST_F(StoreOutboxTest, MarkFailed_Retriable_RescheduledWithAttempts) {
  std::string a = station_.SealAndApprove(Citizen{});
  station_.SignBatches();
  ASSERT_TRUE(queue_.Enqueue(a, "h1", {1}, Now()));
  auto later = Now() + std::chrono::seconds(30);
  ASSERT_TRUE(queue_.MarkFailed(a, "busy", later, false));
  EXPECT_FALSE(queue_.NextDue(Now())->has_value());
  auto earliest = queue_.EarliestDue();
  ASSERT_TRUE(earliest && earliest->has_value());
  EXPECT_LE(std::chrono::abs(**earliest - later), std::chrono::milliseconds(1));
  auto item = **queue_.NextDue(later + std::chrono::seconds(1));
  EXPECT_EQ(item.attempts, 1);
  EXPECT_EQ(item.last_error, "busy");
  EXPECT_FALSE(Audited("sync.refused"));
}

TEST_F(StoreOutboxTest, MarkFailed_Permanent_ParkedAuditedUntilRequeued) {
  std::string a = station_.SealAndApprove(Citizen{});
  station_.SignBatches();
  ASSERT_TRUE(queue_.Enqueue(a, "h1", {1}, Now()));
  ASSERT_TRUE(queue_.MarkFailed(a, "The central server refused the packet.", Now(), true));
  EXPECT_FALSE(queue_.NextDue(Now() + std::chrono::hours(1))->has_value());
  EXPECT_EQ(queue_.StationCounts()->parked, 1u);
  EXPECT_TRUE(Audited("sync.refused"));
  EXPECT_EQ(*queue_.RequeueParked(Now()), 1u);
  EXPECT_TRUE(queue_.NextDue(Now())->has_value());
  EXPECT_TRUE(Audited("sync.requeue"));
}

TEST_F(StoreOutboxTest, Acknowledged_RecordMovesOnAndReceiptKept) {
  std::string a = station_.SealAndApprove(Citizen{});
  station_.SignBatches();
  ASSERT_TRUE(queue_.Enqueue(a, "h1", {1}, Now()));
  ASSERT_TRUE(queue_.MarkAcknowledged(a, {a, "h1", "2026-11-29T08:00:00Z", false, {7, 8}}));
  EXPECT_EQ(station_.StatusOf(a), batch::RecordStatus::kAcknowledged);
  auto item = **queue_.Find(a);
  EXPECT_EQ(item.state, OutboxState::kAcknowledged);
  EXPECT_EQ(item.receipt->signed_receipt, (std::vector<uint8_t>{7, 8}));
  EXPECT_EQ(item.receipt->received_at, "2026-11-29T08:00:00Z");
  EXPECT_EQ(queue_.StationCounts()->acknowledged, 1u);
  EXPECT_FALSE(queue_.NextDue(Now() + std::chrono::hours(1))->has_value());
  // A replayed upload answered with the original receipt is still one acknowledgement.
  ASSERT_TRUE(queue_.MarkAcknowledged(a, {a, "h1", "2026-11-29T08:00:00Z", true, {7, 8}}));
  EXPECT_EQ(queue_.StationCounts()->acknowledged, 1u);
  EXPECT_TRUE(Audited("sync.replay_acknowledged"));
}

TEST_F(StoreOutboxTest, CentralStatusBeforeReceipt_AppliedOnceAcknowledged_ReasonSealed) {
  std::string a = station_.SealAndApprove(Citizen{});
  station_.SignBatches();
  ASSERT_TRUE(queue_.Enqueue(a, "h1", {1}, Now()));
  const std::string reason = "The name does not match the population register.";
  ASSERT_TRUE(queue_.SaveCentralStatus({a, CentralStatus::kNotAccepted, reason, "2026-11-29T09:00:00Z"}));
  EXPECT_EQ(station_.StatusOf(a), batch::RecordStatus::kQueued);  // no receipt yet
  ASSERT_TRUE(queue_.MarkAcknowledged(a, {a, "h1", "t", true, {1}}));
  EXPECT_EQ(station_.StatusOf(a), batch::RecordStatus::kNotAccepted);
  auto described = queue_.Describe(a);
  ASSERT_TRUE(described && described->has_value());
  ASSERT_TRUE((*described)->central);
  EXPECT_EQ((*described)->central->reason, reason);
  // The reason is about a citizen: it is sealed in the database, never in clear.
  auto raw = station_.store().db().Query("SELECT count(*) FROM outbox WHERE central_reason = ?", reason);
  ASSERT_TRUE(raw && *raw->Step());
  EXPECT_EQ(raw->Int(0), 0);
}

TEST_F(StoreOutboxTest, Cursor_AndLastSuccess_Persisted) {
  EXPECT_EQ(*queue_.StatusCursor(), "");
  ASSERT_TRUE(queue_.SaveStatusCursor("42"));
  EXPECT_EQ(*queue_.StatusCursor(), "42");
  EXPECT_FALSE(queue_.LastSuccessfulSync()->has_value());
  ASSERT_TRUE(queue_.NoteSuccessfulSync());
  EXPECT_TRUE(queue_.LastSuccessfulSync()->has_value());
}

TEST_F(StoreOutboxTest, Describe_UnknownRecord_Nothing) {
  auto described = queue_.Describe("NO-SUCH-1");
  ASSERT_TRUE(described);
  EXPECT_FALSE(described->has_value());
}

}  // namespace
}  // namespace kiosk::sync
