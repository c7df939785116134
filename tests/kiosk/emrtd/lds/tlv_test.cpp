#include "kiosk/emrtd/lds/tlv.h"

#include <gtest/gtest.h>

namespace kiosk::emrtd {
namespace {

TEST(Tlv, ShortForm_ParsesTagLengthValue) {
  const Bytes data = {0x5F, 0x1F, 0x03, 'A', 'B', 'C'};
  auto tlv = ParseSingleTlv(data);
  ASSERT_TRUE(tlv.has_value()) << tlv.error().ToLogString();
  EXPECT_EQ(tlv->tag, 0x5F1Fu);
  EXPECT_FALSE(tlv->constructed);
  ASSERT_EQ(tlv->value.size(), 3u);
  EXPECT_EQ(tlv->value[2], 'C');
  EXPECT_EQ(tlv->raw.size(), 6u);
}

TEST(Tlv, LongForms_ParseUpToFourLengthBytes) {
  for (size_t length : {0x80u, 0xFFu, 0x100u, 0x12345u}) {
    Bytes encoded = EncodeTlv(0x7F61, Bytes(length, 0xAB));
    auto tlv = ParseSingleTlv(encoded, 0x7F61);
    ASSERT_TRUE(tlv.has_value()) << length;
    EXPECT_TRUE(tlv->constructed);
    EXPECT_EQ(tlv->value.size(), length);
  }
  const Bytes four = {0x04, 0x84, 0x00, 0x00, 0x00, 0x01, 0x55};
  EXPECT_TRUE(ParseSingleTlv(four).has_value());
}

TEST(Tlv, Truncated_Fails) {
  EXPECT_FALSE(ParseSingleTlv(Bytes{}).has_value());
  EXPECT_FALSE(ParseSingleTlv(Bytes{0x5F}).has_value());
  EXPECT_FALSE(ParseSingleTlv(Bytes{0x5F, 0x1F}).has_value());
  EXPECT_FALSE(ParseSingleTlv(Bytes{0x04, 0x82, 0x01}).has_value());
  EXPECT_FALSE(ParseSingleTlv(Bytes{0x04, 0x03, 0x01, 0x02}).has_value());
}

TEST(Tlv, OverLongLength_Fails) {
  EXPECT_FALSE(ParseSingleTlv(Bytes{0x04, 0x85, 0, 0, 0, 0, 1, 0}).has_value());
  EXPECT_FALSE(ParseSingleTlv(Bytes{0x04, 0x84, 0xFF, 0xFF, 0xFF, 0xFF, 0x00}).has_value());
}

TEST(Tlv, IndefiniteLength_Fails) {
  EXPECT_FALSE(ParseSingleTlv(Bytes{0x30, 0x80, 0x04, 0x00, 0x00, 0x00}).has_value());
}

TEST(Tlv, TrailingGarbage_FailsForSingle) {
  auto tlv = ParseSingleTlv(Bytes{0x04, 0x01, 0xAA, 0xBB});
  ASSERT_FALSE(tlv.has_value());
  EXPECT_EQ(tlv.error().code(), ErrorCode::kParse);
}

TEST(Tlv, WrongTag_Fails) { EXPECT_FALSE(ParseSingleTlv(Bytes{0x04, 0x00}, 0x05).has_value()); }

TEST(Tlv, TagLongerThanFourBytes_Fails) {
  EXPECT_FALSE(ParseSingleTlv(Bytes{0x5F, 0x81, 0x81, 0x81, 0x01, 0x00}).has_value());
  EXPECT_TRUE(ParseSingleTlv(Bytes{0x5F, 0x81, 0x81, 0x01, 0x00}).has_value());
}

TEST(Tlv, TooDeep_FailsTreeParse) {
  Bytes nested = EncodeTlv(0x04, Bytes{0x01});
  for (int i = 0; i < 20; ++i) nested = EncodeTlv(0x30, nested);
  EXPECT_FALSE(ParseTlvTree(nested).has_value());
  EXPECT_TRUE(ParseTlvTree(nested, 30).has_value());
}

TEST(Tlv, Tree_ParsesChildren) {
  const Bytes data = EncodeTlv(
      0x61, Concat({EncodeTlv(0x5F1F, Bytes{'X'}), EncodeTlv(0x02, Bytes{0x01, 0x00})}));
  auto tree = ParseTlvTree(data);
  ASSERT_TRUE(tree.has_value());
  ASSERT_EQ(tree->size(), 1u);
  ASSERT_EQ((*tree)[0].children.size(), 2u);
  auto top = ParseSingleTlv(data);
  auto child = FindChild(*top, 0x02);
  ASSERT_TRUE(child.has_value());
  EXPECT_EQ(TlvUnsigned(*child).value(), 256u);
  EXPECT_FALSE(FindChild(*top, 0x03).has_value());
}

TEST(Tlv, Writer_EncodesMinimalLengths) {
  Bytes out;
  AppendLength(out, 0x7F);
  AppendLength(out, 0x80);
  AppendLength(out, 0x1234);
  EXPECT_EQ(out, (Bytes{0x7F, 0x81, 0x80, 0x82, 0x12, 0x34}));
  EXPECT_EQ(EncodeTlv(0x5F1F, Bytes{}), (Bytes{0x5F, 0x1F, 0x00}));
}

TEST(Tlv, Oid_RoundTrips) {
  Bytes encoded = EncodeOid("2.23.136.1.1.1");
  EXPECT_EQ(encoded, (Bytes{0x06, 0x06, 0x67, 0x81, 0x08, 0x01, 0x01, 0x01}));
  auto tlv = ParseSingleTlv(encoded, 0x06);
  EXPECT_EQ(DecodeOid(tlv->value).value(), "2.23.136.1.1.1");
  const Bytes dg13_oid = EncodeOid("1.0.10646.1.0.8");
  EXPECT_EQ(DecodeOid(ByteView(dg13_oid).subspan(2)).value(), "1.0.10646.1.0.8");
  EXPECT_TRUE(EncodeOid("1.x").empty());
  EXPECT_FALSE(DecodeOid(Bytes{0x81}).has_value());
}

TEST(Tlv, DerInteger_AddsSignByte) {
  EXPECT_EQ(EncodeDerInteger(0), (Bytes{0x02, 0x01, 0x00}));
  EXPECT_EQ(EncodeDerInteger(0x80), (Bytes{0x02, 0x02, 0x00, 0x80}));
}

}  // namespace
}  // namespace kiosk::emrtd
