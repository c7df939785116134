#include "kiosk/identity/date.h"

#include <gtest/gtest.h>

namespace kiosk::identity {
namespace {

TEST(ParseDate, ThreeFormats_SameDate) {
  const CivilDate expected{2001, 3, 9};
  EXPECT_EQ(ParseDate("09032001").value(), expected);
  EXPECT_EQ(ParseDate("09/03/2001").value(), expected);
  EXPECT_EQ(ParseDate("9/3/2001").value(), expected);
  EXPECT_EQ(ParseDate("2001-03-09").value(), expected);
  EXPECT_EQ(ParseDate(" 09.03.2001 ").value(), expected);
}

TEST(ParseDate, ImpossibleDays_Refused) {
  EXPECT_FALSE(ParseDate("31022001"));
  EXPECT_FALSE(ParseDate("29/02/2001"));
  EXPECT_TRUE(ParseDate("29/02/2000"));
  EXPECT_FALSE(ParseDate("29/02/1900"));
  EXPECT_FALSE(ParseDate("2001-13-01"));
  EXPECT_FALSE(ParseDate("00/01/2001"));
}

TEST(ParseDate, Garbage_RefusedWithFormatReason) {
  auto r = ParseDate("1/1/01");
  ASSERT_FALSE(r);
  EXPECT_NE(r.error().message_key().find("DDMMYYYY"), std::string::npos);
  EXPECT_FALSE(ParseDate(""));
  EXPECT_FALSE(ParseDate("0903200a"));
}

TEST(CivilDate, Formats_RoundTrip) {
  const CivilDate d{1990, 12, 5};
  EXPECT_EQ(d.ToIso(), "1990-12-05");
  EXPECT_EQ(d.ToDdMmYyyy(), "05121990");
  EXPECT_EQ(d.ToSlashed(), "05/12/1990");
  EXPECT_EQ(d.ToYymmdd(), "901205");
}

TEST(AgeOn, BeforeAndOnBirthday_Counted) {
  EXPECT_EQ(AgeOn({2000, 6, 15}, {2025, 6, 14}), 24);
  EXPECT_EQ(AgeOn({2000, 6, 15}, {2025, 6, 15}), 25);
  EXPECT_EQ(AddYears({2000, 2, 29}, 25), (CivilDate{2025, 2, 28}));
}

}  // namespace
}  // namespace kiosk::identity
