#include "kiosk/documents/tax_code.h"

#include <gtest/gtest.h>

namespace kiosk::documents {
namespace {

TEST(ValidateTaxCode, TenDigitsWithRightCheckDigit_Valid) {
  auto r = ValidateTaxCode("0312345673");
  ASSERT_TRUE(r) << r.error().ToLogString();
  EXPECT_EQ(r->kind, TaxCodeKind::kOrganisation);
  EXPECT_TRUE(ValidateTaxCode("4809876542"));
  EXPECT_TRUE(ValidateTaxCode("0300 000 018"));
}

TEST(ValidateTaxCode, WrongCheckDigit_Refused) {
  auto r = ValidateTaxCode("0312345674");
  ASSERT_FALSE(r);
  EXPECT_NE(r.error().message_key().find("check digit"), std::string::npos);
  EXPECT_FALSE(ValidateTaxCode("4809876541"));
}

TEST(ValidateTaxCode, SumDivisibleBy11_NoValidCheckDigit) {
  EXPECT_FALSE(TaxCodeCheckDigit("010000123"));
  for (char last = '0'; last <= '9'; ++last) {
    EXPECT_FALSE(ValidateTaxCode(std::string("010000123") + last));
  }
}

TEST(ValidateTaxCode, SerialAllZero_Refused) {
  // 010000000 has a computable check digit (3) but digits 3–9 are all zero.
  auto r = ValidateTaxCode("0100000003");
  ASSERT_FALSE(r);
  EXPECT_NE(r.error().message_key().find("zero"), std::string::npos);
}

TEST(ValidateTaxCode, BranchForm_Normalised) {
  auto r = ValidateTaxCode("0312345673-001");
  ASSERT_TRUE(r);
  EXPECT_EQ(r->kind, TaxCodeKind::kBranch);
  EXPECT_EQ(r->parent, "0312345673");
  EXPECT_EQ(r->branch, "001");
  EXPECT_EQ(ValidateTaxCode("0312345673002")->normalised, "0312345673-002");
  EXPECT_FALSE(ValidateTaxCode("0312345673-000"));
  EXPECT_FALSE(ValidateTaxCode("0312345673-01"));
  EXPECT_FALSE(ValidateTaxCode("0312345674-001"));  // parent's check digit wrong
}

TEST(ValidateTaxCode, IndividualTwelveDigits_OnlyWhenEqualToId) {
  EXPECT_FALSE(ValidateTaxCode("001090123456"));
  EXPECT_TRUE(ValidateTaxCode("001090123456", std::string_view("001090123456")));
  EXPECT_FALSE(ValidateTaxCode("001090123457", std::string_view("001090123456")));
  EXPECT_EQ(ValidateTaxCode("001090123456", std::string_view("001090123456"))->kind,
            TaxCodeKind::kIndividualId);
}

TEST(ValidateTaxCode, WrongLengthOrLetters_Refused) {
  EXPECT_FALSE(ValidateTaxCode("031234567"));
  EXPECT_FALSE(ValidateTaxCode("03123456733"));
  EXPECT_FALSE(ValidateTaxCode("03123A5673"));
  EXPECT_FALSE(ValidateTaxCode(""));
}

}  // namespace
}  // namespace kiosk::documents
