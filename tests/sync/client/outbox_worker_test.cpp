#include "sync/client/outbox_worker.h"

#include <gtest/gtest.h>

#include <deque>

#include "kiosk/sync_port/memory_outbox.h"
#include "tests/support/fake_clock.h"

namespace kiosk::sync {
namespace {

using std::chrono::milliseconds;

// A transport answering from a script; with an empty script it acknowledges everything. Keeps
// what the "server" holds, so exactly-once can be asserted.
class FakeTransport final : public SyncTransport {
 public:
  std::deque<Error> script;  // failures to return first, in order
  std::map<std::string, std::vector<uint8_t>> server;
  int uploads = 0;
  uint64_t abort_after_bytes = 0;  // simulate progress ticks; abort support

  Result<UploadReceipt> Upload(const std::string& packet_id, const std::vector<uint8_t>& packet,
                               const UploadProgress& progress) override {
    uploads++;
    if (progress) {
      for (uint64_t sent = 0; sent <= packet.size(); sent += 4) {
        if (!progress(sent, packet.size())) return Fail(Error::Cancelled());
      }
    }
    if (!script.empty()) {
      Error error = script.front();
      script.pop_front();
      return Fail(error);
    }
    UploadReceipt receipt;
    receipt.packet_id = packet_id;
    receipt.content_hash = "hash-" + packet_id;
    receipt.duplicate = server.count(packet_id) > 0;
    server[packet_id] = packet;
    receipt.signed_receipt = {1, 2, 3};
    return receipt;
  }
  Result<StatusPage> PullStatus(const std::string& cursor) override {
    StatusPage page;
    if (cursor.empty()) {
      page.changes = {{"R1", CentralStatus::kReceived, "", "t1"}, {"R1", CentralStatus::kApproved, "", "t2"}};
      page.next_cursor = "2";
    } else {
      page.next_cursor = cursor;
    }
    return page;
  }
};

Error Busy() { return Error(ErrorCode::kServiceUnavailable, "busy", "HTTP 503", Error::Retry::kYes); }
Error Conflict() { return Error(ErrorCode::kConflict, "conflict", "HTTP 409", Error::Retry::kNo); }

class OutboxWorkerTest : public ::testing::Test {
 protected:
  void Enqueue(const std::string& id) {
    ASSERT_TRUE(queue_.Enqueue(id, "hash-" + id, {1, 2, 3, 4, 5, 6, 7, 8}, clock_.Now()));
  }
  OutboxWorker::Sleep FakeSleep() {
    return [this](milliseconds d) {
      slept_ += d;
      clock_.Advance(d);
    };
  }
  WorkerOptions Options() {
    WorkerOptions options;
    options.backoff = {milliseconds(1000), milliseconds(60000), 2.0};
    options.seed = 3;
    return options;
  }

