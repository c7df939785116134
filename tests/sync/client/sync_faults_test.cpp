// The outbox client against the real intake server over TLS on 127.0.0.1, with the faults of a
// police network: server down, 500/503, a slow server, a reset mid-body, a client that dies
// mid-upload. In every case each record ends up on the server exactly once and acknowledged.
#include <gtest/gtest.h>

#include <map>

#include <atomic>
#include <fstream>
#include <thread>

#include "kiosk/core/clock.h"
#include "sync/client/curl_transport.h"
#include "sync/client/outbox_worker.h"
#include "kiosk/sync_port/store_outbox.h"
#include "tests/sync/station/station_fixture.h"
#include "tests/sync/client/fault_proxy.h"
#include "tests/sync/packet/test_env.h"

namespace kiosk::sync {
namespace {

using kiosk::testing::ClientOptions;
using kiosk::testing::FaultProxy;
using kiosk::testing::SealFor;
using kiosk::testing::StartServer;
using kiosk::testing::SyntheticRecord;
using kiosk::testing::TestPki;
using std::chrono::milliseconds;
using server::FaultAction;
using server::IntakeServerOptions;

void RealSleep(milliseconds d) { std::this_thread::sleep_for(d); }

class SyncFaultsTest : public ::testing::Test {
 protected:
  void SetUp() override {
    queue_ = std::make_unique<StoreOutboxQueue>(station_.store(), station_.records());
  }

  WorkerOptions FastRetries() {
    WorkerOptions options;
    options.backoff = {milliseconds(50), milliseconds(400), 2.0};
    options.seed = 11;
    return options;
  }

  // A record approved in a signed batch of the station's store, under `label` in the test;
  // its packet is a synthetic one of `bytes`.
  void Enqueue(const std::string& label, size_t bytes = 4096) {
    std::string number = station_.SealAndApprove(kiosk::testing::Citizen{}, 256);
    station_.SignBatches();
    ids_[label] = number;
    auto packet = SealFor(pki_, SyntheticRecord(number, "Nguyễn Thị Mẫu", bytes));
    ASSERT_TRUE(queue_->Enqueue(packet.packet_id, packet.content_hash, packet.bytes, clock_.Now()));
  }
  const std::string& Id(const std::string& label) { return ids_[label]; }

  std::unique_ptr<CurlTransport> Transport(int port, milliseconds timeout = milliseconds(10000)) {
    auto options = ClientOptions(pki_, port);
    options.request_timeout = timeout;
    auto transport = CurlTransport::Create(options);
    EXPECT_TRUE(transport) << transport.error().ToLogString();
    return transport ? std::move(*transport) : nullptr;
  }

  // Every queued record is acknowledged and stored once on the server.
  void ExpectExactlyOnce(server::IntakeServer& server, size_t records) {
    auto counts = queue_->Counts();
    ASSERT_TRUE(counts);
    EXPECT_EQ(counts->acknowledged, records);
    EXPECT_EQ(counts->queued, 0u);
    EXPECT_EQ(counts->parked, 0u);
    EXPECT_EQ(*server.store().PacketCount(), static_cast<int64_t>(records));
  }

