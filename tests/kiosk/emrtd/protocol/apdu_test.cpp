#include <gtest/gtest.h>

#include "kiosk/emrtd/protocol/apdu.h"
#include "tests/kiosk/emrtd/protocol/hex.h"

namespace kiosk::emrtd {
namespace {

CommandApdu ForceExtended(CommandApdu c) {
  c.force_extended = true;
  return c;
}

using testing::Hex;

TEST(CommandApdu, Case1_IsTheHeaderOnly) {
  CommandApdu c = CommandApdu::Of(0x00, 0xA4, 0x04, 0x0C);
  EXPECT_EQ(*c.Encode(), Hex("00A4040C"));
}

TEST(CommandApdu, Case2Short_Le256IsEncodedAsZero) {
  CommandApdu c = CommandApdu::Of(0x00, 0xB0, 0, 0, {}, 256);
  EXPECT_EQ(*c.Encode(), Hex("00B0000000"));
}

TEST(CommandApdu, Case3Short_CarriesLcAndData) {
  CommandApdu c = CommandApdu::Of(0x00, 0xA4, 0x02, 0x0C, {0x01, 0x1E});
  EXPECT_EQ(*c.Encode(), Hex("00A4020C02011E"));
}

TEST(CommandApdu, Case4Short_EndsWithLe) {
  CommandApdu c = CommandApdu::Of(0x00, 0x82, 0, 0, {0xAA, 0xBB}, 40);
  EXPECT_EQ(*c.Encode(), Hex("0082000002AABB28"));
}

TEST(CommandApdu, Case2Extended_HasThreeByteLe) {
  CommandApdu c = CommandApdu::Of(0x00, 0xB0, 0, 0, {}, 0x1234);
  EXPECT_EQ(*c.Encode(), Hex("00B00000001234"));
  c.ne = 65536;
  EXPECT_EQ(*c.Encode(), Hex("00B00000000000"));
}

TEST(CommandApdu, Case4Extended_SharesTheLeadingZero) {
  CommandApdu c = ForceExtended(CommandApdu::Of(0x0C, 0xB0, 0, 0, {0x01}, 65536));
  EXPECT_EQ(*c.Encode(), Hex("0CB00000000001010000"));
}

TEST(CommandApdu, LongData_SwitchesToExtended) {
  CommandApdu c = CommandApdu::Of(0x00, 0xD6, 0, 0, Bytes(300, 0x55));
  auto encoded = c.Encode();
  ASSERT_TRUE(encoded);
  EXPECT_EQ(encoded->size(), 4u + 3u + 300u);
  EXPECT_EQ((*encoded)[4], 0x00);
  EXPECT_EQ((*encoded)[5], 0x01);
  EXPECT_EQ((*encoded)[6], 0x2C);
}

TEST(CommandApdu, ParseRoundTrip_AllCases) {
  const std::vector<CommandApdu> commands = {
      CommandApdu::Of(0x00, 0xA4, 0x04, 0x0C),
      CommandApdu::Of(0x00, 0xB0, 0x01, 0x02, {}, 256),
      CommandApdu::Of(0x00, 0xA4, 0x02, 0x0C, {0x01, 0x1E}),
      CommandApdu::Of(0x00, 0x82, 0, 0, Bytes(40, 1), 40),
      CommandApdu::Of(0x00, 0xB0, 0, 0, {}, 65536),
      CommandApdu::Of(0x00, 0xB1, 0, 0, Bytes(700, 2), 1000),
  };
  for (const auto& c : commands) {
    auto encoded = c.Encode();
    ASSERT_TRUE(encoded);
    auto parsed = CommandApdu::Parse(*encoded);
    ASSERT_TRUE(parsed) << parsed.error().ToLogString();
    EXPECT_EQ(parsed->data, c.data);
    EXPECT_EQ(parsed->ne, c.ne);
    EXPECT_EQ(parsed->IsExtended(), c.IsExtended());
  }
}

TEST(CommandApdu, ParseMalformed_Fails) {
  EXPECT_FALSE(CommandApdu::Parse(Hex("00A4")));
  EXPECT_FALSE(CommandApdu::Parse(Hex("00A4020C05011E")));      // Lc 5, 2 bytes
  EXPECT_FALSE(CommandApdu::Parse(Hex("00A4020C0000")));        // truncated extended
  EXPECT_FALSE(CommandApdu::Parse(Hex("00A4020C000005011E")));  // extended Lc mismatch
}

TEST(ResponseApdu, Parse_SplitsDataAndStatus) {
  auto r = ResponseApdu::Parse(Hex("01029000"));
  ASSERT_TRUE(r);
  EXPECT_EQ(r->data, Hex("0102"));
  EXPECT_TRUE(r->ok());
  EXPECT_FALSE(ResponseApdu::Parse(Hex("90")));
}

TEST(StatusToError, KnownWords_MapToTheirCodes) {
  EXPECT_EQ(StatusToError(0x6300, "x").code(), ErrorCode::kWrongAccessKey);
  EXPECT_EQ(StatusToError(0x6982, "x").code(), ErrorCode::kPermissionDenied);
  EXPECT_EQ(StatusToError(0x6A82, "x").code(), ErrorCode::kNotFound);
  EXPECT_EQ(StatusToError(0x6D00, "x").code(), ErrorCode::kUnsupported);
  EXPECT_EQ(StatusToError(0x6F00, "x").code(), ErrorCode::kCardError);
  EXPECT_TRUE(StatusToError(0x6988, "x").retriable());
}

TEST(Atr, CardCapabilities_AnnounceExtendedLength) {
  // 3B 85 80 01 | 80 73 00 00 40 | TCK: T=1, historical bytes with card capabilities.
  EXPECT_TRUE(AtrAdvertisesExtendedLength(Hex("3B8580018073000040B7")));
  EXPECT_FALSE(AtrAdvertisesExtendedLength(Hex("3B8580018073000000F7")));
  EXPECT_FALSE(AtrAdvertisesExtendedLength(Hex("3B80800101")));
  EXPECT_FALSE(AtrAdvertisesExtendedLength(Hex("3B8F")));  // truncated
}

}  // namespace
}  // namespace kiosk::emrtd
