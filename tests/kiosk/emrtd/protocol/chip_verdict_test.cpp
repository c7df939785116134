// The chip verdict: DecideVerdict on hand-made facts, then ReadChip against the in-process
// emulator playing every attack of ChipAttacks() (each must read "not genuine" with its reason),
// a genuine card ("genuine"), one from an unknown CSCA ("not verifiable") and one whose SOD
// lists no key (genuine on Passive Authentication alone, saying no clone check was possible).
#include <gtest/gtest.h>

#include <openssl/x509.h>

#include <algorithm>

#include "drivers/sim/chip/chip_profile.h"
#include "drivers/sim/chip/in_process_channel.h"
#include "kiosk/core/i18n.h"
#include "kiosk/emrtd/lds/lds_files.h"
#include "kiosk/emrtd/protocol/chip_reader.h"

namespace kiosk::emrtd {
namespace {

bool HasReason(const VerificationReport& v, std::string_view code) {
  return std::any_of(v.reasons.begin(), v.reasons.end(),
                     [code](const VerdictReason& r) { return r.code == code; });
}

std::string Codes(const VerificationReport& v) {
  std::string codes;
  for (const auto& r : v.reasons) codes += r.code + "(" + ToString(r.weight) + ") ";
  return codes + "| " + v.passive.detail;
}

// Facts of a genuine CCCD: PA valid, SOD and EF.COM list DG1 2 3 13 14 15, both checks passed.
VerificationReport GenuineFacts() {
  VerificationReport v;
  v.passive.overall = CheckStatus::kValid;
  v.passive.code = "valid";
  v.sod_present = true;
  v.sod_data_groups = {1, 2, 3, 13, 14, 15};
  v.com_read = true;
  v.com_data_groups = v.sod_data_groups;
  v.dg14_has_chip_auth_key = true;
  v.active.status = AuthStatus::kPassed;
  v.chip.status = AuthStatus::kPassed;
  return v;
}

TEST(DecideVerdict, AllChecksPassed_IsGenuineProvedKey) {
  VerificationReport v = GenuineFacts();
  DecideVerdict(v);
  EXPECT_EQ(v.overall, ChipVerdict::kGenuine);
  ASSERT_EQ(v.reasons.size(), 1u);
  EXPECT_EQ(v.reasons[0].code, "proved_key");
  EXPECT_TRUE(v.Genuine());
}

TEST(DecideVerdict, ListedKeyNotSupportedOrNotChecked_IsNotGenuine) {
  for (AuthStatus status : {AuthStatus::kNotChecked, AuthStatus::kFailed}) {
    VerificationReport v = GenuineFacts();
    v.active.status = status;
    DecideVerdict(v);
    EXPECT_EQ(v.overall, ChipVerdict::kNotGenuine) << ToString(status);
    EXPECT_TRUE(HasReason(v, "active_authentication"));
  }
  VerificationReport ca = GenuineFacts();
  ca.chip.status = AuthStatus::kNotChecked;
  DecideVerdict(ca);
  EXPECT_EQ(ca.overall, ChipVerdict::kNotGenuine);
  EXPECT_TRUE(HasReason(ca, "chip_authentication"));
}

TEST(DecideVerdict, StationCannotRunTheKeyType_IsNotVerifiable) {
  VerificationReport v = GenuineFacts();
  v.active.status = AuthStatus::kNotSupported;
  DecideVerdict(v);
  EXPECT_EQ(v.overall, ChipVerdict::kNotVerifiable) << Codes(v);
  EXPECT_TRUE(HasReason(v, "active_authentication_unsupported"));
}

TEST(DecideVerdict, SodListsNoKey_IsGenuineSayingNoCloneCheckWasPossible) {
  VerificationReport v = GenuineFacts();
  v.sod_data_groups = v.com_data_groups = {1, 2, 13};
  v.dg14_has_chip_auth_key = false;
  v.active.status = AuthStatus::kNotSupported;
  v.chip.status = AuthStatus::kNotSupported;
  DecideVerdict(v);
  EXPECT_EQ(v.overall, ChipVerdict::kGenuine);
  ASSERT_EQ(v.reasons.size(), 1u);
  EXPECT_EQ(v.reasons[0].code, "no_clone_check");
  EXPECT_NE(v.VerdictMessage().find("no clone check"), std::string::npos) << v.VerdictMessage();
}

TEST(DecideVerdict, Dg14WithoutChipAuthKey_NeedsOnlyActiveAuthentication) {
  VerificationReport v = GenuineFacts();
  v.dg14_has_chip_auth_key = false;
  v.chip.status = AuthStatus::kNotSupported;
  DecideVerdict(v);
  EXPECT_EQ(v.overall, ChipVerdict::kGenuine) << Codes(v);
}

TEST(DecideVerdict, WithheldKeyGroup_IsNotGenuineOnceNamingTheGroup) {
  VerificationReport v = GenuineFacts();
  v.withheld[15] = "SELECT DG15 answered 6A82";
  v.active.status = AuthStatus::kNotSupported;
  DecideVerdict(v);
  EXPECT_EQ(v.overall, ChipVerdict::kNotGenuine);
  EXPECT_TRUE(HasReason(v, "data_group_withheld"));
  EXPECT_FALSE(HasReason(v, "active_authentication")) << "one reason for one fact";
  EXPECT_NE(v.reasons[0].EnglishMessage().find("15"), std::string::npos);
}

TEST(DecideVerdict, ComDisagreeingOrMissing_IsNotGenuine) {
  VerificationReport v = GenuineFacts();
  v.com_data_groups = {1, 2, 3, 13, 14};
  DecideVerdict(v);
  EXPECT_EQ(v.overall, ChipVerdict::kNotGenuine);
  EXPECT_TRUE(HasReason(v, "com_mismatch"));
  VerificationReport no_com = GenuineFacts();
  no_com.com_read = false;
  no_com.com_data_groups.clear();
  DecideVerdict(no_com);
  EXPECT_TRUE(HasReason(no_com, "com_mismatch"));
}

TEST(DecideVerdict, NoSod_IsNotGenuine) {
  VerificationReport v = GenuineFacts();
  v.sod_present = false;
  v.sod_data_groups.clear();
  v.passive = {};
  DecideVerdict(v);
  EXPECT_EQ(v.overall, ChipVerdict::kNotGenuine);
  EXPECT_EQ(v.reasons.front().code, "no_security_object");
}

TEST(DecideVerdict, NoTrustedCsca_IsNotVerifiableButAFailedCheckStillWins) {
  VerificationReport v = GenuineFacts();
  v.passive.overall = CheckStatus::kNotVerifiable;
  v.passive.code = "no_trusted_csca";
  DecideVerdict(v);
  EXPECT_EQ(v.overall, ChipVerdict::kNotVerifiable);
  EXPECT_EQ(v.reasons.front().code, "passive_no_trusted_csca");
  v.active.status = AuthStatus::kFailed;
  DecideVerdict(v);
  EXPECT_EQ(v.overall, ChipVerdict::kNotGenuine);
  EXPECT_EQ(v.reasons.front().code, "active_authentication") << "the most serious reason first";
}

TEST(DecideVerdict, ReasonsAreTranslated) {
  ASSERT_TRUE(i18n::SetLanguage("vi"));
  VerificationReport v = GenuineFacts();
  v.withheld[14] = "x";
  DecideVerdict(v);
  const std::string vi = v.VerdictMessage();
  ASSERT_TRUE(i18n::SetLanguage("en"));
  EXPECT_NE(vi, v.VerdictMessage());
  EXPECT_NE(vi.find("14"), std::string::npos) << vi;
}

// --- ReadChip against the emulator ---

const sim::TestPki& Pki() {
  static const sim::TestPki pki = std::move(*sim::GenerateTestPki());
  return pki;
}

// Reads a card made with `profile`, played with `behaviour`, trusting the test CSCA (and the
// CRLs the card comes with, as `card sim` puts them in the trust folder).
Result<ChipReadResult> ReadCard(sim::ChipBehaviour behaviour, sim::ChipProfileOptions profile = {},
                                bool trust_csca = true) {
  auto card = sim::MakeEmulatedCard(sim::DefaultCitizen(), Pki(), profile);
  if (!card) return Fail(card.error());
  TrustStore trust;
  if (trust_csca) trust.Add(X509Ptr(X509_dup(Pki().csca_cert.get())));
  for (const Bytes& crl : card->trust_crls) {
    if (auto added = trust.AddCrls(crl); !added) return Fail(added.error());
  }
  sim::ChipEmulator emulator(std::move(card->content), behaviour);
  sim::InProcessChannel channel(emulator);
  ChipReadOptions options;
  options.trust = &trust;
  return ReadChip(channel, card->access.mrz_key, options);
}

TEST(ChipVerdict, GenuineEmulatedCard_IsGenuineAndReadsEveryListedGroup) {
  auto result = ReadCard({});
  ASSERT_TRUE(result) << result.error().ToLogString();
  const auto& v = result->verification;
  EXPECT_EQ(v.overall, ChipVerdict::kGenuine) << Codes(v);
  EXPECT_EQ(v.reasons.front().code, "proved_key");
  EXPECT_EQ(v.sod_data_groups, (std::vector<int>{1, 2, 3, 13, 14, 15}));
  EXPECT_EQ(v.com_data_groups, v.sod_data_groups);
  EXPECT_TRUE(v.withheld.empty());
  EXPECT_EQ(v.active.status, AuthStatus::kPassed);
  EXPECT_EQ(v.chip.status, AuthStatus::kPassed);
  for (int dg : {1, 2, 13, 14, 15}) EXPECT_TRUE(result->files.contains(DataGroupFid(dg))) << dg;
}

TEST(ChipVerdict, UnknownCsca_IsNotVerifiable) {
  sim::ChipProfileOptions profile;
  profile.unknown_csca = true;
  auto result = ReadCard({}, profile);
  ASSERT_TRUE(result) << result.error().ToLogString();
  EXPECT_EQ(result->verification.overall, ChipVerdict::kNotVerifiable) << Codes(result->verification);
  EXPECT_EQ(result->verification.reasons.front().code, "passive_no_trusted_csca");
}

TEST(ChipVerdict, NoTrustedCscaAtAll_IsNotVerifiable) {
  auto result = ReadCard({}, {}, /*trust_csca=*/false);
  ASSERT_TRUE(result) << result.error().ToLogString();
  EXPECT_EQ(result->verification.overall, ChipVerdict::kNotVerifiable);
}

TEST(ChipVerdict, CardWithoutKeys_IsGenuineOnPassiveAuthenticationAlone) {
  sim::ChipProfileOptions profile;
  profile.lds.include_dg14 = false;
  profile.lds.include_dg15 = false;
  auto result = ReadCard({}, profile);
  ASSERT_TRUE(result) << result.error().ToLogString();
  const auto& v = result->verification;
  EXPECT_EQ(v.overall, ChipVerdict::kGenuine) << Codes(v);
  EXPECT_EQ(v.reasons.front().code, "no_clone_check");
}

TEST(ChipVerdict, EveryAttack_IsNotGenuineWithItsReason) {
  for (const sim::ChipAttack& attack : sim::ChipAttacks()) {
    sim::ChipBehaviour behaviour;
    sim::ChipProfileOptions profile;
    ASSERT_TRUE(sim::ApplyChipAttack(attack.name, behaviour, profile));
    auto result = ReadCard(behaviour, profile);
    ASSERT_TRUE(result) << attack.name << ": " << result.error().ToLogString();
    const auto& v = result->verification;
    EXPECT_EQ(v.overall, ChipVerdict::kNotGenuine) << attack.name << ": " << Codes(v);
    EXPECT_TRUE(HasReason(v, attack.reason_code)) << attack.name << ": " << Codes(v);
    // The officer still sees who the card claims to be.
    EXPECT_EQ(result->identity.id_number, sim::DefaultCitizen().id_number) << attack.name;
  }
}

TEST(ChipVerdict, CloneHidingKeys_ReadsTheGroupsTheSodListsNotEfComs) {
  sim::ChipBehaviour behaviour;
  sim::ChipProfileOptions profile;
  ASSERT_TRUE(sim::ApplyChipAttack("clone-hides-keys", behaviour, profile));
  auto result = ReadCard(behaviour, profile);
  ASSERT_TRUE(result) << result.error().ToLogString();
  const auto& v = result->verification;
  EXPECT_EQ(v.com_data_groups, (std::vector<int>{1, 2, 3, 13}));
  EXPECT_TRUE(v.withheld.contains(14));
  EXPECT_TRUE(v.withheld.contains(15));
  EXPECT_EQ(v.passive.overall, CheckStatus::kValid) << "the copied SOD and groups still verify";
}

TEST(ChipVerdict, BareStatusUnderSecureMessaging_IsALostSessionNotAMissingFile) {
  sim::ChipBehaviour behaviour;
  sim::ChipProfileOptions profile;
  ASSERT_TRUE(sim::ApplyChipAttack("clone-hides-keys-plain", behaviour, profile));
  auto result = ReadCard(behaviour, profile);
  ASSERT_TRUE(result) << result.error().ToLogString();
  const auto& v = result->verification;
  ASSERT_TRUE(v.withheld.contains(15));
  EXPECT_NE(v.withheld.at(15).find("unprotected"), std::string::npos) << v.withheld.at(15);
  EXPECT_GT(result->session_retries_used, 0) << "a fresh session is tried before concluding";
}

TEST(ChipVerdict, NoSod_ReadsWhatTheChipHoldsAndSaysNoSecurityObject) {
  sim::ChipBehaviour behaviour;
  behaviour.withheld_files = {kFidSod};
  auto result = ReadCard(behaviour);
  ASSERT_TRUE(result) << result.error().ToLogString();
  EXPECT_FALSE(result->verification.sod_present);
  EXPECT_EQ(result->verification.reasons.front().code, "no_security_object");
  EXPECT_FALSE(result->face.data.empty()) << "EF.COM's groups are read for the officer to see";
  EXPECT_TRUE(result->files.contains(DataGroupFid(13)));
}

TEST(ChipVerdict, CaAnswerWithBadMac_FailsChipAuthenticationAfterAFreshTry) {
  sim::ChipBehaviour behaviour;
  behaviour.chip_auth_bad_mac = true;
  auto result = ReadCard(behaviour);
  ASSERT_TRUE(result) << result.error().ToLogString();
  EXPECT_EQ(result->verification.chip.status, AuthStatus::kFailed) << result->verification.chip.detail;
  EXPECT_EQ(result->verification.active.status, AuthStatus::kPassed)
      << "Active Authentication still runs in a fresh session";
}

TEST(ChipVerdict, ChecksSwitchedOff_AreNotVerifiableNeverGenuine) {
  auto card = sim::MakeEmulatedCard(sim::DefaultCitizen(), Pki());
  ASSERT_TRUE(card);
  TrustStore trust;
  trust.Add(X509Ptr(X509_dup(Pki().csca_cert.get())));
  sim::ChipEmulator emulator(std::move(card->content));
  sim::InProcessChannel channel(emulator);
  ChipReadOptions options;
  options.trust = &trust;
  options.active_authentication = false;
  options.chip_authentication = false;
  auto result = ReadChip(channel, card->access.mrz_key, options);
  ASSERT_TRUE(result) << result.error().ToLogString();
  EXPECT_EQ(result->verification.overall, ChipVerdict::kNotVerifiable);
  EXPECT_TRUE(HasReason(result->verification, "clone_check_off"));
}

}  // namespace
}  // namespace kiosk::emrtd
