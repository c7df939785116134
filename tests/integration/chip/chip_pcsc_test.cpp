// Reads a synthetic CCCD through the real PC/SC stack: a private `pcscd --foreground` with the
// vsmartcard vpcd driver, the chip emulator connected to vpcd as its card, and the station's
// PC/SC CardChannel on "Virtual PCD 00 00". pcscd and the emulator are stopped by PID / stop
// token; the test skips (never hangs) when pcscd is missing or another one is running.
#include <gtest/gtest.h>

#include <arpa/inet.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <signal.h>
#include <spawn.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#include <openssl/x509.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <thread>

#include "drivers/pcsc/pcsc_reader.h"
#include "drivers/sim/chip/chip_profile.h"
#include "drivers/sim/chip/vpcd_client.h"
#include "kiosk/emrtd/protocol/chip_reader.h"

extern char** environ;

namespace kiosk {
namespace {

constexpr const char* kPcscd = "/usr/sbin/pcscd";
constexpr const char* kReader = "Virtual PCD 00 00";
constexpr uint16_t kVpcdPort = 35963;

bool PortListens(uint16_t port) {
  int fd = ::socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_port = htons(port);
  addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  const bool ok = ::connect(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr) == 0;
  ::close(fd);
  return ok;
}

// Any process named pcscd (not ours).
bool OtherPcscdRunning() {
  for (const auto& entry : std::filesystem::directory_iterator("/proc")) {
    std::ifstream comm(entry.path() / "comm");
    std::string name;
    if (comm && std::getline(comm, name) && name == "pcscd") return true;
  }
  return false;
}

class PcscdProcess {
 public:
  ~PcscdProcess() { Stop(); }

  // Empty on success, else the reason to skip or fail.
  std::string Start() {
    if (::access(kPcscd, X_OK) != 0) return "skip: /usr/sbin/pcscd is not installed";
    if (::geteuid() != 0) return "skip: pcscd --foreground needs root (it creates /run/pcscd)";
    if (OtherPcscdRunning()) return "skip: a pcscd not started by this test is running";
    char arg0[] = "pcscd";
    char arg1[] = "--foreground";
    char* argv[] = {arg0, arg1, nullptr};
    posix_spawn_file_actions_t actions;
    posix_spawn_file_actions_init(&actions);
    posix_spawn_file_actions_addopen(&actions, 1, "/dev/null", O_WRONLY, 0);
    posix_spawn_file_actions_addopen(&actions, 2, "/dev/null", O_WRONLY, 0);
    const int rc = posix_spawn(&pid_, kPcscd, &actions, nullptr, argv, environ);
    posix_spawn_file_actions_destroy(&actions);
    if (rc != 0) {
      pid_ = -1;
      return "fail: cannot start pcscd";
    }
    for (int i = 0; i < 100; ++i) {
      if (PortListens(kVpcdPort)) return {};
      int status = 0;
      if (::waitpid(pid_, &status, WNOHANG) == pid_) {
        pid_ = -1;
        return "fail: pcscd exited at start";
      }
      std::this_thread::sleep_for(std::chrono::milliseconds(100));
    }
    return "fail: pcscd did not open the vpcd port in 10 s";
  }

  void Stop() {
    if (pid_ <= 0) return;
    ::kill(pid_, SIGTERM);
    for (int i = 0; i < 50; ++i) {
      int status = 0;
      if (::waitpid(pid_, &status, WNOHANG) == pid_) {
        pid_ = -1;
        return;
      }
      std::this_thread::sleep_for(std::chrono::milliseconds(100));
    }
    ::kill(pid_, SIGKILL);
    ::waitpid(pid_, nullptr, 0);
    pid_ = -1;
  }

 private:
  pid_t pid_ = -1;
};

const sim::TestPki& Pki() {
  static const sim::TestPki pki = std::move(*sim::GenerateTestPki());
  return pki;
}

// One emulated card served to vpcd from its own thread; stopping it takes the card away.
class ServedCard {
 public:
  explicit ServedCard(sim::ChipBehaviour behaviour, const sim::ChipProfileOptions& profile = {}) {
    auto card = sim::MakeEmulatedCard(sim::DefaultCitizen(), Pki(), profile);
    EXPECT_TRUE(card) << card.error().ToLogString();
    access_ = card->access;
    trust_crls_ = card->trust_crls;
    emulator_ = std::make_unique<sim::ChipEmulator>(std::move(card->content), behaviour);
    sim::VpcdOptions options;
    options.port = kVpcdPort;
    client_ = std::make_unique<sim::VpcdClient>(*emulator_, options);
    thread_ = std::jthread([this](std::stop_token stop) { (void)client_->Run(stop); });
  }
  ~ServedCard() {
    thread_.request_stop();
    thread_.join();
  }
  const sim::AccessData& access() const { return access_; }
  const sim::VpcdClient& client() const { return *client_; }
  const std::vector<emrtd::Bytes>& trust_crls() const { return trust_crls_; }

