#include "sync/server/intake_server.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <thread>

#include "sync/client/curl_transport.h"
#include "sync/packet/cms.h"
#include "sync/packet/receipt.h"
#include "tests/sync/packet/test_env.h"

namespace kiosk::sync::server {
namespace {

using kiosk::testing::ClientOptions;
using kiosk::testing::SealFor;
using kiosk::testing::StartServer;
using kiosk::testing::SyntheticRecord;
using kiosk::testing::TestPki;

class IntakeServerTest : public ::testing::Test {
 protected:
  void SetUp() override {
    IntakeServerOptions options;
    options.register_file = pki_.dir() / "register.json";
    std::ofstream(options.register_file) << kiosk::testing::SyntheticRegisterJson();
    server_ = StartServer(pki_, options);
    auto transport = CurlTransport::Create(ClientOptions(pki_, server_->port()));
    ASSERT_TRUE(transport) << transport.error().ToLogString();
    transport_ = std::move(*transport);
  }

  Result<UploadReceipt> Upload(const SealedPacket& packet) {
    return transport_->Upload(packet.packet_id, packet.bytes, {});
  }

  // Waits until the packet's status is final (approved / not accepted).
  PacketStatus WaitFinal(const std::string& id) {
    for (int i = 0; i < 1200; ++i) {  // 60 s: a hang guard only
      auto status = transport_->FetchStatus(id);
      if (status && (status->status == CentralStatus::kApproved ||
                     status->status == CentralStatus::kNotAccepted)) {
        return *status;
      }
      std::this_thread::sleep_for(std::chrono::milliseconds(50));
    }
    ADD_FAILURE() << "no final status for " << id;
    return {};
  }

