#include "kiosk/documents/health_insurance.h"

#include <gtest/gtest.h>

namespace kiosk::documents {
namespace {

TEST(ValidateBhytCode, WellFormed_PartsDecoded) {
  auto r = ValidateBhytCode("dn 4 01 0123456789");
  ASSERT_TRUE(r) << r.error().ToLogString();
  EXPECT_EQ(r->code, "DN4010123456789");
  EXPECT_EQ(r->beneficiary_group, "DN");
  EXPECT_EQ(r->benefit_level, 4);
  EXPECT_EQ(r->province_code, "01");
  EXPECT_EQ(r->social_insurance_number, "0123456789");
}

TEST(ValidateBhytCode, Malformed_SpecificReasons) {
  EXPECT_FALSE(ValidateBhytCode("DN401012345678"));    // 14 characters
  EXPECT_FALSE(ValidateBhytCode("D14010123456789"));   // one letter
  EXPECT_FALSE(ValidateBhytCode("DN6010123456789"));   // level 6
  EXPECT_FALSE(ValidateBhytCode("DN0010123456789"));   // level 0
  EXPECT_FALSE(ValidateBhytCode("DN40101234567A9"));
}

// "Nguyễn Văn Thử" and "Hà Nội" as hex UTF-8: a synthetic holder.
constexpr const char* kNameHex = "4e677579e1bb856e2056c4836e205468e1bbad";
constexpr const char* kAddressHex = "48c3a0204ee1bb9969";

std::string Qr(const std::string& tail) {
  return std::string("DN4010123456789|") + kNameHex + "|12/08/1990|1|" + kAddressHex + tail;
}

TEST(ParseBhytQr, FullPayload_Parsed) {
  auto r = ParseBhytQr(Qr("|01001|01/01/2024|31/12/2024|x|y|$"));
  ASSERT_TRUE(r) << r.error().ToLogString();
  EXPECT_EQ(r->code.code, "DN4010123456789");
  EXPECT_EQ(r->full_name, "Nguyễn Văn Thử");
  EXPECT_EQ(r->address, "Hà Nội");
  EXPECT_EQ(r->gender, identity::Gender::kMale);
  EXPECT_EQ(r->clinic_code, "01001");
  EXPECT_EQ(*r->valid_to, (identity::CivilDate{2024, 12, 31}));
  EXPECT_EQ(r->extra_fields.size(), 2u);
}

TEST(ParseBhytQr, ShortPayload_Tolerated) {
  auto r = ParseBhytQr(Qr(""));
  ASSERT_TRUE(r);
  EXPECT_FALSE(r->valid_from);
}

TEST(ParseBhytQr, BadInput_Refused) {
  EXPECT_FALSE(ParseBhytQr(""));
  EXPECT_FALSE(ParseBhytQr("DN4010123456789"));
  EXPECT_FALSE(ParseBhytQr("DN4010123456789|4e6|12/08/1990|1"));       // odd hex
  EXPECT_FALSE(ParseBhytQr("DN4010123456789|zz|12/08/1990|1"));        // not hex
  EXPECT_FALSE(ParseBhytQr("DN4010123456789|ff|12/08/1990|1"));        // not UTF-8
  EXPECT_FALSE(ParseBhytQr(Qr("|01001|31/12/2024|01/01/2024|$")));   // ends before it starts
  EXPECT_FALSE(ParseBhytQr(std::string("DN4010123456789|") + kNameHex + "|31/02/1990|1"));
  auto cccd = ParseBhytQr("001090123456||Nguyễn Văn Thử|12081990|Nam|Hà Nội|01072021");
  ASSERT_FALSE(cccd);
  EXPECT_NE(cccd.error().message_key().find("CCCD"), std::string::npos);
}

}  // namespace
}  // namespace kiosk::documents
