// The station app's sync service end to end on 127.0.0.1: records approved in the store reach
// the reference intake server exactly once, come back acknowledged, and "check processing
// status" says what the centre decided; faults and refusals are clear and audited.
#include "sync/station/station_sync.h"

#include <gtest/gtest.h>

#include <algorithm>

#include "kiosk/core/i18n.h"
#include "kiosk/store/schema.h"
#include "kiosk/sync_port/citizen_status.h"
#include "kiosk/sync_port/store_outbox.h"
#include "sync/client/station_identity.h"
#include "sync/packet/packet.h"
#include "tests/sync/packet/test_env.h"
#include "tests/sync/station/station_fixture.h"

namespace kiosk::sync {
namespace {

using kiosk::testing::Citizen;
using kiosk::testing::StationFixture;
using kiosk::testing::TestPki;
using kiosk::testing::WaitFor;
using std::chrono::milliseconds;

class StationSyncTest : public ::testing::Test {
 protected:
  void SetUp() override {
    register_file_ = pki_.dir() / "register.json";
    ASSERT_TRUE(WriteFileAtomic(register_file_, kiosk::testing::SyntheticRegisterJson()));
  }

  std::unique_ptr<server::IntakeServer> Server(int port = 0, std::filesystem::path dir = {}) {
    server::IntakeServerOptions options;
    options.register_file = register_file_;
    options.port = port;
    if (!dir.empty()) options.dir = dir;
    return kiosk::testing::StartServer(pki_, options);
  }

  // server_cert_file: the configuration's server.server_cert_file (empty: not set).
  std::unique_ptr<station::SyncControl> Sync(int port, const std::filesystem::path& server_cert_file = {}) {
    StationSyncOptions options;
    options.poll = milliseconds(200);
    options.start_thread = false;
    options.engine.worker.backoff = {milliseconds(50), milliseconds(300), 2.0};
    Config config = station_.MakeConfig(port, pki_);
    config.server.server_cert_file = server_cert_file;
    return MakeStationSync(config, station_.store(), station_.records(), SystemClock::Instance(),
                           options);
  }

  bool Audited(const std::string& action) {
    auto actions = station_.AuditActions();
    return std::find(actions.begin(), actions.end(), action) != actions.end();
  }

