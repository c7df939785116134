#include "kiosk/identity/cccd_qr.h"

#include <gtest/gtest.h>

#include "kiosk/identity/unicode.h"

namespace kiosk::identity {
namespace {

// A synthetic holder: the ID fits the rules (Hà Nội, male, 1990) and belongs to nobody.
constexpr const char* kQr =
    "001090123456|123456789|Nguyễn Văn Thử|12081990|Nam|Số 1 Phố Giả, Hoàn Kiếm, Hà Nội|01072021";

TEST(ParseCccdQr, SevenFields_Parsed) {
  auto r = ParseCccdQr(kQr);
  ASSERT_TRUE(r) << r.error().ToLogString();
  EXPECT_EQ(r->id.digits, "001090123456");
  EXPECT_EQ(r->old_cmnd, "123456789");
  EXPECT_EQ(r->full_name, "Nguyễn Văn Thử");
  EXPECT_EQ(r->date_of_birth, (CivilDate{1990, 8, 12}));
  EXPECT_EQ(r->gender, Gender::kMale);
  EXPECT_EQ(r->issue_date, (CivilDate{2021, 7, 1}));
  EXPECT_TRUE(r->extra_fields.empty());
}

TEST(ParseCccdQr, NfdInput_NormalisedToNfc) {
  // "Nguyễn Thị Thử" decomposed: e + U+0302 + U+0303, i + U+0323, u + U+031B + U+0309; "Nữ" too.
  const std::string nfd =
      "079301000123||Nguye\xCC\x82\xCC\x83n Thi\xCC\xA3 Thu\xCC\x9B\xCC\x89|05052001|"
      "Nu\xCC\x9B\xCC\x83|Ca\xCC\x80 Mau|10102021";
  auto r = ParseCccdQr(nfd);
  ASSERT_TRUE(r) << r.error().ToLogString();
  EXPECT_EQ(r->full_name, "Nguyễn Thị Thử");
  EXPECT_EQ(r->address, "Cà Mau");
  EXPECT_EQ(r->gender, Gender::kFemale);
  EXPECT_TRUE(r->old_cmnd.empty());
}

TEST(ParseCccdQr, ExtraFieldsAndTrailingNewline_Tolerated) {
  auto r = ParseCccdQr(std::string(kQr) + "|01072046|x\r\n");
  ASSERT_TRUE(r);
  ASSERT_EQ(r->extra_fields.size(), 2u);
  EXPECT_EQ(r->extra_fields[0], "01072046");
}

TEST(ParseCccdQr, MissingFields_CountInMessage) {
  auto r = ParseCccdQr("001090123456|123456789|Nguyễn Văn Thử|12081990|Nam");
  ASSERT_FALSE(r);
  EXPECT_EQ(r.error().code(), ErrorCode::kParse);
  EXPECT_EQ(r.error().args().at(0), "5");
}

TEST(ParseCccdQr, Url_RefusedAsOtherDocument) {
  auto r = ParseCccdQr("https://example.invalid/lookup?id=1");
  ASSERT_FALSE(r);
  EXPECT_NE(r.error().message_key().find("not from a CCCD"), std::string::npos);
}

TEST(ParseCccdQr, BhytQr_RefusedAsHealthInsurance) {
  auto r = ParseCccdQr("DN4010123456789|4e677579e1bb856e|12/08/1990|1|4861204ee1bb9969|01001|"
                       "01/01/2024|31/12/2024|$");
  ASSERT_FALSE(r);
  EXPECT_NE(r.error().message_key().find("BHYT"), std::string::npos);
}

TEST(ParseCccdQr, MalformedDates_Refused) {
  EXPECT_FALSE(ParseCccdQr(
      "001090123456||Nguyễn Văn Thử|1208199|Nam|Hà Nội|01072021"));
  EXPECT_FALSE(ParseCccdQr(
      "001090123456||Nguyễn Văn Thử|31021990|Nam|Hà Nội|01072021"));
  EXPECT_FALSE(ParseCccdQr(
      "001090123456||Nguyễn Văn Thử|12081990|Nam|Hà Nội|2021-07-01"));
  EXPECT_FALSE(ParseCccdQr(
      "001090123456||Nguyễn Văn Thử|12081990|Nam|Hà Nội|01071980"));  // issued before birth
}

TEST(ParseCccdQr, IdDisagreesWithDobOrGender_Refused) {
  EXPECT_FALSE(ParseCccdQr("001090123456||Nguyễn Văn Thử|12081991|Nam|Hà Nội|01072021"));
  EXPECT_FALSE(ParseCccdQr("001090123456||Nguyễn Văn Thử|12081990|Nữ|Hà Nội|01072021"));
}

TEST(ParseCccdQr, InvalidUtf8OrEmpty_Refused) {
  EXPECT_FALSE(ParseCccdQr("001090123456||Nguy\xFF|12081990|Nam|Hà Nội|01072021"));
  EXPECT_FALSE(ParseCccdQr(""));
  EXPECT_FALSE(ParseCccdQr("\n"));
  EXPECT_FALSE(ParseCccdQr("||||||"));
  EXPECT_FALSE(ParseCccdQr("001090123456||   |12081990|Nam|Hà Nội|01072021"));
}

TEST(Unicode, Utf8Validation_RejectsOverlongsAndSurrogates) {
  EXPECT_TRUE(IsValidUtf8("Hà Nội"));
  EXPECT_FALSE(IsValidUtf8("\xC0\xAF"));          // overlong '/'
  EXPECT_FALSE(IsValidUtf8("\xED\xA0\x80"));      // surrogate
  EXPECT_FALSE(IsValidUtf8("\xF4\x90\x80\x80"));  // above U+10FFFF
  EXPECT_FALSE(IsValidUtf8("\xE1\xBB"));          // truncated
}

TEST(Unicode, Upper_Vietnamese) {
  EXPECT_EQ(ToUpperVietnamese("Nguyễn Thị Đào"), "NGUYỄN THỊ ĐÀO");
  EXPECT_EQ(CollapseSpaces("  a   b "), "a b");
}

}  // namespace
}  // namespace kiosk::identity
