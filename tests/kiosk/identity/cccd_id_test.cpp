#include "kiosk/identity/cccd_id.h"

#include <gtest/gtest.h>

#include "kiosk/identity/province.h"

namespace kiosk::identity {
namespace {

// Synthetic IDs: valid province codes and century digits, serials that belong to nobody.
TEST(ValidateCccdId, MaleBornIn1990InHanoi_Decoded) {
  auto id = ValidateCccdId("001090123456");
  ASSERT_TRUE(id) << id.error().ToLogString();
  EXPECT_EQ(id->province_code, 1);
  EXPECT_EQ(id->province_name, "Hà Nội");
  EXPECT_EQ(id->gender, Gender::kMale);
  EXPECT_EQ(id->birth_year, 1990);
  EXPECT_EQ(id->DocumentNumber(), "090123456");
  EXPECT_EQ(id->CardAccessNumber(), "123456");
}

TEST(ValidateCccdId, FemaleBornIn2001_Decoded) {
  auto id = ValidateCccdId("079 301 000 123");
  ASSERT_TRUE(id);
  EXPECT_EQ(id->digits, "079301000123");
  EXPECT_EQ(id->province_name, "Hồ Chí Minh");
  EXPECT_EQ(id->gender, Gender::kFemale);
  EXPECT_EQ(id->birth_year, 2001);
}

TEST(ValidateCccdId, WrongLength_Refused) {
  auto r = ValidateCccdId("00109012345");
  ASSERT_FALSE(r);
  EXPECT_EQ(r.error().args().at(0), "11");
  EXPECT_FALSE(ValidateCccdId("0010901234567"));
  EXPECT_FALSE(ValidateCccdId(""));
}

TEST(ValidateCccdId, LettersInside_Refused) {
  EXPECT_FALSE(ValidateCccdId("00109012345A"));
}

TEST(ValidateCccdId, UnknownProvince_Refused) {
  auto r = ValidateCccdId("003090123456");  // 003 is not assigned
  ASSERT_FALSE(r);
  EXPECT_EQ(r.error().args().at(0), "003");
  EXPECT_FALSE(ValidateCccdId("097090123456"));
  EXPECT_FALSE(ValidateCccdId("000090123456"));
}

TEST(ValidateCccdId, BirthYearDisagreesWithDob_Refused) {
  EXPECT_TRUE(ValidateCccdId("001090123456", {CivilDate{1990, 5, 1}, Gender::kMale}));
  EXPECT_FALSE(ValidateCccdId("001090123456", {CivilDate{1991, 5, 1}, std::nullopt}));
  // Right two digits, wrong century: 2 encodes 2000–2099.
  EXPECT_FALSE(ValidateCccdId("001290123456", {CivilDate{1990, 5, 1}, std::nullopt}));
}

TEST(ValidateCccdId, GenderDisagrees_Refused) {
  EXPECT_FALSE(ValidateCccdId("001090123456", {std::nullopt, Gender::kFemale}));
  EXPECT_FALSE(ValidateCccdId("001190123456", {std::nullopt, Gender::kMale}));
}

TEST(Provinces, OfficialList_Has63Codes) {
  EXPECT_EQ(AllProvinces().size(), 63u);
  EXPECT_EQ(FindProvince(96)->name, "Cà Mau");
  EXPECT_FALSE(FindProvince(3));
}

TEST(CccdExpiry, IssuedAt20_ExpiresAt25) {
  auto e = CccdExpiry({2001, 4, 10}, {2021, 7, 1});
  ASSERT_TRUE(e);
  EXPECT_EQ(*e, (CivilDate{2026, 4, 10}));
}

TEST(CccdExpiry, IssuedWithinTwoYearsOf25_ExpiresAt40) {
  EXPECT_EQ(*CccdExpiry({2000, 4, 10}, {2023, 5, 1}), (CivilDate{2040, 4, 10}));
}

TEST(CccdExpiry, IssuedAt45_ExpiresAt60) {
  EXPECT_EQ(*CccdExpiry({1970, 1, 2}, {2015, 1, 2}), (CivilDate{2030, 1, 2}));
}

TEST(CccdExpiry, IssuedAt58OrLater_NoExpiry) {
  EXPECT_FALSE(CccdExpiry({1960, 1, 2}, {2018, 6, 1}));
  EXPECT_FALSE(CccdExpiry({1950, 1, 2}, {2021, 6, 1}));
}

TEST(MrzCheckDigit, Icao9303Example_Matches) {
  // ICAO 9303 part 3 examples: document number L898902C3 → 6, dates 740812 → 2, 120415 → 9.
  EXPECT_EQ(MrzCheckDigit("L898902C3"), 6);
  EXPECT_EQ(MrzCheckDigit("740812"), 2);
  EXPECT_EQ(MrzCheckDigit("120415"), 9);
}

TEST(DeriveChipAccessKey, CccdId_UsesLastNineDigits) {
  auto id = ValidateCccdId("001090123456").value();
  auto key = DeriveChipAccessKey(id, {1990, 8, 12}, {2030, 8, 12});
  EXPECT_EQ(key.document_number, "090123456");
  const std::string info = key.MrzInformation();
  ASSERT_EQ(info.size(), 9u + 1 + 6 + 1 + 6 + 1);
  EXPECT_EQ(info.substr(0, 9), "090123456");
  EXPECT_EQ(info.substr(10, 6), "900812");
  EXPECT_EQ(info.substr(17, 6), "300812");
}

TEST(ParseGender, CardWords_Recognised) {
  EXPECT_EQ(ParseGender("Nam"), Gender::kMale);
  EXPECT_EQ(ParseGender("Nữ"), Gender::kFemale);
  EXPECT_FALSE(ParseGender("X"));
}

}  // namespace
}  // namespace kiosk::identity
