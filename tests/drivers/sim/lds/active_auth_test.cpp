#include "kiosk/emrtd/lds/active_auth_verify.h"

#include <gtest/gtest.h>

#include "drivers/sim/lds/lds_builder.h"
#include "kiosk/emrtd/lds/dg14.h"
#include "kiosk/emrtd/lds/dg15.h"
#include "kiosk/emrtd/lds/lds_files.h"

namespace kiosk::sim {
namespace {

using namespace kiosk::emrtd;

const Bytes kChallenge = {0x01, 0x23, 0x45, 0x67, 0x89, 0xAB, 0xCD, 0xEF};

EvpPkeyPtr PublicOf(EVP_PKEY* key) {
  return std::move(ParseDg15(BuildDg15(key)).value());
}

class ActiveAuth : public ::testing::TestWithParam<PkiKeyType> {};

TEST_P(ActiveAuth, GenuineChip_Verifies) {
  auto key = GenerateKey(GetParam());
  ASSERT_TRUE(key.has_value());
  for (AaHash hash : {AaHash::kSha1, AaHash::kSha256, AaHash::kSha512}) {
    auto response = SignActiveAuth(key->get(), kChallenge, hash);
    ASSERT_TRUE(response.has_value()) << response.error().ToLogString();
    auto ok = VerifyActiveAuth(PublicOf(key->get()).get(), kChallenge, *response,
                               GetParam() == PkiKeyType::kEcdsaP256 ? std::optional(hash)
                                                                    : std::nullopt);
    EXPECT_TRUE(ok.has_value()) << ok.error().ToLogString();
  }
}

TEST_P(ActiveAuth, ClonedChipWithOtherKey_Fails) {
  auto genuine = GenerateKey(GetParam());
  auto clone = GenerateKey(GetParam());
  ASSERT_TRUE(genuine.has_value() && clone.has_value());
  auto response = SignActiveAuth(clone->get(), kChallenge);
  ASSERT_TRUE(response.has_value());
  auto ok = VerifyActiveAuth(PublicOf(genuine->get()).get(), kChallenge, *response);
  ASSERT_FALSE(ok.has_value());
  EXPECT_EQ(ok.error().code(), ErrorCode::kVerificationFailed);
}

TEST_P(ActiveAuth, ReplayedResponseForOtherChallenge_Fails) {
  auto key = GenerateKey(GetParam());
  auto response = SignActiveAuth(key->get(), kChallenge);
  ASSERT_TRUE(response.has_value());
  Bytes other = kChallenge;
  other[0] ^= 0xFF;
  EXPECT_FALSE(VerifyActiveAuth(PublicOf(key->get()).get(), other, *response).has_value());
}

TEST_P(ActiveAuth, MalformedResponse_FailsCleanly) {
  auto key = GenerateKey(GetParam());
  const auto pub = PublicOf(key->get());
  EXPECT_FALSE(VerifyActiveAuth(pub.get(), kChallenge, Bytes{}).has_value());
  EXPECT_FALSE(VerifyActiveAuth(pub.get(), kChallenge, Bytes(3, 0xFF)).has_value());
  EXPECT_FALSE(VerifyActiveAuth(pub.get(), kChallenge, Bytes(256, 0xFF)).has_value());
  EXPECT_FALSE(VerifyActiveAuth(pub.get(), kChallenge, Bytes(64, 0x00)).has_value());
}

INSTANTIATE_TEST_SUITE_P(KeyTypes, ActiveAuth,
                         ::testing::Values(PkiKeyType::kRsa2048, PkiKeyType::kEcdsaP256));

TEST(ActiveAuthBuilt, EcdsaCardFromBuilder_VerifiesWithDg14Hash) {
  auto pki = GenerateTestPki();
  ASSERT_TRUE(pki.has_value());
  LdsBuildOptions options;
  options.aa_key_type = PkiKeyType::kEcdsaP256;
  auto lds = BuildLds(DefaultCitizen(), *pki, options);
  ASSERT_TRUE(lds.has_value());
  auto dg14 = ParseDg14(lds->files.at(DataGroupFid(14)));
  ASSERT_TRUE(dg14.has_value());
  const auto hash = AaHashFromSignatureOid(dg14->active_auth_signature_algorithm.value());
  ASSERT_EQ(hash, AaHash::kSha256);
  auto response = SignActiveAuth(lds->aa_private_key.get(), kChallenge, *hash);
  ASSERT_TRUE(response.has_value());
  auto dg15 = ParseDg15(lds->files.at(DataGroupFid(15)));
  ASSERT_TRUE(dg15.has_value());
  EXPECT_TRUE(VerifyActiveAuth(dg15->get(), kChallenge, *response, hash).has_value());
}

}  // namespace
}  // namespace kiosk::sim
