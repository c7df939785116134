// The OutboxQueue contract on the in-memory queue (the store's queue has its own tests in
// tests/sync/station/store_outbox_test.cpp: it only takes records approved in a signed batch).
#include <gtest/gtest.h>

#include <functional>
#include <memory>

#include "kiosk/sync_port/memory_outbox.h"
#include "tests/support/fake_clock.h"
#include "tests/support/temp_dir.h"

namespace kiosk::sync {
namespace {

class OutboxQueueContractTest : public ::testing::TestWithParam<std::string> {
 protected:
  void SetUp() override {
    queue_ = std::make_unique<MemoryOutboxQueue>();
  }
  kiosk::testing::TempDir dir_;
  kiosk::testing::FakeClock clock_;
  std::unique_ptr<OutboxQueue> queue_;
};

TEST_P(OutboxQueueContractTest, Enqueue_SameIdSameHash_Idempotent_OtherHashConflict) {
  ASSERT_TRUE(queue_->Enqueue("R1", "h1", {1, 2}, clock_.Now()));
  ASSERT_TRUE(queue_->Enqueue("R1", "h1", {1, 2}, clock_.Now()));
  auto other = queue_->Enqueue("R1", "h2", {3}, clock_.Now());
  ASSERT_FALSE(other);
  EXPECT_EQ(other.error().code(), ErrorCode::kConflict);
  EXPECT_EQ(queue_->Counts()->queued, 1u);
}

TEST_P(OutboxQueueContractTest, NextDue_RespectsNextAttemptAndOrder) {
  ASSERT_TRUE(queue_->Enqueue("R1", "h1", {1}, clock_.Now()));
  clock_.Advance(std::chrono::seconds(1));
  ASSERT_TRUE(queue_->Enqueue("R2", "h2", {2}, clock_.Now()));
  EXPECT_EQ((*queue_->NextDue(clock_.Now()))->packet_id, "R1");
  ASSERT_TRUE(queue_->MarkFailed("R1", "busy", clock_.Now() + std::chrono::seconds(10), false));
  auto next = *queue_->NextDue(clock_.Now());
  ASSERT_TRUE(next.has_value());
  EXPECT_EQ(next->packet_id, "R2");
  ASSERT_TRUE(queue_->MarkAcknowledged("R2", {"R2", "h2", "t", false, {9}}));
  EXPECT_FALSE(queue_->NextDue(clock_.Now())->has_value());
  EXPECT_EQ(**queue_->EarliestDue(), clock_.Now() + std::chrono::seconds(10));
  clock_.Advance(std::chrono::seconds(10));
  auto r1 = *queue_->NextDue(clock_.Now());
  ASSERT_TRUE(r1.has_value());
  EXPECT_EQ(r1->attempts, 1);
  EXPECT_EQ(r1->last_error, "busy");
}

TEST_P(OutboxQueueContractTest, Parked_NotDueUntilRequeued) {
  ASSERT_TRUE(queue_->Enqueue("R1", "h1", {1}, clock_.Now()));
  ASSERT_TRUE(queue_->MarkFailed("R1", "conflict", clock_.Now(), true));
  EXPECT_FALSE(queue_->NextDue(clock_.Now() + std::chrono::hours(1))->has_value());
  EXPECT_EQ(queue_->Counts()->parked, 1u);
  ASSERT_TRUE(queue_->Requeue("R1", clock_.Now()));
  EXPECT_TRUE(queue_->NextDue(clock_.Now())->has_value());
}

TEST_P(OutboxQueueContractTest, ReceiptAndCentralStatus_Kept) {
  ASSERT_TRUE(queue_->Enqueue("R1", "h1", {1}, clock_.Now()));
  ASSERT_TRUE(queue_->MarkAcknowledged("R1", {"R1", "h1", "2026-01-15T08:00:00Z", true, {7, 8}}));
  ASSERT_TRUE(queue_->SaveCentralStatus({"R1", CentralStatus::kNotAccepted, "reason", "t"}));
  ASSERT_TRUE(queue_->SaveStatusCursor("42"));
  auto item = **queue_->Find("R1");
  EXPECT_EQ(item.state, OutboxState::kAcknowledged);
  EXPECT_EQ(item.receipt->signed_receipt, (std::vector<uint8_t>{7, 8}));
  EXPECT_TRUE(item.receipt->duplicate);
  EXPECT_EQ(item.central_status->status, CentralStatus::kNotAccepted);
  EXPECT_EQ(item.central_status->reason, "reason");
  EXPECT_EQ(*queue_->StatusCursor(), "42");
}

INSTANTIATE_TEST_SUITE_P(Implementations, OutboxQueueContractTest,
                         ::testing::Values(std::string("memory")));

}  // namespace
}  // namespace kiosk::sync