  kiosk::testing::FakeClock clock_;
  MemoryOutboxQueue queue_;
  FakeTransport transport_;
  milliseconds slept_{0};
};

TEST_F(OutboxWorkerTest, SendDue_AllSucceed_AcknowledgedWithReceipts) {
  Enqueue("R1");
  Enqueue("R2");
  OutboxWorker worker(queue_, transport_, clock_, Options());
  auto summary = worker.SendDue();
  ASSERT_TRUE(summary);
  EXPECT_EQ(summary->acknowledged, 2u);
  auto item = queue_.Find("R1");
  ASSERT_TRUE(item && item->has_value());
  EXPECT_EQ((*item)->state, OutboxState::kAcknowledged);
  ASSERT_TRUE((*item)->receipt.has_value());
  EXPECT_EQ((*item)->receipt->signed_receipt, (std::vector<uint8_t>{1, 2, 3}));
  EXPECT_EQ(queue_.Counts()->queued, 0u);
}

TEST_F(OutboxWorkerTest, Drain_RetriableFailures_BacksOffThenSucceeds) {
  Enqueue("R1");
  transport_.script = {Busy(), Busy(), Busy()};
  OutboxWorker worker(queue_, transport_, clock_, Options());
  auto summary = worker.Drain(std::chrono::minutes(5), FakeSleep());
  ASSERT_TRUE(summary);
  EXPECT_EQ(summary->acknowledged, 1u);
  EXPECT_EQ(summary->retried, 3u);
  EXPECT_EQ(transport_.uploads, 4);
  // Delays in [0.5, 1] + [1, 2] + [2, 4] seconds.
  EXPECT_GE(slept_, milliseconds(3500));
  EXPECT_LE(slept_, milliseconds(7000));
  EXPECT_EQ(transport_.server.size(), 1u);
}

TEST_F(OutboxWorkerTest, Drain_BudgetSpent_StaysQueuedWithError) {
  Enqueue("R1");
  for (int i = 0; i < 20; ++i) transport_.script.push_back(Busy());
  OutboxWorker worker(queue_, transport_, clock_, Options());
  auto summary = worker.Drain(std::chrono::seconds(10), FakeSleep());
  ASSERT_TRUE(summary);
  EXPECT_EQ(summary->acknowledged, 0u);
  auto item = *queue_.Find("R1");
  EXPECT_EQ(item->state, OutboxState::kQueued);
  EXPECT_EQ(item->last_error, "busy");
  EXPECT_GT(item->attempts, 1);
}

TEST_F(OutboxWorkerTest, SendDue_Conflict_ParkedNotRetried) {
  Enqueue("R1");
  transport_.script = {Conflict()};
  OutboxWorker worker(queue_, transport_, clock_, Options());
  auto summary = worker.Drain(std::chrono::minutes(5), FakeSleep());
  ASSERT_TRUE(summary);
  EXPECT_EQ(summary->parked, 1u);
  EXPECT_EQ(transport_.uploads, 1);
  EXPECT_EQ((*queue_.Find("R1"))->state, OutboxState::kParked);
  // The technician fixes it and puts it back.
  ASSERT_TRUE(queue_.Requeue("R1", clock_.Now()));
  ASSERT_TRUE(worker.SendDue());
  EXPECT_EQ((*queue_.Find("R1"))->state, OutboxState::kAcknowledged);
}

TEST_F(OutboxWorkerTest, ReceiptForOtherContent_Parked) {
  ASSERT_TRUE(queue_.Enqueue("R1", "another-hash", {1}, clock_.Now()));
  OutboxWorker worker(queue_, transport_, clock_, Options());
  ASSERT_TRUE(worker.SendDue());
  EXPECT_EQ((*queue_.Find("R1"))->state, OutboxState::kParked);
}

TEST_F(OutboxWorkerTest, Paused_UploadAbortedAndKeptQueued) {
  Enqueue("R1");
  OutboxWorker worker(queue_, transport_, clock_, Options());
  worker.SetProgressCallback([&worker](const SyncProgress& progress) {
    if (progress.sent >= 4) worker.Pause();
  });
  auto summary = worker.SendDue();
  ASSERT_TRUE(summary);
  EXPECT_EQ(summary->acknowledged, 0u);
  auto item = *queue_.Find("R1");
  EXPECT_EQ(item->state, OutboxState::kQueued);
  EXPECT_EQ(item->attempts, 0);  // a pause is not a failure
  worker.SetProgressCallback(nullptr);
  worker.Resume();
  ASSERT_TRUE(worker.SendDue());
  EXPECT_EQ((*queue_.Find("R1"))->state, OutboxState::kAcknowledged);
}

TEST_F(OutboxWorkerTest, Progress_ReportedForEachPacket) {
  Enqueue("R1");
  OutboxWorker worker(queue_, transport_, clock_, Options());
  std::vector<uint64_t> ticks;
  worker.SetProgressCallback([&ticks](const SyncProgress& progress) {
    EXPECT_EQ(progress.packet_id, "R1");
    EXPECT_EQ(progress.total, 8u);
    ticks.push_back(progress.sent);
  });
  ASSERT_TRUE(worker.SendDue());
  EXPECT_EQ(ticks, (std::vector<uint64_t>{0, 4, 8}));
}

TEST_F(OutboxWorkerTest, PullStatus_SavesStatusesAndCursor) {
  Enqueue("R1");
  OutboxWorker worker(queue_, transport_, clock_, Options());
  auto count = worker.PullStatus();
  ASSERT_TRUE(count);
  EXPECT_EQ(*count, 2u);
  EXPECT_EQ(*queue_.StatusCursor(), "2");
  auto item = *queue_.Find("R1");
  ASSERT_TRUE(item->central_status.has_value());
  EXPECT_EQ(item->central_status->status, CentralStatus::kApproved);
}

TEST_F(OutboxWorkerTest, Thread_SendsQueuedItemsAndStops) {
  kiosk::SystemClock& clock = kiosk::SystemClock::Instance();
  MemoryOutboxQueue queue;
  WorkerOptions options = Options();
  options.backoff = {milliseconds(10), milliseconds(50), 2.0};
  options.idle_poll = milliseconds(50);
  transport_.script = {Busy()};
  OutboxWorker worker(queue, transport_, clock, options);
  worker.Start();
  ASSERT_TRUE(queue.Enqueue("T1", "hash-T1", {1}, clock.Now()));
  ASSERT_TRUE(queue.Enqueue("T2", "hash-T2", {2}, clock.Now()));
  worker.Wake();
  for (int i = 0; i < 6000 && queue.Counts()->acknowledged < 2; ++i) {  // 60 s: a hang guard only
    std::this_thread::sleep_for(milliseconds(10));
  }
  worker.Stop();
  EXPECT_EQ(queue.Counts()->acknowledged, 2u);
  EXPECT_EQ(transport_.server.size(), 2u);
}

}  // namespace
}  // namespace kiosk::sync