 private:
  sim::AccessData access_;
  std::vector<emrtd::Bytes> trust_crls_;
  std::unique_ptr<sim::ChipEmulator> emulator_;
  std::unique_ptr<sim::VpcdClient> client_;
  std::jthread thread_;
};

emrtd::TrustStore Trust() {
  emrtd::TrustStore trust;
  X509_up_ref(Pki().csca_cert.get());
  trust.Add(emrtd::X509Ptr(Pki().csca_cert.get()));
  return trust;
}

// Waits for the card, connects and reads; one attempt. session_retries 0: a pulled card
// surfaces as an error instead of being ridden out by re-authentication.
Result<emrtd::ChipReadResult> ReadOnce(pcsc::Context& context, const sim::AccessData& access,
                                       const emrtd::TrustStore& trust, int session_retries = 2,
                                       const std::string& can = {}) {
  auto reader = pcsc::WaitForCard(context, kReader, std::chrono::seconds(10));
  if (!reader) return Fail(reader.error());
  auto channel = pcsc::PcscCardChannel::Connect(context, *reader);
  if (!channel) return Fail(channel.error());
  emrtd::ChipReadOptions options;
  options.trust = &trust;
  options.session_retries = session_retries;
  options.can = can;
  return emrtd::ReadChip(**channel, can.empty() ? access.mrz_key : emrtd::MrzAccessKey{}, options);
}

// pcscd notices a card leaving only at its next poll: wait for it so the next test does not
// connect to the card that just left.
void WaitUntilEmpty(pcsc::Context& context) {
  (void)pcsc::WaitForCardRemoval(context, kReader, std::chrono::seconds(3));
}

class ChipOverPcsc : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    pcscd_ = new PcscdProcess;
    start_result_ = pcscd_->Start();
  }
  static void TearDownTestSuite() {
    delete pcscd_;  // stops pcscd by PID
    pcscd_ = nullptr;
  }
  void TearDown() override {
    if (context_) WaitUntilEmpty(*context_);
  }
  void SetUp() override {
    if (start_result_.rfind("skip:", 0) == 0) GTEST_SKIP() << start_result_;
    ASSERT_TRUE(start_result_.empty()) << start_result_;
    // pcscd opens the vpcd port before its own socket and reader list are ready: wait for both.
    std::string last_error;
    for (int i = 0; i < 100 && !context_; ++i) {
      auto context = pcsc::Context::Establish();
      if (context) {
        auto readers = (*context)->ListReaders();
        if (readers && std::find(readers->begin(), readers->end(), kReader) != readers->end()) {
          context_ = std::move(*context);
          break;
        }
      } else {
        last_error = context.error().ToLogString();
      }
      std::this_thread::sleep_for(std::chrono::milliseconds(100));
    }
    ASSERT_TRUE(context_) << "pcscd never listed " << kReader << ": " << last_error;
  }

  static inline PcscdProcess* pcscd_ = nullptr;
  static inline std::string start_result_;
  std::unique_ptr<pcsc::Context> context_;
};

TEST_F(ChipOverPcsc, FullRead_IdentityAndVerificationThroughPcscd) {
  ServedCard card({});
  const emrtd::TrustStore trust = Trust();
  auto result = ReadOnce(*context_, card.access(), trust);
  ASSERT_TRUE(result) << result.error().ToLogString();
  EXPECT_EQ(result->identity.id_number, card.access().id_number);
  EXPECT_FALSE(result->identity.full_name.empty());
  EXPECT_FALSE(result->face.data.empty());
  EXPECT_EQ(result->verification.passive.overall, emrtd::CheckStatus::kValid)
      << result->verification.passive.detail;
  EXPECT_EQ(result->verification.active.status, emrtd::AuthStatus::kPassed)
      << result->verification.active.detail;
  EXPECT_EQ(result->verification.overall, emrtd::ChipVerdict::kGenuine);
  EXPECT_TRUE(result->extended_length);
  EXPECT_EQ(result->access_protocol, "PACE");
  std::printf("pcscd+vpcd read: %zu APDUs, %zu bytes in, %lld ms\n", result->link.apdus,
              result->link.bytes_received, static_cast<long long>(result->timings.total.count()));
}

TEST_F(ChipOverPcsc, ShortOnlyBacCard_ReadsThroughPcscd) {
  sim::ChipBehaviour behaviour;
  behaviour.access_control = sim::AccessControl::kBacOnly;
  behaviour.extended_length = false;
  ServedCard card(behaviour);
  const emrtd::TrustStore trust = Trust();
  auto result = ReadOnce(*context_, card.access(), trust);
  ASSERT_TRUE(result) << result.error().ToLogString();
  EXPECT_EQ(result->access_protocol, "BAC");
  EXPECT_FALSE(result->extended_length);
  EXPECT_EQ(result->block_size, 0xE7u);
  EXPECT_EQ(result->verification.passive.overall, emrtd::CheckStatus::kValid);
}

