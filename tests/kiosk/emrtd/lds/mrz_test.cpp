#include "kiosk/emrtd/lds/mrz.h"

#include <gtest/gtest.h>

namespace kiosk::emrtd {
namespace {

// ICAO Doc 9303 part 3/4/5 worked examples (the fictitious "UTO" state).
constexpr const char* kTd3 =
    "P<UTOERIKSSON<<ANNA<MARIA<<<<<<<<<<<<<<<<<<<\n"
    "L898902C36UTO7408122F1204159ZE184226B<<<<<10";
constexpr const char* kTd1 =
    "I<UTOD231458907<<<<<<<<<<<<<<<\n"
    "7408122F1204159UTO<<<<<<<<<<<6\n"
    "ERIKSSON<<ANNA<MARIA<<<<<<<<<<";

TEST(Mrz, CheckDigit_IcaoWorkedExamples) {
  EXPECT_EQ(MrzCheckDigit("L898902C3"), 6);
  EXPECT_EQ(MrzCheckDigit("740812"), 2);
  EXPECT_EQ(MrzCheckDigit("120415"), 9);
  EXPECT_EQ(MrzCheckDigit("ZE184226B<<<<<"), 1);
  EXPECT_EQ(MrzCheckDigit("D23145890"), 7);
  EXPECT_EQ(MrzCheckDigit("<<<<"), 0);
  EXPECT_EQ(MrzCheckDigit("ab"), -1);
}

TEST(Mrz, Td3_ParsesWorkedExample) {
  auto mrz = ParseMrz(kTd3);
  ASSERT_TRUE(mrz.has_value()) << mrz.error().ToLogString();
  EXPECT_EQ(mrz->format, MrzFormat::kTd3);
  EXPECT_EQ(mrz->document_number, "L898902C3");
  EXPECT_EQ(mrz->date_of_birth, "740812");
  EXPECT_EQ(mrz->date_of_expiry, "120415");
  EXPECT_EQ(mrz->sex, 'F');
  EXPECT_EQ(mrz->nationality, "UTO");
  EXPECT_EQ(mrz->primary_identifier, "ERIKSSON");
  EXPECT_EQ(mrz->secondary_identifier, "ANNA MARIA");
  EXPECT_EQ(mrz->optional_data1, "ZE184226B");
}

TEST(Mrz, Td1_ParsesWorkedExample) {
  auto mrz = ParseMrz(kTd1);
  ASSERT_TRUE(mrz.has_value()) << mrz.error().ToLogString();
  EXPECT_EQ(mrz->format, MrzFormat::kTd1);
  EXPECT_EQ(mrz->document_code, "I<");
  EXPECT_EQ(mrz->document_number, "D23145890");
  EXPECT_EQ(mrz->date_of_birth, "740812");
  EXPECT_EQ(mrz->date_of_expiry, "120415");
  EXPECT_EQ(mrz->secondary_identifier, "ANNA MARIA");
  EXPECT_EQ(mrz->lines.size(), 3u);
}

TEST(Mrz, Td1_ConcatenatedDg1Form_Parses) {
  std::string joined = kTd1;
  std::erase(joined, '\n');
  EXPECT_TRUE(ParseMrz(joined).has_value());
}

TEST(Mrz, WrongCheckDigit_FailsNamingField) {
  std::string text = kTd3;
  text[44 + 1 + 9] = '7';  // document number check digit
  auto mrz = ParseMrz(text);
  ASSERT_FALSE(mrz.has_value());
  EXPECT_NE(mrz.error().detail().find("document number"), std::string::npos);

  std::string td1 = kTd1;
  td1[31 + 29] = '5';  // composite
  EXPECT_FALSE(ParseMrz(td1).has_value());
}

TEST(Mrz, WrongShape_Fails) {
  EXPECT_FALSE(ParseMrz("").has_value());
  EXPECT_FALSE(ParseMrz("ABC\nDEF").has_value());
  EXPECT_FALSE(ParseMrz("i<UTO").has_value());
}

TEST(Mrz, Td1_LongDocumentNumber_IsJoined) {
  // Document number D23145890AB: 9 chars in place, '<' check position, "AB" + cd in optional.
  const std::string number = "D23145890AB";
  std::string line1 = "I<UTOD23145890<AB";
  line1.push_back(MrzCheckDigitChar(number));
  line1.resize(30, '<');
  std::string line2 = "7408122F1204159UTO<<<<<<<<<<<";
  const std::string composite = line1.substr(5, 25) + line2.substr(0, 7) + line2.substr(8, 7) +
                                line2.substr(18, 11);
  line2.push_back(MrzCheckDigitChar(composite));
  auto mrz = ParseMrz(line1 + "\n" + line2 + "\nERIKSSON<<ANNA<MARIA<<<<<<<<<<");
  ASSERT_TRUE(mrz.has_value()) << mrz.error().ToLogString();
  EXPECT_EQ(mrz->document_number, number);
}

TEST(MrzAccessKey, FromCccdId_UsesLastNineDigits) {
  auto key = MrzAccessKey::FromCccdId("001095012345", "1995-03-14", "14/03/2035");
  ASSERT_TRUE(key.has_value()) << key.error().ToLogString();
  EXPECT_EQ(key->ToString(), "095012345:950314:350314");
  EXPECT_FALSE(MrzAccessKey::FromCccdId("00109501234", "950314", "350314").has_value());
}

TEST(MrzAccessKey, Parse_RoundTripsAndRejectsBadDates) {
  auto key = MrzAccessKey::Parse("l898902c3:740812:120415");
  ASSERT_TRUE(key.has_value());
  EXPECT_EQ(key->document_number, "L898902C3");
  EXPECT_EQ(std::string(key->KeySeedInput().view()), "L898902C367408122120415" "9");
  EXPECT_FALSE(MrzAccessKey::Parse("L898902C3:7408:120415").has_value());
  EXPECT_FALSE(MrzAccessKey::Parse("L898902C3:740812").has_value());
  EXPECT_FALSE(MrzAccessKey::Parse(":740812:120415").has_value());
  EXPECT_TRUE(MrzAccessKey::Parse("095012345:950314:<<<<<<").has_value());
  EXPECT_FALSE(MrzAccessKey::Parse("095012345:950314:<<<<").has_value());
}

TEST(MrzAccessKey, KeySeedInput_PadsShortNumbers) {
  MrzAccessKey key{"AB12", "740812", "120415"};
  const std::string expected = std::string("AB12<<<<<") + MrzCheckDigitChar("AB12<<<<<") +
                               "7408122" "1204159";
  EXPECT_EQ(std::string(key.KeySeedInput().view()), expected);
}

TEST(CccdId, CenturyGenderRule_IsChecked) {
  EXPECT_TRUE(ValidateCccdId("001095012345", 1995, 'M').has_value());
  EXPECT_FALSE(ValidateCccdId("001095012345", 1995, 'F').has_value());
  EXPECT_TRUE(ValidateCccdId("079303012345", 2003, 'F').has_value());
  EXPECT_FALSE(ValidateCccdId("079303012345", 1903, 'F').has_value());
  EXPECT_FALSE(ValidateCccdId("079303012345", 2004).has_value());
  EXPECT_FALSE(ValidateCccdId("07930301234X").has_value());
}

}  // namespace
}  // namespace kiosk::emrtd
