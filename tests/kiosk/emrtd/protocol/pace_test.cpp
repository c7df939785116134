// PACE: EF.CardAccess parsing, the ICAO 9303 Part 11 Appendix G.1 worked example (password key,
// EF.CardAccess, MSE:Set AT, nonce), both sides of OpenPACE against each other for several
// curves and ciphers, and ReadChip over the emulator with the MRZ, the CAN, wrong passwords, a
// BAC-only card, a card whose PACE is broken, and a card pulled in the middle of PACE.
#include <gtest/gtest.h>

#include <openssl/x509.h>

#include "drivers/sim/chip/chip_profile.h"
#include "drivers/sim/chip/in_process_channel.h"
#include "kiosk/emrtd/lds/card_access.h"
#include "kiosk/emrtd/protocol/bac.h"
#include "kiosk/emrtd/protocol/chip_reader.h"
#include "kiosk/emrtd/protocol/pace.h"
#include "tests/kiosk/emrtd/protocol/hex.h"

namespace kiosk::emrtd {
namespace {

using testing::Hex;

// ICAO 9303 Part 11 Appendix G.1 (ECDH, generic mapping, brainpoolP256r1).
constexpr std::string_view kIcaoMrzInformation = "T22000129364081251010318";
constexpr std::string_view kIcaoCardAccess = "31143012060A04007F0007020204020202010202010D";

PaceInfo Info(std::string oid, int parameter) {
  auto parsed = ParseCardAccess(EncodeCardAccess({PaceInfo{.protocol_oid = std::move(oid),
                                                           .version = 2,
                                                           .parameter_id = parameter}}));
  EXPECT_TRUE(parsed) << parsed.error().ToLogString();
  return parsed->pace.at(0);
}

TEST(CardAccess, IcaoExample_ParsesAndReEncodesExactly) {
  auto parsed = ParseCardAccess(Hex(kIcaoCardAccess));
  ASSERT_TRUE(parsed) << parsed.error().ToLogString();
  ASSERT_EQ(parsed->pace.size(), 1u);
  const PaceInfo& info = parsed->pace[0];
  EXPECT_EQ(info.protocol_oid, "0.4.0.127.0.7.2.2.4.2.2");
  EXPECT_EQ(info.version, 2);
  EXPECT_EQ(info.parameter_id, 13);
  EXPECT_EQ(info.key_agreement, PaceKeyAgreement::kEcdh);
  EXPECT_EQ(info.mapping, PaceMapping::kGeneric);
  EXPECT_EQ(info.cipher, PaceCipher::kAes128);
  EXPECT_EQ(EncodeCardAccess({info}), Hex(kIcaoCardAccess));
  EXPECT_EQ(EncodeCardAccess({sim::DefaultPaceInfo()}), Hex(kIcaoCardAccess));
}

TEST(CardAccess, Malformed_IsParseError) {
  const std::string_view bad[] = {
      "",                                                  // nothing
      "30143012060A04007F0007020204020202010202010D",      // SEQUENCE instead of SET
      "31143012060A04007F0007020204020202010202",          // truncated
      "3100",                                              // no SecurityInfo
      "31143012060A04007F0007020204020202010302010D",      // version 3
      "31143012060A04007F0007020204020202010204010D",      // parameter id as OCTET STRING
      "3117301506 0A04007F00070202040202 020102 02010D 020100",  // extra field
      "31053003020102",                                    // SecurityInfo without an OID
      "31123010060804007F000702020402 020102 02010D",      // PACE OID without a cipher arc
      "31143012060A04007F0007020204020202010202012A",      // parameter id 42
      "31143012060A04007F0007020204020202010202010D00",    // trailing byte
  };
  for (std::string_view hex : bad) {
    auto parsed = ParseCardAccess(Hex(hex));
    ASSERT_FALSE(parsed) << hex;
    EXPECT_EQ(parsed.error().code(), ErrorCode::kParse) << hex;
  }
}

TEST(CardAccess, OtherSecurityInfos_AreKeptByOid) {
  // A ChipAuthenticationInfo (0.4.0.127.0.7.2.2.3.2.2, version 1) next to the PACEInfo.
  Bytes content = Hex("3012060A04007F0007020204020202010202010D");
  const Bytes ca_info = Hex("300F060A04007F00070202030202020101");
  content.insert(content.end(), ca_info.begin(), ca_info.end());
  auto parsed = ParseCardAccess(EncodeTlv(0x31, content));
  ASSERT_TRUE(parsed) << parsed.error().ToLogString();
  EXPECT_EQ(parsed->pace.size(), 1u);
  ASSERT_EQ(parsed->other_protocols.size(), 1u);
  EXPECT_EQ(parsed->other_protocols[0], "0.4.0.127.0.7.2.2.3.2.2");
}

TEST(ChoosePace, PrefersEcdhAndTheStrongestCipher_SkipsUnusableVariants) {
  CardAccess card_access;
  card_access.pace = {Info("0.4.0.127.0.7.2.2.4.1.2", 0),    // DH GM AES-128
                      Info("0.4.0.127.0.7.2.2.4.4.2", 13),   // ECDH IM: not run
                      Info("0.4.0.127.0.7.2.2.4.2.2", 13),   // ECDH GM AES-128
                      Info("0.4.0.127.0.7.2.2.4.2.4", 12)};  // ECDH GM AES-256, P-256
  auto chosen = ChoosePace(card_access);
  ASSERT_TRUE(chosen);
  EXPECT_EQ(chosen->protocol_oid, "0.4.0.127.0.7.2.2.4.2.4");

  CardAccess integrated_only;
  integrated_only.pace = {Info("0.4.0.127.0.7.2.2.4.4.2", 13), Info("0.4.0.127.0.7.2.2.4.2.2", 3)};
  EXPECT_FALSE(ChoosePace(integrated_only));
}

TEST(PaceIcaoExample, PasswordKeyMseSetAtAndNonce_MatchAppendixG1) {
  const PacePassword password = PacePasswordFromMrz(kIcaoMrzInformation);
  EXPECT_EQ(Bytes(password.secret.data(), password.secret.data() + password.secret.size()),
            Hex("7E2D2A41C74EA0B38CD36F863939BFA8E9032AAD"));
  auto card_access = ParseCardAccess(Hex(kIcaoCardAccess));
  ASSERT_TRUE(card_access);
  const PaceInfo& info = card_access->pace[0];
  EXPECT_EQ(PaceMseSetAtData(info, PacePasswordType::kMrz),
            Hex("800A04007F00070202040202 830101 84010D"));
  auto terminal = PaceCrypto::Create(info, password);
  ASSERT_TRUE(terminal) << terminal.error().ToLogString();
  ASSERT_TRUE(terminal->DecryptNonce(Hex("95A3A016522EE98D01E76CB6B98B42C3")));
  EXPECT_EQ(terminal->Nonce(), Hex("3F00C4D39D153F2B2A214A078D899B22"));
}

struct Variant {
  const char* oid;
  int parameter;
};

class PaceBothSides : public ::testing::TestWithParam<Variant> {};

TEST_P(PaceBothSides, SamePassword_AgreesOnKeysAndSecureMessagingWorks) {
  const PaceInfo info = Info(GetParam().oid, GetParam().parameter);
  auto card = PaceCrypto::Create(info, PacePasswordFromCan("123456"));
  auto terminal = PaceCrypto::Create(info, PacePasswordFromCan("123456"));
  ASSERT_TRUE(card && terminal) << (card ? terminal.error() : card.error()).ToLogString();
  auto nonce = card->EncryptNonce();
  ASSERT_TRUE(nonce);
  ASSERT_TRUE(terminal->DecryptNonce(*nonce));
  EXPECT_EQ(terminal->Nonce(), card->Nonce());
  auto terminal_mapping = terminal->MappingData();
  auto card_mapping = card->MappingData();
  ASSERT_TRUE(terminal_mapping && card_mapping);
  ASSERT_TRUE(terminal->MapGenerator(*card_mapping));
  ASSERT_TRUE(card->MapGenerator(*terminal_mapping));
  auto terminal_key = terminal->EphemeralPublicKey();
  auto card_key = card->EphemeralPublicKey();
  ASSERT_TRUE(terminal_key && card_key);
  ASSERT_TRUE(terminal->ComputeSharedSecret(*card_key));
  ASSERT_TRUE(card->ComputeSharedSecret(*terminal_key));
  ASSERT_TRUE(terminal->DeriveKeys());
  ASSERT_TRUE(card->DeriveKeys());
  auto terminal_token = terminal->AuthenticationToken(*card_key);
  auto card_token = card->AuthenticationToken(*terminal_key);
  ASSERT_TRUE(terminal_token && card_token);
  EXPECT_EQ(terminal_token->size(), 8u);
  EXPECT_TRUE(*card->VerifyAuthenticationToken(*terminal_token));
  EXPECT_TRUE(*terminal->VerifyAuthenticationToken(*card_token));
  // A key equal to one's own is refused.
  EXPECT_FALSE(terminal->ComputeSharedSecret(*terminal_key));

  auto terminal_sm = terminal->StartSecureMessaging();
  auto card_sm = card->StartSecureMessaging();
  ASSERT_TRUE(terminal_sm && card_sm);
  EXPECT_EQ(terminal_sm->algorithm(), info.cipher == PaceCipher::kTripleDes
                                          ? SecureMessaging::Algorithm::kTripleDes
                                          : SecureMessaging::Algorithm::kAes);
  auto command = terminal_sm->ProtectCommand(CommandApdu::Of(0x00, 0xB0, 0x00, 0x00, {}, 0x20));
  ASSERT_TRUE(command);
  auto plain = card_sm->UnprotectCommand(*command);
  ASSERT_TRUE(plain) << plain.error().ToLogString();
  EXPECT_EQ(plain->ins, 0xB0);
  EXPECT_EQ(plain->ne, 0x20u);
}

INSTANTIATE_TEST_SUITE_P(
    Variants, PaceBothSides,
    ::testing::Values(Variant{"0.4.0.127.0.7.2.2.4.2.2", 13},   // ECDH AES-128 brainpoolP256r1
                      Variant{"0.4.0.127.0.7.2.2.4.2.2", 12},   // ECDH AES-128 NIST P-256
                      Variant{"0.4.0.127.0.7.2.2.4.2.4", 16},   // ECDH AES-256 brainpoolP384r1
                      Variant{"0.4.0.127.0.7.2.2.4.2.1", 13},   // ECDH 3DES brainpoolP256r1
                      Variant{"0.4.0.127.0.7.2.2.4.1.2", 2}));  // DH AES-128 2048-bit MODP

TEST(PaceCrypto, WrongPassword_TokenDoesNotVerify) {
  const PaceInfo info = Info("0.4.0.127.0.7.2.2.4.2.2", 13);
  auto card = PaceCrypto::Create(info, PacePasswordFromCan("123456"));
  auto terminal = PaceCrypto::Create(info, PacePasswordFromCan("654321"));
  ASSERT_TRUE(card && terminal);
  auto nonce = card->EncryptNonce();
  ASSERT_TRUE(terminal->DecryptNonce(*nonce));
  EXPECT_NE(terminal->Nonce(), card->Nonce());
  auto terminal_mapping = terminal->MappingData();
  auto card_mapping = card->MappingData();
  ASSERT_TRUE(terminal->MapGenerator(*card_mapping) && card->MapGenerator(*terminal_mapping));
  auto terminal_key = terminal->EphemeralPublicKey();
  auto card_key = card->EphemeralPublicKey();
  // The generators differ, so the keys may or may not be accepted; the token never verifies.
  if (!terminal->ComputeSharedSecret(*card_key) || !card->ComputeSharedSecret(*terminal_key)) return;
  ASSERT_TRUE(terminal->DeriveKeys() && card->DeriveKeys());
  auto terminal_token = terminal->AuthenticationToken(*card_key);
  ASSERT_TRUE(terminal_token);
  EXPECT_FALSE(*card->VerifyAuthenticationToken(*terminal_token));
}

TEST(PaceCrypto, UnknownProtocolOrParameters_IsUnsupported) {
  auto integrated = PaceCrypto::Create(Info("0.4.0.127.0.7.2.2.4.4.2", 13), PacePasswordFromCan("1234"));
  ASSERT_FALSE(integrated);
  EXPECT_EQ(integrated.error().code(), ErrorCode::kUnsupported);
  PaceInfo no_parameters = Info("0.4.0.127.0.7.2.2.4.2.2", 13);
  no_parameters.parameter_id.reset();
  auto missing = PaceCrypto::Create(no_parameters, PacePasswordFromCan("1234"));
  ASSERT_FALSE(missing);
  EXPECT_EQ(missing.error().code(), ErrorCode::kUnsupported);
}

TEST(ValidateCan, DigitsOnly) {
  EXPECT_TRUE(ValidateCan("123456"));
  EXPECT_FALSE(ValidateCan("12a456"));
  EXPECT_FALSE(ValidateCan("12"));
  EXPECT_FALSE(ValidateCan(""));
}

// --- ReadChip with PACE over the emulator ------------------------------------------------------

const sim::TestPki& Pki() {
  static const sim::TestPki pki = std::move(*sim::GenerateTestPki());
  return pki;
}

struct Card {
  std::unique_ptr<sim::ChipEmulator> emulator;
  sim::AccessData access;
};

Card& SharedCard() {
  static Card card = [] {
    auto built = sim::MakeEmulatedCard(sim::DefaultCitizen(), Pki());
    EXPECT_TRUE(built) << built.error().ToLogString();
    Card out;
    out.access = built->access;
    out.emulator = std::make_unique<sim::ChipEmulator>(std::move(built->content));
    return out;
  }();
  return card;
}

sim::ChipEmulator& Fresh(sim::ChipBehaviour behaviour = {}) {
  Card& card = SharedCard();
  card.emulator->SetBehaviour(behaviour);
  card.emulator->Reset();
  return *card.emulator;
}

TrustStore Trust() {
  TrustStore trust;
  X509_up_ref(Pki().csca_cert.get());
  trust.Add(X509Ptr(Pki().csca_cert.get()));
  return trust;
}

TEST(ReadChipPace, MrzKey_ReadsWithPaceAndAesBlocks) {
  sim::ChipBehaviour behaviour;
  behaviour.extended_length = false;
  sim::InProcessChannel channel(Fresh(behaviour));
  TrustStore trust = Trust();
  ChipReadOptions options;
  options.trust = &trust;
  auto result = ReadChip(channel, SharedCard().access.mrz_key, options);
  ASSERT_TRUE(result) << result.error().ToLogString();
  EXPECT_EQ(result->access_protocol, "PACE");
  EXPECT_EQ(result->pace_protocol, "0.4.0.127.0.7.2.2.4.2.2");
  EXPECT_EQ(result->block_size, 0xDFu);  // AES secure messaging
  EXPECT_EQ(result->identity.id_number, SharedCard().access.id_number);
  EXPECT_TRUE(result->verification.Genuine()) << result->verification.passive.detail;
  EXPECT_EQ(result->verification.active.status, AuthStatus::kPassed);
}

TEST(ReadChipPace, CanOnly_ReadsTheSameIdentity) {
  sim::InProcessChannel channel(Fresh());
  ChipReadOptions options;
  options.can = SharedCard().access.can;
  auto result = ReadChip(channel, MrzAccessKey{}, options);
  ASSERT_TRUE(result) << result.error().ToLogString();
  EXPECT_EQ(result->access_protocol, "PACE");
  EXPECT_EQ(result->identity.id_number, SharedCard().access.id_number);
  EXPECT_FALSE(result->face.data.empty());
}

TEST(ReadChipPace, WrongMrzKey_IsTheSameWrongAccessKeyErrorAsBac) {
  sim::InProcessChannel channel(Fresh());
  MrzAccessKey wrong = SharedCard().access.mrz_key;
  wrong.date_of_expiry = "991231";
  auto result = ReadChip(channel, wrong);
  ASSERT_FALSE(result);
  EXPECT_EQ(result.error().code(), ErrorCode::kWrongAccessKey);
  EXPECT_EQ(result.error().message_key(), WrongAccessKeyError("").message_key());
  EXPECT_FALSE(result.error().retriable());
}

TEST(ReadChipPace, WrongCan_IsWrongAccessKeyNamingTheCan) {
  sim::InProcessChannel channel(Fresh());
  ChipReadOptions options;
  options.can = "000000";
  auto result = ReadChip(channel, MrzAccessKey{}, options);
  ASSERT_FALSE(result);
  EXPECT_EQ(result.error().code(), ErrorCode::kWrongAccessKey);
  EXPECT_NE(result.error().message_key().find("CAN"), std::string::npos);
}

TEST(ReadChipPace, CardRefusingEveryPassword_IsWrongAccessKey) {
  sim::ChipBehaviour behaviour;
  behaviour.refuse_access_key = true;
  sim::InProcessChannel channel(Fresh(behaviour));
  auto result = ReadChip(channel, SharedCard().access.mrz_key);
  ASSERT_FALSE(result);
  EXPECT_EQ(result.error().code(), ErrorCode::kWrongAccessKey);
}

TEST(ReadChipPace, BacOnlyCard_IsReadWithBac_AndCanAloneCannotReadIt) {
  sim::ChipBehaviour behaviour;
  behaviour.access_control = sim::AccessControl::kBacOnly;
  sim::InProcessChannel channel(Fresh(behaviour));
  auto result = ReadChip(channel, SharedCard().access.mrz_key);
  ASSERT_TRUE(result) << result.error().ToLogString();
  EXPECT_EQ(result->access_protocol, "BAC");
  EXPECT_TRUE(result->pace_protocol.empty());

  ChipReadOptions can_only;
  can_only.can = SharedCard().access.can;
  auto refused = ReadChip(channel, MrzAccessKey{}, can_only);
  ASSERT_FALSE(refused);
  EXPECT_EQ(refused.error().code(), ErrorCode::kInvalidArgument);
}

TEST(ReadChipPace, BrokenPace_FallsBackToBacWithANote) {
  sim::ChipBehaviour behaviour;
  behaviour.refuse_pace = true;
  sim::InProcessChannel channel(Fresh(behaviour));
  auto result = ReadChip(channel, SharedCard().access.mrz_key);
  ASSERT_TRUE(result) << result.error().ToLogString();
  EXPECT_EQ(result->access_protocol, "BAC");
  ASSERT_FALSE(result->notes.empty());
  EXPECT_NE(result->notes.front().find("PACE failed"), std::string::npos);
}

TEST(ReadChipPace, IntegratedMappingOnly_IsReadWithBac) {
  sim::ChipBehaviour behaviour;
  behaviour.pace = Info("0.4.0.127.0.7.2.2.4.4.2", 13);
  sim::InProcessChannel channel(Fresh(behaviour));
  auto result = ReadChip(channel, SharedCard().access.mrz_key);
  ASSERT_TRUE(result) << result.error().ToLogString();
  EXPECT_EQ(result->access_protocol, "BAC");
}

TEST(ReadChipPace, OtherCurveAndCipher_IsReadWithPace) {
  sim::ChipBehaviour behaviour;
  behaviour.pace = Info("0.4.0.127.0.7.2.2.4.2.4", 12);  // AES-256, NIST P-256
  sim::InProcessChannel channel(Fresh(behaviour));
  auto result = ReadChip(channel, SharedCard().access.mrz_key);
  ASSERT_TRUE(result) << result.error().ToLogString();
  EXPECT_EQ(result->access_protocol, "PACE");
  EXPECT_EQ(result->pace_protocol, "0.4.0.127.0.7.2.2.4.2.4");
}

TEST(ReadChipPace, UsePaceOff_ReadsAPaceCardWithBac) {
  sim::InProcessChannel channel(Fresh());
  ChipReadOptions options;
  options.use_pace = false;
  auto result = ReadChip(channel, SharedCard().access.mrz_key, options);
  ASSERT_TRUE(result) << result.error().ToLogString();
  EXPECT_EQ(result->access_protocol, "BAC");
}

TEST(ReadChipPace, CardPulledDuringPace_IsRetriableAndTheNextReadSucceeds) {
  // APDU 1 reads EF.CardAccess, 2 is MSE:Set AT, 3..6 the GENERAL AUTHENTICATE chain, 7 SELECT.
  for (int k = 1; k <= 7; ++k) {
    sim::ChipBehaviour behaviour;
    behaviour.pull_at_apdu = k;
    sim::InProcessChannel channel(Fresh(behaviour));
    auto first = ReadChip(channel, SharedCard().access.mrz_key);
    ASSERT_FALSE(first) << "pulled at " << k;
    EXPECT_EQ(first.error().code(), ErrorCode::kCardRemoved) << "pulled at " << k;
    EXPECT_TRUE(first.error().retriable());
    auto second = ReadChip(channel, SharedCard().access.mrz_key);
    ASSERT_TRUE(second) << "pulled at " << k << ": " << second.error().ToLogString();
    EXPECT_EQ(second->access_protocol, "PACE");
  }
}

}  // namespace
}  // namespace kiosk::emrtd
