// A station whose certificate the server refuses must hear "certificate refused" (not
// retriable), whatever the timing: under TLS 1.3 the refusal can arrive after curl has started
// sending, and the reset that follows can hide it. These tests break the first connection on
// purpose (a reset in the proxy) so the transfer fails without the alert, every time, and check
// that the station then asks the server (the probe) and names the real cause.
#include "sync/client/client_certificate_probe.h"

#include <gtest/gtest.h>

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

class CertificateProbeTest : public ::testing::Test {
 protected:
  void SetUp() override { server_ = StartServer(pki_, {}); }

  CurlTransportOptions Expired(int port) {
    auto options = ClientOptions(pki_, port);
    options.cert_file = pki_.file("expired-station.pem");
    options.check_own_certificate = false;  // the server must be the one refusing
    return options;
  }

  TestPki pki_;
  std::unique_ptr<server::IntakeServer> server_;
};

TEST_F(CertificateProbeTest, Probe_ValidCertificate_Accepted) {
  auto probe = ProbeClientCertificate(ClientOptions(pki_, server_->port()));
  EXPECT_EQ(probe.verdict, ClientCertificateVerdict::kAccepted) << probe.detail;
}

TEST_F(CertificateProbeTest, Probe_ExpiredCertificate_Refused) {
  auto probe = ProbeClientCertificate(Expired(server_->port()));
  EXPECT_EQ(probe.verdict, ClientCertificateVerdict::kRefused) << probe.detail;
}

TEST_F(CertificateProbeTest, Probe_CertificateFromAnotherCa_Refused) {
  auto options = ClientOptions(pki_, server_->port());
  options.cert_file = pki_.file("rogue-station.pem");
  options.key_file = pki_.file("rogue-station.key");
  auto probe = ProbeClientCertificate(options);
  EXPECT_EQ(probe.verdict, ClientCertificateVerdict::kRefused) << probe.detail;
}

TEST_F(CertificateProbeTest, Probe_NothingListening_Unknown) {
  int port = server_->port();
  server_.reset();
  auto probe = ProbeClientCertificate(ClientOptions(pki_, port));
  EXPECT_EQ(probe.verdict, ClientCertificateVerdict::kUnknown) << probe.detail;
}

TEST_F(CertificateProbeTest, Upload_ExpiredCertificateAlertLostInReset_RefusedNotRetriable) {
  FaultProxy proxy(server_->port());
  proxy.ResetAfterBytes(200);  // the first connection dies mid-handshake, before any alert
  auto transport = CurlTransport::Create(Expired(proxy.port()));
  ASSERT_TRUE(transport) << transport.error().ToLogString();
  auto packet = SealFor(pki_, SyntheticRecord("HN-0101"));
  auto receipt = (*transport)->Upload(packet.packet_id, packet.bytes, {});
  ASSERT_FALSE(receipt);
  EXPECT_EQ(receipt.error().code(), ErrorCode::kVerificationFailed) << receipt.error().ToLogString();
  EXPECT_FALSE(receipt.error().retriable());
  EXPECT_EQ(proxy.resets(), 1);
  EXPECT_EQ(*server_->store().PacketCount(), 0);
}

TEST_F(CertificateProbeTest, Upload_ValidCertificateConnectionReset_NetworkAndRetriable) {
  FaultProxy proxy(server_->port());
  proxy.ResetAfterBytes(200);
  auto transport = CurlTransport::Create(ClientOptions(pki_, proxy.port()));
  ASSERT_TRUE(transport) << transport.error().ToLogString();
  auto packet = SealFor(pki_, SyntheticRecord("HN-0102"));
  auto receipt = (*transport)->Upload(packet.packet_id, packet.bytes, {});
  ASSERT_FALSE(receipt);
  EXPECT_EQ(receipt.error().code(), ErrorCode::kNetwork) << receipt.error().ToLogString();
  EXPECT_TRUE(receipt.error().retriable());
  // The probe (a second connection) found the certificate accepted; the retry then succeeds.
  auto again = (*transport)->Upload(packet.packet_id, packet.bytes, {});
  ASSERT_TRUE(again) << again.error().ToLogString();
}

}  // namespace
}  // namespace kiosk::sync
