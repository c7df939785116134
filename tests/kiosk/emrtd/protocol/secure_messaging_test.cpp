#include <gtest/gtest.h>

#include "kiosk/emrtd/protocol/secure_messaging.h"
#include "tests/kiosk/emrtd/protocol/hex.h"

namespace kiosk::emrtd {
namespace {

using testing::Hex;

// A terminal and a card sharing keys and SSC.
struct Pair {
  SecureMessaging terminal;
  SecureMessaging card;
};

Pair MakePair(SecureMessaging::Algorithm algorithm) {
  const size_t key = 16;
  const Bytes k_enc = Hex("00112233445566778899AABBCCDDEEFF");
  const Bytes k_mac = Hex("0F1E2D3C4B5A69788796A5B4C3D2E1F0");
  const Bytes ssc(algorithm == SecureMessaging::Algorithm::kAes ? 16 : 8, 0x01);
  auto make = [&] {
    return std::move(*SecureMessaging::Create(algorithm, SecretBytes(k_enc.data(), key),
                                              SecretBytes(k_mac.data(), key), ssc));
  };
  return Pair{make(), make()};
}

class SecureMessagingBoth : public ::testing::TestWithParam<SecureMessaging::Algorithm> {};

TEST_P(SecureMessagingBoth, CommandAndResponse_RoundTrip) {
  Pair p = MakePair(GetParam());
  const std::vector<CommandApdu> commands = {
      CommandApdu::Of(0x00, 0xA4, 0x02, 0x0C, {0x01, 0x1E}),
      CommandApdu::Of(0x00, 0xB0, 0x00, 0x00, {}, 0xE7),
      CommandApdu::Of(0x00, 0xB0, 0x00, 0x00, {}, 256),
      CommandApdu::Of(0x00, 0xB0, 0x00, 0x00, {}, 40000),
      CommandApdu::Of(0x00, 0xB1, 0x00, 0x00, {0x54, 0x02, 0x80, 0x00}, 0xDF),
      CommandApdu::Of(0x00, 0x88, 0x00, 0x00, Bytes(8, 0x42), 256),
  };
  for (const auto& plain : commands) {
    auto wrapped = p.terminal.ProtectCommand(plain);
    ASSERT_TRUE(wrapped);
    // Through the wire encoding, as the card sees it.
    auto on_card = CommandApdu::Parse(*wrapped->Encode());
    ASSERT_TRUE(on_card);
    auto unwrapped = p.card.UnprotectCommand(*on_card);
    ASSERT_TRUE(unwrapped) << unwrapped.error().ToLogString();
    EXPECT_EQ(unwrapped->ins, plain.ins);
    EXPECT_EQ(unwrapped->cla, plain.cla);
    EXPECT_EQ(unwrapped->data, plain.data);
    EXPECT_EQ(unwrapped->ne, plain.ne);

    ResponseApdu answer{.data = Bytes(plain.ne.value_or(0), 0x5A), .sw = 0x9000};
    auto protected_answer = p.card.ProtectResponse(answer);
    ASSERT_TRUE(protected_answer);
    auto received = p.terminal.UnprotectResponse(*protected_answer);
    ASSERT_TRUE(received) << received.error().ToLogString();
    EXPECT_EQ(received->data, answer.data);
    EXPECT_EQ(received->sw, 0x9000);
  }
  EXPECT_EQ(p.terminal.ssc(), p.card.ssc());
}

TEST_P(SecureMessagingBoth, EveryFlippedBitOfAResponse_IsRejected) {
  Pair p = MakePair(GetParam());
  ASSERT_TRUE(p.terminal.ProtectCommand(CommandApdu::Of(0, 0xB0, 0, 0, {}, 16)));
  auto protected_answer = p.card.ProtectResponse({.data = Bytes(16, 0x11), .sw = 0x9000});
  ASSERT_TRUE(protected_answer);
  const Bytes ssc_before = p.terminal.ssc();
  for (size_t i = 0; i < protected_answer->data.size(); ++i) {
    Pair fresh = MakePair(GetParam());
    ASSERT_TRUE(fresh.terminal.ProtectCommand(CommandApdu::Of(0, 0xB0, 0, 0, {}, 16)));
    ResponseApdu tampered = *protected_answer;
    tampered.data[i] ^= 0x04;
    EXPECT_FALSE(fresh.terminal.UnprotectResponse(tampered)) << "byte " << i;
  }
  (void)ssc_before;
}

TEST_P(SecureMessagingBoth, ReplayedCommand_IsRejectedByTheCard) {
  Pair p = MakePair(GetParam());
  auto wrapped = p.terminal.ProtectCommand(CommandApdu::Of(0, 0xB0, 0, 0, {}, 4));
  ASSERT_TRUE(wrapped);
  ASSERT_TRUE(p.card.UnprotectCommand(*wrapped));
  ASSERT_TRUE(p.card.ProtectResponse({.data = {}, .sw = 0x9000}));
  EXPECT_FALSE(p.card.UnprotectCommand(*wrapped));  // SSC has moved on
}

TEST_P(SecureMessagingBoth, UnprotectedCommand_IsRejectedByTheCard) {
  Pair p = MakePair(GetParam());
  EXPECT_FALSE(p.card.UnprotectCommand(CommandApdu::Of(0, 0xB0, 0, 0, {}, 4)));
}

TEST_P(SecureMessagingBoth, ExtraObjectAfterMac_IsRejected) {
  Pair p = MakePair(GetParam());
  ASSERT_TRUE(p.terminal.ProtectCommand(CommandApdu::Of(0, 0xB0, 0, 0, {}, 4)));
  auto answer = p.card.ProtectResponse({.data = Bytes(4, 1), .sw = 0x9000});
  ASSERT_TRUE(answer);
  answer->data.push_back(0x99);
  answer->data.push_back(0x00);
  EXPECT_FALSE(p.terminal.UnprotectResponse(*answer));
}

// Once secure messaging is up, an unauthenticated status word (a card that left the session,
// or anything between it and us saying "file not found") is a lost session, never an answer.
TEST_P(SecureMessagingBoth, BareStatus_IsALostSession) {
  for (uint16_t status : {0x6987, 0x6988, 0x6A82, 0x6982, 0x9000}) {
    Pair p = MakePair(GetParam());
    auto r = p.terminal.UnprotectResponse({.data = {}, .sw = status});
    ASSERT_FALSE(r) << std::hex << status;
    EXPECT_TRUE(IsSecureSessionLost(r.error())) << r.error().ToLogString();
    EXPECT_TRUE(r.error().retriable());
  }
}

INSTANTIATE_TEST_SUITE_P(Algorithms, SecureMessagingBoth,
                         ::testing::Values(SecureMessaging::Algorithm::kTripleDes,
                                           SecureMessaging::Algorithm::kAes));

TEST(SecureMessaging, LargestShortNe_Is0xE7For3DesAnd0xDFForAes) {
  EXPECT_EQ(MakePair(SecureMessaging::Algorithm::kTripleDes).terminal.LargestShortNe(), 0xE7u);
  EXPECT_EQ(MakePair(SecureMessaging::Algorithm::kAes).terminal.LargestShortNe(), 0xDFu);
}

}  // namespace
}  // namespace kiosk::emrtd