TEST_F(ChipOverPcsc, ShortOnlyPaceCardWithTheCan_ReadsThroughPcscd) {
  sim::ChipBehaviour behaviour;
  behaviour.extended_length = false;
  ServedCard card(behaviour);
  const emrtd::TrustStore trust = Trust();
  auto result = ReadOnce(*context_, card.access(), trust, 2, card.access().can);
  ASSERT_TRUE(result) << result.error().ToLogString();
  EXPECT_EQ(result->access_protocol, "PACE");
  EXPECT_EQ(result->block_size, 0xDFu);  // AES secure messaging
  EXPECT_EQ(result->identity.id_number, card.access().id_number);
  EXPECT_TRUE(result->verification.Genuine()) << result->verification.passive.detail;
}

TEST_F(ChipOverPcsc, WrongCan_IsWrongAccessKey) {
  ServedCard card({});
  const emrtd::TrustStore trust = Trust();
  auto result = ReadOnce(*context_, card.access(), trust, 2, "000000");
  ASSERT_FALSE(result);
  EXPECT_EQ(result.error().code(), ErrorCode::kWrongAccessKey);
}

TEST_F(ChipOverPcsc, CardPulledMidRead_IsRetriableThenReadsAgain) {
  for (int k : {4, 15}) {
    {
    ServedCard card(sim::ChipBehaviour{.extended_length = false, .refuse_access_key = false,
                                       .pull_at_apdu = k, .clone_aa_key = false,
                                       .latency_per_apdu = {}, .bits_per_second = 0, .max_extended_ne = 0});
    const emrtd::TrustStore trust = Trust();
    auto first = ReadOnce(*context_, card.access(), trust, /*session_retries=*/0);
    ASSERT_FALSE(first) << "pulled at " << k;
    EXPECT_TRUE(first.error().retriable()) << first.error().ToLogString();
    // Named as what happened, so the officer puts the card back rather than "holds it still".
    EXPECT_EQ(first.error().code(), ErrorCode::kCardRemoved) << first.error().ToLogString();
    // The card comes back after its reinsert delay; the station retries as an officer would.
    Result<emrtd::ChipReadResult> again = Fail(first.error());
    for (int attempt = 0; attempt < 10 && !again; ++attempt) {
      std::this_thread::sleep_for(std::chrono::milliseconds(300));
      again = ReadOnce(*context_, card.access(), trust);
      if (!again && !again.error().retriable()) break;
    }
    ASSERT_TRUE(again) << "pulled at " << k << ": " << again.error().ToLogString();
    EXPECT_EQ(again->identity.id_number, card.access().id_number);
    EXPECT_GE(card.client().connections(), 2u);
    }  // the card leaves the reader
    WaitUntilEmpty(*context_);
  }
}

// Every attack the emulator plays reads "not genuine" with its reason through pcscd + vpcd.
TEST_F(ChipOverPcsc, EveryAttack_IsNotGenuineWithItsReason) {
  for (const sim::ChipAttack& attack : sim::ChipAttacks()) {
    {
      sim::ChipBehaviour behaviour;
      sim::ChipProfileOptions profile;
      ASSERT_TRUE(sim::ApplyChipAttack(attack.name, behaviour, profile));
      ServedCard card(behaviour, profile);
      emrtd::TrustStore trust = Trust();
      for (const emrtd::Bytes& crl : card.trust_crls()) ASSERT_TRUE(trust.AddCrls(crl));
      auto result = ReadOnce(*context_, card.access(), trust);
      ASSERT_TRUE(result) << attack.name << ": " << result.error().ToLogString();
      const auto& v = result->verification;
      std::string codes;
      for (const auto& reason : v.reasons) codes += reason.code + " ";
      EXPECT_EQ(v.overall, emrtd::ChipVerdict::kNotGenuine) << attack.name << ": " << codes;
      EXPECT_NE(codes.find(std::string(attack.reason_code)), std::string::npos)
          << attack.name << ": " << codes;
      std::printf("%s: %s(%zu APDUs)\n", std::string(attack.name).c_str(), codes.c_str(),
                  result->link.apdus);
    }
    WaitUntilEmpty(*context_);
  }
}

TEST_F(ChipOverPcsc, WrongKey_IsWrongAccessKey) {
  ServedCard card({});
  sim::AccessData wrong = card.access();
  wrong.mrz_key.date_of_expiry = "991231";
  const emrtd::TrustStore trust = Trust();
  auto result = ReadOnce(*context_, wrong, trust);
  ASSERT_FALSE(result);
  EXPECT_EQ(result.error().code(), ErrorCode::kWrongAccessKey);
}

}  // namespace
}  // namespace kiosk
