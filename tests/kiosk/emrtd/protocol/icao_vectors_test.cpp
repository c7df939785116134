// The worked examples of ICAO Doc 9303 Part 11, Appendix D (BAC key derivation, mutual
// authentication, secure messaging of SELECT EF.COM and READ BINARY), as exact byte vectors.
#include <gtest/gtest.h>

#include "kiosk/emrtd/lds/mrz.h"
#include "kiosk/emrtd/protocol/bac.h"
#include "kiosk/emrtd/protocol/secure_messaging.h"
#include "tests/kiosk/emrtd/protocol/hex.h"

namespace kiosk::emrtd {
namespace {

using testing::Hex;

Bytes ToBytes(const SecretBytes& s) { return Bytes(s.data(), s.data() + s.size()); }

constexpr std::string_view kMrzInformation = "L898902C<369080619406236";

TEST(IcaoAppendixD, KeySeedFromMrzInformation_MatchesD2) {
  EXPECT_EQ(ToBytes(ComputeBacKeySeed(kMrzInformation)), Hex("239AB9CB282DAF66231DC5A4DF6BFBAE"));
}

TEST(IcaoAppendixD, MrzAccessKey_BuildsTheSameMrzInformation) {
  MrzAccessKey key{"L898902C", "690806", "940623"};
  EXPECT_EQ(key.KeySeedInput().view(), kMrzInformation);
}

TEST(IcaoAppendixD, EncAndMacKeys_MatchD2WithParity) {
  const BacKeys keys = DeriveBacKeys(kMrzInformation);
  EXPECT_EQ(ToBytes(keys.k_enc), Hex("AB94FDECF2674FDFB9B391F85D7F76F2"));
  EXPECT_EQ(ToBytes(keys.k_mac), Hex("7962D9ECE03D1ACD4C76089DCE131543"));
}

// D.3: RND.IC, RND.IFD and K.IFD of the example; E.IFD || M.IFD, the card's answer, and the
// session keys and SSC.
const Bytes kRndIc = Hex("4608F91988702212");
const Bytes kRndIfd = Hex("781723860C06C226");
const Bytes kKIfd = Hex("0B795240CB7049B01C19B33E32804F0B");
const Bytes kKIc = Hex("0B4F80323EB3191CB04970CB4052790B");
const Bytes kCardAnswer = Hex(
    "46B9342A41396CD7386BF5803104D7CEDC122B9132139BAF2EEDC94EE178534F2F2D235D074D7449");

TEST(IcaoAppendixD, ExternalAuthenticateData_MatchesD3) {
  const BacKeys keys = DeriveBacKeys(kMrzInformation);
  auto data = BuildExternalAuthenticateData(keys, kRndIc, kRndIfd,
                                            SecretBytes(kKIfd.data(), kKIfd.size()));
  ASSERT_TRUE(data) << data.error().ToLogString();
  EXPECT_EQ(*data, Hex("72C29C2371CC9BDB65B779B8E8D37B29ECC154AA56A8799FAE2F498F76ED92F2"
                       "5F1448EEA8AD90A7"));
}

TEST(IcaoAppendixD, CardAnswer_GivesSessionKeysAndSscOfD3) {
  const BacKeys keys = DeriveBacKeys(kMrzInformation);
  auto session = CompleteBac(keys, kRndIc, kRndIfd, SecretBytes(kKIfd.data(), kKIfd.size()),
                             kCardAnswer);
  ASSERT_TRUE(session) << session.error().ToLogString();
  EXPECT_EQ(ToBytes(session->ks_enc), Hex("979EC13B1CBFE9DCD01AB0FED307EAE5"));
  EXPECT_EQ(ToBytes(session->ks_mac), Hex("F1CB1F1FB5ADF208806B89DC579DC1F8"));
  EXPECT_EQ(Bytes(session->ssc.begin(), session->ssc.end()), Hex("887022120C06C226"));
}

TEST(IcaoAppendixD, CardSide_AnswersExactlyTheExampleResponse) {
  const BacKeys keys = DeriveBacKeys(kMrzInformation);
  auto command = BuildExternalAuthenticateData(keys, kRndIc, kRndIfd,
                                               SecretBytes(kKIfd.data(), kKIfd.size()));
  ASSERT_TRUE(command);
  auto answer = AnswerExternalAuthenticate(keys, kRndIc, SecretBytes(kKIc.data(), kKIc.size()),
                                           *command);
  ASSERT_TRUE(answer) << answer.error().ToLogString();
  EXPECT_EQ(answer->response, kCardAnswer);
  EXPECT_EQ(ToBytes(answer->session.ks_enc), Hex("979EC13B1CBFE9DCD01AB0FED307EAE5"));
}

TEST(IcaoAppendixD, TamperedCardAnswer_FailsVerification) {
  const BacKeys keys = DeriveBacKeys(kMrzInformation);
  Bytes tampered = kCardAnswer;
  tampered[3] ^= 0x01;
  auto session = CompleteBac(keys, kRndIc, kRndIfd, SecretBytes(kKIfd.data(), kKIfd.size()),
                             tampered);
  ASSERT_FALSE(session);
  EXPECT_EQ(session.error().code(), ErrorCode::kVerificationFailed);
}

SecureMessaging ExampleSession() {
  auto sm = SecureMessaging::Create(
      SecureMessaging::Algorithm::kTripleDes, SecretBytes(Hex("979EC13B1CBFE9DCD01AB0FED307EAE5").data(), 16),
      SecretBytes(Hex("F1CB1F1FB5ADF208806B89DC579DC1F8").data(), 16), Hex("887022120C06C226"));
  return std::move(*sm);
}

TEST(IcaoAppendixD, ProtectedSelectEfCom_MatchesD4) {
  SecureMessaging sm = ExampleSession();
  CommandApdu select = CommandApdu::Of(0x00, 0xA4, 0x02, 0x0C, {0x01, 0x1E});
  auto protected_command = sm.ProtectCommand(select);
  ASSERT_TRUE(protected_command) << protected_command.error().ToLogString();
  auto encoded = protected_command->Encode();
  ASSERT_TRUE(encoded);
  EXPECT_EQ(*encoded, Hex("0CA4020C158709016375432908C044F68E08BF8B92D635FF24F800"));
  EXPECT_EQ(sm.ssc(), Hex("887022120C06C227"));

  auto response = ResponseApdu::Parse(Hex("990290008E08FA855A5D4C50A8ED9000"));
  ASSERT_TRUE(response);
  auto plain = sm.UnprotectResponse(*response);
  ASSERT_TRUE(plain) << plain.error().ToLogString();
  EXPECT_EQ(plain->sw, 0x9000);
  EXPECT_TRUE(plain->data.empty());
  EXPECT_EQ(sm.ssc(), Hex("887022120C06C228"));
}

TEST(IcaoAppendixD, ProtectedReadBinaryOfEfCom_MatchesD4) {
  SecureMessaging sm = ExampleSession();
  CommandApdu select = CommandApdu::Of(0x00, 0xA4, 0x02, 0x0C, {0x01, 0x1E});
  ASSERT_TRUE(sm.ProtectCommand(select));
  ASSERT_TRUE(sm.UnprotectResponse(*ResponseApdu::Parse(Hex("990290008E08FA855A5D4C50A8ED9000"))));

  // The first four bytes (the TLV header of EF.COM).
  CommandApdu read_header = CommandApdu::Of(0x00, 0xB0, 0x00, 0x00, {}, 4);
  auto command = sm.ProtectCommand(read_header);
  ASSERT_TRUE(command);
  EXPECT_EQ(*command->Encode(), Hex("0CB000000D9701048E08ED6705417E96BA5500"));
  auto header = sm.UnprotectResponse(
      *ResponseApdu::Parse(Hex("8709019FF0EC34F9922651990290008E08AD55CC17140B2DED9000")));
  ASSERT_TRUE(header) << header.error().ToLogString();
  EXPECT_EQ(header->data, Hex("60145F01"));

  // The remaining 18 bytes.
  CommandApdu read_rest = CommandApdu::Of(0x00, 0xB0, 0x00, 0x04, {}, 0x12);
  command = sm.ProtectCommand(read_rest);
  ASSERT_TRUE(command);
  EXPECT_EQ(*command->Encode(), Hex("0CB000040D9701128E082EA28A70F3C7B53500"));
  auto rest = sm.UnprotectResponse(*ResponseApdu::Parse(
      Hex("871901FB9235F4E4037F2327DCC8964F1F9B8C30F42C8E2FFF224A990290008E08C8B2787EAEA07D74"
          "9000")));
  ASSERT_TRUE(rest) << rest.error().ToLogString();
  EXPECT_EQ(rest->data, Hex("04303130365F36063034303030305C026175"));
  EXPECT_EQ(sm.ssc(), Hex("887022120C06C22C"));
}

}  // namespace
}  // namespace kiosk::emrtd
