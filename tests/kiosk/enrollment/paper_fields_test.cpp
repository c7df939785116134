#include "kiosk/documents/paper.h"

#include <gtest/gtest.h>

namespace kiosk::documents {
namespace {

TEST(ValidatePaperFields, DrivingLicence_Normalised) {
  auto r = ValidatePaperFields(PaperType::kDrivingLicence,
                               {{"number", "7901 2345 6789"}, {"classes", "a1 b2"},
                                {"issue_date", "01/06/2020"}, {"expiry", "01062030"}});
  ASSERT_TRUE(r) << r.error().ToLogString();
  EXPECT_EQ(r->at("classes"), "A1,B2");
  EXPECT_EQ(r->at("expiry"), "2030-06-01");
}

TEST(ValidatePaperFields, MissingRequiredOrUnknownField_Refused) {
  EXPECT_FALSE(ValidatePaperFields(PaperType::kVehicleRegistration, {{"plate", "30A-123.45"}}));
  EXPECT_FALSE(ValidatePaperFields(PaperType::kTaxCode, {{"tax_code", "0312345673"}, {"x", "1"}}));
  EXPECT_TRUE(ValidatePaperFields(PaperType::kVehicleRegistration,
                                  {{"plate", "29b1 12345"}, {"owner_name", "Trần Thị Thử"}}));
}

TEST(ValidatePaperFields, BadKeyField_ErrorNamesField) {
  auto r = ValidatePaperFields(PaperType::kTaxCode, {{"tax_code", "0312345674"}});
  ASSERT_FALSE(r);
  EXPECT_EQ(r.error().detail(), "tax_code");
}

TEST(PaperType, Names_RoundTrip) {
  for (auto t : {PaperType::kDrivingLicence, PaperType::kHealthInsurance,
                 PaperType::kVehicleRegistration, PaperType::kTaxCode}) {
    EXPECT_EQ(ParsePaperType(ToString(t)), t);
  }
  EXPECT_FALSE(ParsePaperType("passport"));
}

}  // namespace
}  // namespace kiosk::documents