  TestPki pki_;
  StationFixture station_;
  std::filesystem::path register_file_;
};

TEST_F(StationSyncTest, ApprovedInStore_SyncNow_StoredOnceAcknowledgedAndStatusPulled) {
  Citizen mismatch;
  mismatch.full_name = "Nguyễn Thị Khác";
  std::string good = station_.SealAndApprove(Citizen{}, 64 * 1024);
  std::string bad = station_.SealAndApprove(mismatch);
  station_.SignBatches();
  station_.Provision(pki_);
  auto server = Server();
  auto sync = Sync(server->port());
  auto state = sync->State();
  EXPECT_TRUE(state.configured);
  EXPECT_EQ(state.approved_waiting, 2u);
  EXPECT_EQ(state.acknowledged, 0u);

  sync->SyncNow();
  ASSERT_TRUE(WaitFor([&] { return sync->State().acknowledged == 2; })) << sync->State().last_error;
  EXPECT_EQ(*server->store().PacketCount(), 2);
  state = sync->State();
  EXPECT_EQ(state.queued, 0u);
  EXPECT_EQ(state.approved_waiting, 0u);
  EXPECT_TRUE(state.last_success.has_value());
  EXPECT_TRUE(state.last_error.empty()) << state.last_error;

  // The centre decides on its own thread; the status lookup then tells the citizen.
  ASSERT_TRUE(WaitFor([&] {
    auto status = sync->Status(good);
    return status && status->central == CentralStatus::kApproved;
  }));
  auto approved = sync->Status(good);
  EXPECT_TRUE(approved->known_to_station);
  EXPECT_EQ(approved->citizen_text, CitizenStatusText(CentralStatus::kApproved, {}));
  ASSERT_TRUE(WaitFor([&] {
    auto status = sync->Status(bad);
    return status && status->central == CentralStatus::kNotAccepted;
  }));
  auto refused = sync->Status(bad);
  EXPECT_EQ(refused->citizen_text,
            CitizenStatusText(CentralStatus::kNotAccepted,
                              "The name does not match the population register."));
  EXPECT_EQ(station_.StatusOf(good), batch::RecordStatus::kCentralApproved);
  EXPECT_EQ(station_.StatusOf(bad), batch::RecordStatus::kNotAccepted);

  // Another round sends nothing again: exactly once on the server.
  sync->SyncNow();
  std::this_thread::sleep_for(milliseconds(300));
  EXPECT_EQ(*server->store().PacketCount(), 2);
  auto unknown = sync->Status("NO-SUCH-9");
  ASSERT_FALSE(unknown);
  EXPECT_EQ(unknown.error().code(), ErrorCode::kNotFound);
}

TEST_F(StationSyncTest, ServerDownThenUp_RetriedUntilStoredOnce) {
  std::string record = station_.SealAndApprove(Citizen{});
  station_.SignBatches();
  station_.Provision(pki_);
  // The server's certificate is cached from an earlier contact; the server is down now.
  std::filesystem::copy_file(pki_.server_cert_file(), StationFilesIn(station_.data_dir()).server_certificate);
  const int port = kiosk::testing::UnusedPort();
  auto sync = Sync(port);
  sync->SyncNow();
  ASSERT_TRUE(WaitFor([&] { return sync->State().queued == 1 && !sync->State().last_error.empty(); }));
  EXPECT_EQ(sync->State().acknowledged, 0u);
  // Still answerable offline, from the station's own data.
  auto offline = sync->Status(record);
  ASSERT_TRUE(offline);
  EXPECT_FALSE(offline->central.has_value());
  EXPECT_EQ(offline->citizen_text, i18n::tr("The application is waiting to be sent for processing"));

  auto server = Server(port);
  ASSERT_TRUE(WaitFor([&] { return sync->State().acknowledged == 1; })) << sync->State().last_error;
  EXPECT_EQ(*server->store().PacketCount(), 1);
  EXPECT_EQ(station_.StatusOf(record) >= batch::RecordStatus::kAcknowledged, true);
}

TEST_F(StationSyncTest, Unprovisioned_NotConfiguredWithClearError) {
  std::string record = station_.SealAndApprove(Citizen{});
  station_.SignBatches();
  auto sync = Sync(kiosk::testing::UnusedPort());
  auto state = sync->State();
  EXPECT_FALSE(state.configured);
  EXPECT_EQ(state.last_error, i18n::tr("This station is not registered with the central server yet."));
  EXPECT_EQ(state.approved_waiting, 1u);
  sync->SyncNow();  // does nothing, returns at once
  auto status = sync->Status(record);
  ASSERT_TRUE(status);
  EXPECT_TRUE(status->known_to_station);
  EXPECT_EQ(status->local_state, i18n::tr("Waiting to be sent"));
}

TEST_F(StationSyncTest, ServerCertificateFromAnotherCa_RefusedAndAudited) {
  std::string record = station_.SealAndApprove(Citizen{});
  station_.SignBatches();
  station_.Provision(pki_);
  // An impostor: TLS and packet encryption certificate from another CA.
  kiosk::testing::TempDir rogue;
  std::filesystem::copy_file(pki_.ca_file(), rogue / "ca.pem");
  std::filesystem::copy_file(pki_.file("rogue-server.pem"), rogue / "server.pem");
  std::filesystem::copy_file(pki_.file("rogue-server.key"), rogue / "server.key");
  auto server = Server(0, rogue.path());
  auto sync = Sync(server->port());
  sync->SyncNow();
  ASSERT_TRUE(WaitFor([&] { return !sync->State().last_error.empty(); }));
  EXPECT_EQ(sync->State().acknowledged, 0u);
  EXPECT_EQ(*server->store().PacketCount(), 0);
  EXPECT_TRUE(Audited("sync.server_cert_refused"));
  EXPECT_EQ(station_.StatusOf(record), batch::RecordStatus::kQueued);
}

TEST_F(StationSyncTest, ExpiredStationCertificate_RefusedOnceAndAudited) {
  station_.SealAndApprove(Citizen{});
  station_.SignBatches();
  // The station key is the test PKI's station key, certified by an expired certificate.
  StationFiles files = StationFilesIn(station_.data_dir());
  std::filesystem::create_directories(files.dir);
  std::filesystem::copy_file(pki_.file("expired-station.pem"), files.certificate);
  std::filesystem::copy_file(pki_.station_key_file(), files.key,
                             std::filesystem::copy_options::overwrite_existing);
  auto server = Server();
  auto sync = Sync(server->port());
  sync->SyncNow();
  ASSERT_TRUE(WaitFor([&] { return !sync->State().last_error.empty(); }));
  EXPECT_EQ(sync->State().last_error,
            i18n::tr("The station certificate has expired. Request a new one from the central CA."));
  EXPECT_EQ(*server->store().PacketCount(), 0);
  EXPECT_TRUE(Audited("sync.station_cert_expired"));
}

TEST_F(StationSyncTest, ConflictOnServer_ParkedWithAuditNotRetried) {
  std::string record = station_.SealAndApprove(Citizen{});
  station_.SignBatches();
  station_.Provision(pki_);
  auto server = Server();
  // The server already holds other content under this record number from the same station.
  auto transport = CurlTransport::Create(kiosk::testing::ClientOptions(pki_, server->port()));
  ASSERT_TRUE(transport);
  auto other = kiosk::testing::SealFor(pki_, kiosk::testing::SyntheticRecord(record));
  ASSERT_TRUE((*transport)->Upload(other.packet_id, other.bytes, {}));
  auto sync = Sync(server->port());
  sync->SyncNow();
  ASSERT_TRUE(WaitFor([&] { return sync->State().parked == 1; })) << sync->State().last_error;
  EXPECT_EQ(sync->State().acknowledged, 0u);
  EXPECT_TRUE(Audited("sync.refused"));
  auto status = sync->Status(record);
  ASSERT_TRUE(status);
  EXPECT_EQ(status->local_state, i18n::tr("Sending stopped: a technician must check it"));
  EXPECT_EQ(*server->store().PacketCount(), 1);
}

TEST_F(StationSyncTest, TamperedPacket_RefusedByServer_ParkedWithAudit) {
  std::string record = station_.SealAndApprove(Citizen{});
  station_.SignBatches();
  station_.Provision(pki_);
  auto server = Server();
  // The packet in the outbox was altered on disk after packaging.
  auto packet = kiosk::testing::SealFor(pki_, kiosk::testing::SyntheticRecord(record));
  packet.bytes[packet.bytes.size() / 2] ^= 0x5a;
  StoreOutboxQueue queue(station_.store(), station_.records());
  ASSERT_TRUE(queue.Enqueue(record, packet.content_hash, packet.bytes, SystemClock::Instance().Now()));
  auto sync = Sync(server->port());
  sync->SyncNow();
  ASSERT_TRUE(WaitFor([&] { return sync->State().parked == 1; })) << sync->State().last_error;
  EXPECT_FALSE(sync->State().last_error.empty());
  EXPECT_EQ(*server->store().PacketCount(), 0);
  EXPECT_TRUE(Audited("sync.refused"));
  EXPECT_EQ(station_.StatusOf(record), batch::RecordStatus::kQueued);
}

TEST_F(StationSyncTest, ConfiguredServerCertificate_UsedFirst_PackagedWhileServerDown) {
  std::string record = station_.SealAndApprove(Citizen{});
  station_.SignBatches();
  station_.Provision(pki_);
  // No cached server.pem and no server to fetch one from: only the configured file can serve.
  const auto cached = StationFilesIn(station_.data_dir()).server_certificate;
  ASSERT_FALSE(std::filesystem::exists(cached));
  const int port = kiosk::testing::UnusedPort();
  auto sync = Sync(port, pki_.server_cert_file());
  sync->SyncNow();
  ASSERT_TRUE(WaitFor([&] { return sync->State().queued == 1 && !sync->State().last_error.empty(); }));
  EXPECT_EQ(sync->State().approved_waiting, 0u) << "packaged for the configured certificate";
  EXPECT_FALSE(std::filesystem::exists(cached)) << "the configured file is not copied to the cache";

  auto server = Server(port);
  ASSERT_TRUE(WaitFor([&] { return sync->State().acknowledged == 1; })) << sync->State().last_error;
  EXPECT_EQ(*server->store().PacketCount(), 1);
  EXPECT_FALSE(Audited("sync.server_cert_refused"));
  EXPECT_TRUE(station_.StatusOf(record) >= batch::RecordStatus::kAcknowledged);
}

TEST_F(StationSyncTest, ConfiguredServerCertificateFromAnotherCa_RefusedAuditedThenFetched) {
  station_.SealAndApprove(Citizen{});
  station_.SignBatches();
  station_.Provision(pki_);
  auto server = Server();
  auto sync = Sync(server->port(), pki_.file("rogue-server.pem"));
  sync->SyncNow();
  // Nothing is encrypted to the impostor: the server's own, verified, certificate is fetched.
  ASSERT_TRUE(WaitFor([&] { return sync->State().acknowledged == 1; })) << sync->State().last_error;
  EXPECT_TRUE(Audited("sync.server_cert_refused"));
  EXPECT_EQ(*server->store().PacketCount(), 1);
}

TEST_F(StationSyncTest, ConfiguredServerCertificateMissing_FallsBackToTheServer) {
  station_.SealAndApprove(Citizen{});
  station_.SignBatches();
  station_.Provision(pki_);
  auto server = Server();
  auto sync = Sync(server->port(), pki_.file("no-such-server.pem"));
  sync->SyncNow();
  ASSERT_TRUE(WaitFor([&] { return sync->State().acknowledged == 1; })) << sync->State().last_error;
  EXPECT_EQ(*server->store().PacketCount(), 1);
}

// A station that queued records under schema version 1 (before the outbox became the sync
// client's queue) is upgraded by the sync engine's own store and sends each record once.
TEST_F(StationSyncTest, OutboxWrittenBySchemaV1_Upgraded_EachRecordUploadedOnce) {
  std::string first = station_.SealAndApprove(Citizen{});
  Citizen second_citizen;
  second_citizen.id_number = "001099054321";
  std::string second = station_.SealAndApprove(second_citizen);
  station_.SignBatches();
  station_.Provision(pki_);
  ASSERT_NO_FATAL_FAILURE(kiosk::testing::RewindOutboxToSchemaV1(station_.store().db(), pki_.dir()));
  ASSERT_EQ(*store::SchemaVersion(station_.store().db()), 1);
  ASSERT_EQ(*station_.store().db().QueryInt("SELECT count(*) FROM outbox WHERE state = 'pending'", 0), 2);

  auto server = Server();
  auto sync = Sync(server->port());  // opens its own store: the upgrade happens here
  EXPECT_EQ(*store::SchemaVersion(station_.store().db()), store::LatestSchemaVersion());
  EXPECT_EQ(sync->State().approved_waiting, 2u);
  sync->SyncNow();
  ASSERT_TRUE(WaitFor([&] { return sync->State().acknowledged == 2; })) << sync->State().last_error;
  EXPECT_EQ(*server->store().PacketCount(), 2);
  sync->SyncNow();
  std::this_thread::sleep_for(milliseconds(300));
  EXPECT_EQ(*server->store().PacketCount(), 2);
  EXPECT_EQ(sync->State().queued, 0u);
  EXPECT_TRUE(station_.StatusOf(first) >= batch::RecordStatus::kAcknowledged);
  EXPECT_TRUE(station_.StatusOf(second) >= batch::RecordStatus::kAcknowledged);
}

TEST_F(StationSyncTest, PauseThenResume_UploadsAfterResume) {
  station_.SealAndApprove(Citizen{});
  station_.SignBatches();
  station_.Provision(pki_);
  auto server = Server();
  auto sync = Sync(server->port());
  sync->Pause();
  EXPECT_TRUE(sync->State().paused);
  sync->SyncNow();
  std::this_thread::sleep_for(milliseconds(300));
  EXPECT_EQ(*server->store().PacketCount(), 0);
  sync->Resume();
  EXPECT_FALSE(sync->State().paused);
  ASSERT_TRUE(WaitFor([&] { return sync->State().acknowledged == 1; })) << sync->State().last_error;
  EXPECT_EQ(*server->store().PacketCount(), 1);
}

}  // namespace
}  // namespace kiosk::sync
