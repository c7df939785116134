// Chip Authentication (DG14, ECDH) over the emulator: a genuine chip passes with AES-128,
// AES-256 and 3DES, a clone (another CA key) fails and the read still completes, a chip without
// a CA key is "not supported", and the option turns it off.
#include <gtest/gtest.h>

#include <openssl/x509.h>

#include "drivers/sim/chip/chip_profile.h"
#include "drivers/sim/chip/in_process_channel.h"
#include "kiosk/emrtd/protocol/chip_auth.h"
#include "kiosk/emrtd/protocol/chip_reader.h"

namespace kiosk::emrtd {
namespace {

const sim::TestPki& Pki() {
  static const sim::TestPki pki = std::move(*sim::GenerateTestPki());
  return pki;
}

TrustStore Trust() {
  TrustStore trust;
  trust.Add(X509Ptr(X509_dup(Pki().csca_cert.get())));
  return trust;
}

struct Card {
  std::unique_ptr<sim::ChipEmulator> emulator;
  sim::AccessData access;
};

Card MakeCard(sim::ChipProfileOptions options = {}, sim::ChipBehaviour behaviour = {}) {
  options.lds.aa_key_type = sim::PkiKeyType::kEcdsaP256;  // faster to build than RSA
  auto built = sim::MakeEmulatedCard(sim::DefaultCitizen(), Pki(), options);
  EXPECT_TRUE(built) << built.error().ToLogString();
  Card card;
  card.access = built->access;
  card.emulator = std::make_unique<sim::ChipEmulator>(std::move(built->content), behaviour);
  return card;
}

Result<ChipReadResult> Read(Card& card, ChipReadOptions options = {}) {
  sim::InProcessChannel channel(*card.emulator);
  TrustStore trust = Trust();
  options.trust = &trust;
  return ReadChip(channel, card.access.mrz_key, options);
}

class ChipAuthCiphers : public ::testing::TestWithParam<const char*> {};

TEST_P(ChipAuthCiphers, GenuineChip_PassesAndTheReadIsGenuine) {
  sim::ChipProfileOptions options;
  options.lds.chip_auth_protocol = GetParam();
  Card card = MakeCard(options);
  auto result = Read(card);
  ASSERT_TRUE(result) << result.error().ToLogString();
  EXPECT_EQ(result->verification.chip.status, AuthStatus::kPassed) << result->verification.chip.detail;
  EXPECT_EQ(result->verification.active.status, AuthStatus::kPassed) << result->verification.active.detail;
  EXPECT_TRUE(result->verification.Genuine());
}

INSTANTIATE_TEST_SUITE_P(Variants, ChipAuthCiphers,
                         ::testing::Values("0.4.0.127.0.7.2.2.3.2.2",    // AES-128
                                           "0.4.0.127.0.7.2.2.3.2.4",    // AES-256
                                           "0.4.0.127.0.7.2.2.3.2.1"));  // 3DES (MSE:Set KAT)

TEST(ChipAuthentication, Clone_FailsAndIsNotGenuine) {
  sim::ChipBehaviour clone;
  clone.clone_aa_key = true;
  Card card = MakeCard({}, clone);
  auto result = Read(card);
  ASSERT_TRUE(result) << result.error().ToLogString();
  EXPECT_EQ(result->verification.chip.status, AuthStatus::kFailed);
  EXPECT_NE(result->verification.chip.reason_key.find("copy"), std::string::npos);
  EXPECT_EQ(result->verification.active.status, AuthStatus::kFailed);
  EXPECT_FALSE(result->verification.Genuine());
  EXPECT_EQ(result->identity.id_number, card.access.id_number);
}

TEST(ChipAuthentication, ChipWithoutCaKey_IsNotSupported) {
  sim::ChipProfileOptions options;
  options.lds.include_chip_auth = false;
  Card card = MakeCard(options);
  auto result = Read(card);
  ASSERT_TRUE(result) << result.error().ToLogString();
  EXPECT_EQ(result->verification.chip.status, AuthStatus::kNotSupported);
  EXPECT_TRUE(result->verification.Genuine());
}

TEST(ChipAuthentication, OptionOff_IsNotChecked) {
  Card card = MakeCard();
  ChipReadOptions options;
  options.chip_authentication = false;
  auto result = Read(card, options);
  ASSERT_TRUE(result) << result.error().ToLogString();
  EXPECT_EQ(result->verification.chip.status, AuthStatus::kNotChecked);
}

TEST(ChipAuthentication, UnknownCaOid_HasNoCipher) {
  EXPECT_FALSE(ChipAuthCipher("0.4.0.127.0.7.2.2.3.1.2"));  // DH
  EXPECT_FALSE(ChipAuthCipher("0.4.0.127.0.7.2.2.3.2.9"));
  EXPECT_FALSE(ChipAuthCipher("0.4.0.127.0.7.2.2.3.2.2x"));
  EXPECT_EQ(ChipAuthCipher("0.4.0.127.0.7.2.2.3.2.3"), PaceCipher::kAes192);
}

}  // namespace
}  // namespace kiosk::emrtd