  TestPki pki_;
  kiosk::testing::StationFixture station_;
  std::map<std::string, std::string> ids_;
  SystemClock& clock_ = SystemClock::Instance();
  std::unique_ptr<StoreOutboxQueue> queue_;
};

TEST_F(SyncFaultsTest, ServerDownAtStart_RetriesThenSucceeds) {
  int port = kiosk::testing::UnusedPort();
  Enqueue("DOWN-1");
  Enqueue("DOWN-2");
  auto transport = Transport(port);
  OutboxWorker worker(*queue_, *transport, clock_, FastRetries());
  std::unique_ptr<server::IntakeServer> server;
  std::thread starter([&] {
    std::this_thread::sleep_for(milliseconds(700));
    IntakeServerOptions options;
    options.port = port;
    server = StartServer(pki_, options);
  });
  auto summary = worker.Drain(std::chrono::seconds(20), RealSleep);
  starter.join();
  ASSERT_TRUE(summary) << summary.error().ToLogString();
  EXPECT_GT(summary->retried, 0u);
  ExpectExactlyOnce(*server, 2);
}

TEST_F(SyncFaultsTest, Answers500And503_RetriedThenStoredOnce) {
  std::atomic<int> puts{0};
  IntakeServerOptions options;
  options.fault = [&puts](const std::string& method, const std::string&) {
    if (method != "PUT") return FaultAction{};
    int n = ++puts;
    if (n <= 2) return FaultAction{503, milliseconds(0)};
    if (n == 3) return FaultAction{500, milliseconds(0)};
    return FaultAction{};
  };
  auto server = StartServer(pki_, options);
  Enqueue("HTTP-1");
  Enqueue("HTTP-2");
  auto transport = Transport(server->port());
  OutboxWorker worker(*queue_, *transport, clock_, FastRetries());
  auto summary = worker.Drain(std::chrono::seconds(20), RealSleep);
  ASSERT_TRUE(summary);
  EXPECT_EQ(summary->retried, 3u);
  ExpectExactlyOnce(*server, 2);
}

TEST_F(SyncFaultsTest, SlowServer_TimesOutThenSucceedsWithOriginalReceipt) {
  std::atomic<int> puts{0};
  IntakeServerOptions options;
  // The first PUT is answered only after the client gave up: the server stored it anyway, so the
  // retry must get the original receipt, not a second copy.
  options.fault = [&puts](const std::string& method, const std::string&) {
    if (method == "PUT" && ++puts == 1) return FaultAction{0, milliseconds(1500)};
    return FaultAction{};
  };
  auto server = StartServer(pki_, options);
  Enqueue("SLOW-1");
  auto transport = Transport(server->port(), milliseconds(700));
  OutboxWorker worker(*queue_, *transport, clock_, FastRetries());
  auto first = worker.SendDue();
  ASSERT_TRUE(first);
  EXPECT_EQ(first->retried, 1u);
  EXPECT_NE(first->last_error.find("in time"), std::string::npos) << first->last_error;
  std::this_thread::sleep_for(milliseconds(1200));  // let the slow request finish on the server
  auto summary = worker.Drain(std::chrono::seconds(20), RealSleep);
  ASSERT_TRUE(summary);
  ExpectExactlyOnce(*server, 1);
  auto item = **queue_->Find(Id("SLOW-1"));
  ASSERT_TRUE(item.receipt.has_value());
  EXPECT_TRUE(item.receipt->duplicate);
}

TEST_F(SyncFaultsTest, ConnectionResetMidBody_RetriedStoredOnce) {
  auto server = StartServer(pki_);
  FaultProxy proxy(server->port());
  proxy.ResetAfterBytes(200 * 1024, 2);  // the first two uploads die mid-body
  Enqueue("RESET-1", 1500 * 1024);
  auto transport = Transport(proxy.port());
  OutboxWorker worker(*queue_, *transport, clock_, FastRetries());
  auto summary = worker.Drain(std::chrono::seconds(30), RealSleep);
  ASSERT_TRUE(summary) << summary.error().ToLogString();
  EXPECT_EQ(proxy.resets(), 2);
  EXPECT_EQ(summary->retried, 2u);
  ExpectExactlyOnce(*server, 1);
}

TEST_F(SyncFaultsTest, ClientStoppedMidUpload_ResumesAfterRestartWithoutDuplicate) {
  auto server = StartServer(pki_);
  FaultProxy proxy(server->port());
  proxy.SetChunkDelay(milliseconds(20));  // ~1.5 MB at 16 KiB / 20 ms: about 2 s
  Enqueue("CRASH-1", 1500 * 1024);
  {
    auto transport = Transport(proxy.port());
    OutboxWorker worker(*queue_, *transport, clock_, FastRetries());
    std::atomic<bool> halfway{false};
    worker.SetProgressCallback([&halfway](const SyncProgress& progress) {
      if (progress.total > 0 && progress.sent * 3 > progress.total) halfway = true;
    });
    worker.Start();
    for (int i = 0; i < 500 && !halfway; ++i) std::this_thread::sleep_for(milliseconds(10));
    ASSERT_TRUE(halfway);
    // The station is switched off: the worker, the transport and the outbox handle all go.
  }
  queue_.reset();
  EXPECT_EQ(*server->store().PacketCount(), 0);

  queue_ = std::make_unique<StoreOutboxQueue>(station_.store(), station_.records());
  EXPECT_EQ(queue_->Counts()->queued, 1u);
  proxy.SetChunkDelay(milliseconds(0));
  auto transport = Transport(proxy.port());
  OutboxWorker worker(*queue_, *transport, clock_, FastRetries());
  auto summary = worker.Drain(std::chrono::seconds(20), RealSleep);
  ASSERT_TRUE(summary);
  ExpectExactlyOnce(*server, 1);
}

TEST_F(SyncFaultsTest, ServerStoredButReceiptLost_ReUploadGetsOriginalReceipt) {
  auto server = StartServer(pki_);
  Enqueue("LOST-1");
  auto item = **queue_->Find(Id("LOST-1"));
  auto transport = Transport(server->port());
  // The upload reached the server, then the station died before recording the receipt.
  auto first = transport->Upload(item.packet_id, item.packet, {});
  ASSERT_TRUE(first);
  OutboxWorker worker(*queue_, *transport, clock_, FastRetries());
  auto summary = worker.Drain(std::chrono::seconds(10), RealSleep);
  ASSERT_TRUE(summary);
  EXPECT_EQ(summary->duplicates, 1u);
  ExpectExactlyOnce(*server, 1);
  EXPECT_EQ((**queue_->Find(Id("LOST-1"))).receipt->signed_receipt, first->signed_receipt);
}

TEST_F(SyncFaultsTest, ManyRecordsThroughMixedFaults_EachExactlyOnce) {
  std::atomic<int> puts{0};
  IntakeServerOptions options;
  options.fault = [&puts](const std::string& method, const std::string&) {
    if (method == "PUT" && ++puts % 4 == 0) return FaultAction{503, milliseconds(0)};
    return FaultAction{};
  };
  auto server = StartServer(pki_, options);
  FaultProxy proxy(server->port());
  proxy.ResetAfterBytes(50 * 1024, 3);
  for (int i = 0; i < 12; ++i) Enqueue("MIX-" + std::to_string(i), 100 * 1024);
  auto transport = Transport(proxy.port());
  OutboxWorker worker(*queue_, *transport, clock_, FastRetries());
  auto summary = worker.Drain(std::chrono::seconds(60), RealSleep);
  ASSERT_TRUE(summary);
  ExpectExactlyOnce(*server, 12);
  for (int i = 0; i < 12; ++i) {
    auto stored = server->store().Find(Id("MIX-" + std::to_string(i)));
    ASSERT_TRUE(stored && stored->has_value()) << i;
  }
}

TEST_F(SyncFaultsTest, StatusPull_UpdatesCentralStatusesOnStation) {
  IntakeServerOptions options;
  options.register_file = pki_.dir() / "register.json";
  std::ofstream(options.register_file) << kiosk::testing::SyntheticRegisterJson();
  auto server = StartServer(pki_, options);
  Enqueue("ST-1");
  auto transport = Transport(server->port());
  OutboxWorker worker(*queue_, *transport, clock_, FastRetries());
  ASSERT_TRUE(worker.Drain(std::chrono::seconds(10), RealSleep));
  for (int i = 0; i < 100; ++i) {
    ASSERT_TRUE(worker.PullStatus());
    auto item = **queue_->Find(Id("ST-1"));
    if (item.central_status && item.central_status->status == CentralStatus::kApproved) return;
    std::this_thread::sleep_for(milliseconds(50));
  }
  FAIL() << "the approval never reached the station";
}

}  // namespace
}  // namespace kiosk::sync
