// Transport-level status words (61xx, 6Cxx) and link counting, against a scripted card.
#include <gtest/gtest.h>

#include <deque>

#include "kiosk/emrtd/protocol/card_session.h"
#include "tests/kiosk/emrtd/protocol/hex.h"

namespace kiosk::emrtd {
namespace {

using testing::Hex;

// A fake reader that replays responses and records the commands it was sent.
class ScriptedChannel final : public CardChannel {
 public:
  explicit ScriptedChannel(std::deque<Bytes> responses) : responses_(std::move(responses)) {}
  Result<ResponseApdu> Transmit(const CommandApdu& command) override {
    sent_.push_back(*command.Encode());
    if (responses_.empty()) {
      return Fail(Error(ErrorCode::kCardRemoved, "The card was removed during reading. Place it on the reader again and retry."));
    }
    Bytes next = std::move(responses_.front());
    responses_.pop_front();
    return ResponseApdu::Parse(next);
  }
  std::string ReaderName() const override { return "scripted"; }
  bool SupportsExtendedLength() const override { return false; }
  std::vector<uint8_t> Atr() const override { return {}; }
  const std::vector<Bytes>& sent() const { return sent_; }

 private:
  std::deque<Bytes> responses_;
  std::vector<Bytes> sent_;
};

TEST(TransmitComplete, WrongLe6Cxx_ResendsWithTheCardsLe) {
  ScriptedChannel card({Hex("6C08"), Hex("01020304050607089000")});
  auto r = TransmitComplete(card, CommandApdu::Of(0x00, 0x84, 0, 0, {}, 16));
  ASSERT_TRUE(r);
  EXPECT_EQ(r->data.size(), 8u);
  ASSERT_EQ(card.sent().size(), 2u);
  EXPECT_EQ(card.sent()[1], Hex("0084000008"));
}

TEST(TransmitComplete, MoreData61xx_IsCollectedWithGetResponse) {
  ScriptedChannel card({Hex("AABB6104"), Hex("CCDDEEFF6102"), Hex("11229000")});
  auto r = TransmitComplete(card, CommandApdu::Of(0x00, 0xB0, 0, 0, {}, 256));
  ASSERT_TRUE(r);
  EXPECT_EQ(r->data, Hex("AABBCCDDEEFF1122"));
  EXPECT_EQ(r->sw, 0x9000);
  ASSERT_EQ(card.sent().size(), 3u);
  EXPECT_EQ(card.sent()[1], Hex("00C0000004"));
  EXPECT_EQ(card.sent()[2], Hex("00C0000002"));
}

TEST(TransmitComplete, CardRemoved_IsRetriableError) {
  ScriptedChannel card({});
  auto r = TransmitComplete(card, CommandApdu::Of(0x00, 0x84, 0, 0, {}, 8));
  ASSERT_FALSE(r);
  EXPECT_EQ(r.error().code(), ErrorCode::kCardRemoved);
  EXPECT_TRUE(r.error().retriable());
}

TEST(CardSession, Counters_CountEveryExchangeAndByte) {
  ScriptedChannel card({Hex("9000"), Hex("01029000")});
  CardSession session(card);
  ASSERT_TRUE(session.Transmit(CommandApdu::Of(0x00, 0xA4, 0x04, 0x0C, Hex("A0000002471001"))));
  ASSERT_TRUE(session.Transmit(CommandApdu::Of(0x00, 0xB0, 0, 0, {}, 2)));
  EXPECT_EQ(session.counters().apdus, 2u);
  EXPECT_EQ(session.counters().bytes_sent, 12u + 5u);
  EXPECT_EQ(session.counters().bytes_received, 2u + 4u);
}

}  // namespace
}  // namespace kiosk::emrtd