  TestPki pki_;
  std::unique_ptr<IntakeServer> server_;
  std::unique_ptr<CurlTransport> transport_;
};

TEST_F(IntakeServerTest, Put_NewPacket_StoredWithVerifiedReceipt) {
  auto packet = SealFor(pki_, SyntheticRecord("HN-0001"));
  auto receipt = Upload(packet);
  ASSERT_TRUE(receipt) << receipt.error().ToLogString();
  EXPECT_EQ(receipt->packet_id, "HN-0001");
  EXPECT_EQ(receipt->content_hash, packet.content_hash);
  EXPECT_FALSE(receipt->duplicate);
  EXPECT_FALSE(receipt->signed_receipt.empty());
  EXPECT_EQ(*server_->store().PacketCount(), 1);
  ASSERT_TRUE(transport_->Health());
}

TEST_F(IntakeServerTest, Put_ReplayedPacket_OriginalReceiptNotStoredTwice) {
  auto record = SyntheticRecord("HN-0002");
  auto first = Upload(SealFor(pki_, record));
  ASSERT_TRUE(first);
  // Sealed again (new ciphertext, same content): the station re-sends after a crash.
  auto again = Upload(SealFor(pki_, record));
  ASSERT_TRUE(again) << again.error().ToLogString();
  EXPECT_TRUE(again->duplicate);
  EXPECT_EQ(again->signed_receipt, first->signed_receipt);
  EXPECT_EQ(again->received_at, first->received_at);
  EXPECT_EQ(*server_->store().PacketCount(), 1);
  EXPECT_EQ(*server_->store().AuditCount("packet_replayed"), 1);
}

TEST_F(IntakeServerTest, Put_SameIdDifferentContent_ConflictNotRetriable) {
  ASSERT_TRUE(Upload(SealFor(pki_, SyntheticRecord("HN-0003"))));
  auto other = Upload(SealFor(pki_, SyntheticRecord("HN-0003", "Trần Văn Thử")));
  ASSERT_FALSE(other);
  EXPECT_EQ(other.error().code(), ErrorCode::kConflict);
  EXPECT_FALSE(other.error().retriable());
  EXPECT_EQ(*server_->store().AuditCount("packet_conflict"), 1);
}

TEST_F(IntakeServerTest, Put_TamperedPacket_RefusedAndAudited) {
  auto packet = SealFor(pki_, SyntheticRecord("HN-0004"));
  packet.bytes[packet.bytes.size() - 30] ^= 0x55;
  auto receipt = Upload(packet);
  ASSERT_FALSE(receipt);
  EXPECT_FALSE(receipt.error().retriable());
  EXPECT_EQ(*server_->store().PacketCount(), 0);
  EXPECT_EQ(*server_->store().AuditCount("packet_refused"), 1);
}

TEST_F(IntakeServerTest, Put_IdNotMatchingPacket_Refused) {
  auto packet = SealFor(pki_, SyntheticRecord("HN-0005"));
  auto receipt = transport_->Upload("HN-9999", packet.bytes, {});
  ASSERT_FALSE(receipt);
  EXPECT_EQ(*server_->store().PacketCount(), 0);
}

TEST_F(IntakeServerTest, Connect_StationFromAnotherCa_RefusedAtTls) {
  auto options = ClientOptions(pki_, server_->port());
  options.cert_file = pki_.file("rogue-station.pem");
  options.key_file = pki_.file("rogue-station.key");
  auto rogue = CurlTransport::Create(options);
  ASSERT_TRUE(rogue);
  auto packet = SealFor(pki_, SyntheticRecord("HN-0006"));
  auto receipt = (*rogue)->Upload(packet.packet_id, packet.bytes, {});
  ASSERT_FALSE(receipt);
  EXPECT_EQ(receipt.error().code(), ErrorCode::kVerificationFailed) << receipt.error().ToLogString();
  EXPECT_FALSE(receipt.error().retriable());
  EXPECT_EQ(*server_->store().PacketCount(), 0);
  EXPECT_GE(*server_->store().AuditCount("tls_client_refused"), 1);
}

TEST_F(IntakeServerTest, Connect_ExpiredStationCertificate_RefusedByServerAndLocally) {
  auto options = ClientOptions(pki_, server_->port());
  options.cert_file = pki_.file("expired-station.pem");
  options.check_own_certificate = false;  // prove the server refuses it too
  auto expired = CurlTransport::Create(options);
  ASSERT_TRUE(expired);
  auto packet = SealFor(pki_, SyntheticRecord("HN-0007"));
  auto receipt = (*expired)->Upload(packet.packet_id, packet.bytes, {});
  ASSERT_FALSE(receipt);
  EXPECT_EQ(receipt.error().code(), ErrorCode::kVerificationFailed) << receipt.error().ToLogString();
  EXPECT_FALSE(receipt.error().retriable());
  EXPECT_GE(*server_->store().AuditCount("tls_client_refused"), 1);

  options.check_own_certificate = true;
  auto checked = CurlTransport::Create(options);
  ASSERT_TRUE(checked);
  auto local = (*checked)->Upload(packet.packet_id, packet.bytes, {});
  ASSERT_FALSE(local);
  EXPECT_EQ(local.error().message_key(),
            "The station certificate has expired. Request a new one from the central CA.");
  EXPECT_EQ(*server_->store().PacketCount(), 0);
}

TEST_F(IntakeServerTest, Connect_ServerCertificateFromAnotherCa_RefusedNotRetriable) {
  // A server whose TLS certificate comes from a CA the station has not pinned.
  kiosk::testing::TempDir rogue_dir;
  std::filesystem::copy_file(pki_.ca_file(), rogue_dir / "ca.pem");
  std::filesystem::copy_file(pki_.file("rogue-server.pem"), rogue_dir / "server.pem");
  std::filesystem::copy_file(pki_.file("rogue-server.key"), rogue_dir / "server.key");
  IntakeServerOptions options;
  options.dir = rogue_dir.path();
  auto rogue_server = StartServer(pki_, options);
  auto transport = CurlTransport::Create(ClientOptions(pki_, rogue_server->port()));
  ASSERT_TRUE(transport);
  auto packet = SealFor(pki_, SyntheticRecord("HN-0008"));
  auto receipt = (*transport)->Upload(packet.packet_id, packet.bytes, {});
  ASSERT_FALSE(receipt);
  EXPECT_EQ(receipt.error().code(), ErrorCode::kVerificationFailed) << receipt.error().ToLogString();
  EXPECT_FALSE(receipt.error().retriable());
  EXPECT_EQ(*rogue_server->store().PacketCount(), 0);
}

TEST_F(IntakeServerTest, StatusFlow_RegisterDecides_ApprovedOrNotAcceptedWithReason) {
  ASSERT_TRUE(Upload(SealFor(pki_, SyntheticRecord("HN-0010"))));
  ASSERT_TRUE(Upload(SealFor(pki_, SyntheticRecord("HN-0011", "Nguyễn Thị Khác"))));
  EXPECT_EQ(WaitFinal("HN-0010").status, CentralStatus::kApproved);
  auto refused = WaitFinal("HN-0011");
  EXPECT_EQ(refused.status, CentralStatus::kNotAccepted);
  EXPECT_EQ(refused.reason, "The name does not match the population register.");

  auto page = transport_->PullStatus("");
  ASSERT_TRUE(page) << page.error().ToLogString();
  // received, processing, final, for each packet, in order.
  std::vector<std::string> flow;
  for (const auto& change : page->changes) {
    if (change.packet_id == "HN-0010") flow.emplace_back(ToString(change.status));
  }
  EXPECT_EQ(flow, (std::vector<std::string>{"received", "processing", "approved"}));
  auto next = transport_->PullStatus(page->next_cursor);
  ASSERT_TRUE(next);
  EXPECT_TRUE(next->changes.empty());
  EXPECT_EQ(next->next_cursor, page->next_cursor);
}

TEST_F(IntakeServerTest, TrustUpdate_SignedByServer_VerifiedBytesReturned) {
  auto none = transport_->FetchTrustUpdate();
  ASSERT_FALSE(none);
  EXPECT_EQ(none.error().code(), ErrorCode::kNotFound);
  const std::string bundle = R"({"version":2,"settings":{"max_days_since_sync":3}})";
  std::ofstream(pki_.dir() / "trust.json") << bundle;
  auto update = transport_->FetchTrustUpdate();
  ASSERT_TRUE(update) << update.error().ToLogString();
  EXPECT_EQ(std::string(update->begin(), update->end()), bundle);
}

TEST_F(IntakeServerTest, TrustUpdate_SignedByAnotherCa_Refused) {
  // What a station would get from a tampered or foreign bundle: the signature does not chain.
  auto rogue = LoadCredentials(pki_.file("rogue-server.pem"), pki_.file("rogue-server.key"));
  ASSERT_TRUE(rogue);
  const std::string bundle = "{}";
  auto signed_der = SignCms(reinterpret_cast<const uint8_t*>(bundle.data()), bundle.size(), *rogue);
  ASSERT_TRUE(signed_der);
  auto store = pki_.CaStore();
  auto verified = VerifyCms(*signed_der, store.get(), SignerRole::kServer);
  ASSERT_FALSE(verified);
  EXPECT_EQ(verified.error().code(), ErrorCode::kVerificationFailed);
  // A station certificate may not sign trust updates either.
  auto station = pki_.Station();
  auto by_station = SignCms(reinterpret_cast<const uint8_t*>(bundle.data()), bundle.size(), station);
  ASSERT_TRUE(by_station);
  EXPECT_FALSE(VerifyCms(*by_station, store.get(), SignerRole::kServer));
}

TEST_F(IntakeServerTest, FetchStatus_UnknownRecord_NotFound) {
  auto status = transport_->FetchStatus("HN-4040");
  ASSERT_FALSE(status);
  EXPECT_EQ(status.error().code(), ErrorCode::kNotFound);
}

TEST_F(IntakeServerTest, Restart_StoreKept_ReplayStillAnsweredWithOriginalReceipt) {
  auto record = SyntheticRecord("HN-0012");
  auto first = Upload(SealFor(pki_, record));
  ASSERT_TRUE(first);
  server_->Stop();
  server_.reset();
  IntakeServerOptions options;
  server_ = StartServer(pki_, options);
  auto transport = CurlTransport::Create(ClientOptions(pki_, server_->port()));
  ASSERT_TRUE(transport);
  auto packet = SealFor(pki_, record);
  auto again = (*transport)->Upload(packet.packet_id, packet.bytes, {});
  ASSERT_TRUE(again);
  EXPECT_TRUE(again->duplicate);
  EXPECT_EQ(again->signed_receipt, first->signed_receipt);
  EXPECT_EQ(*server_->store().PacketCount(), 1);
}

}  // namespace
}  // namespace kiosk::sync::server
