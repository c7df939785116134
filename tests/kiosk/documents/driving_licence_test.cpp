#include "kiosk/documents/driving_licence.h"

#include <gtest/gtest.h>

namespace kiosk::documents {
namespace {

TEST(ValidateDrivingLicence, OldAndNewClasses_Valid) {
  auto r = ValidateDrivingLicence("7901 2345 6789", "A1, B2", "01/06/2020", "01/06/2030");
  ASSERT_TRUE(r) << r.error().ToLogString();
  EXPECT_EQ(r->number, "790123456789");
  EXPECT_EQ(r->classes, (std::vector<std::string>{"A1", "B2"}));
  EXPECT_TRUE(ValidateDrivingLicence("790123456789", "C1E D2", "2025-02-01", ""));
  EXPECT_TRUE(ValidateDrivingLicence("790123456789", "fb2", "01022015", "01022025"));
}

TEST(ValidateDrivingLicence, Bad_Refused) {
  EXPECT_FALSE(ValidateDrivingLicence("79012345678", "B2", "01/06/2020", ""));
  EXPECT_FALSE(ValidateDrivingLicence("790123456789", "B3", "01/06/2020", ""));
  EXPECT_FALSE(ValidateDrivingLicence("790123456789", "B2 B2", "01/06/2020", ""));
  EXPECT_FALSE(ValidateDrivingLicence("790123456789", "", "01/06/2020", ""));
  EXPECT_FALSE(ValidateDrivingLicence("790123456789", "B2", "31/06/2020", ""));
  EXPECT_FALSE(ValidateDrivingLicence("790123456789", "B2", "01/06/2020", "01/06/2019"));
}

TEST(ValidateDrivingLicenceLine, NumberOnlyOrFull_Parsed) {
  EXPECT_TRUE(ValidateDrivingLicenceLine("790123456789"));
  EXPECT_TRUE(ValidateDrivingLicenceLine("790123456789;B2;01/06/2020;01/06/2030"));
  EXPECT_FALSE(ValidateDrivingLicenceLine("790123456789;B2"));
}

TEST(IsKnownLicenceClass, Lists_Covered) {
  for (const char* c : {"A1", "A2", "A3", "A4", "B1", "B2", "C", "D", "E", "FB2", "FC", "FD", "FE",
                        "A", "B", "C1", "D1", "D2", "BE", "C1E", "CE", "D1E", "D2E", "DE"}) {
    EXPECT_TRUE(IsKnownLicenceClass(c)) << c;
  }
  EXPECT_FALSE(IsKnownLicenceClass("F"));
  EXPECT_FALSE(IsKnownLicenceClass("A5"));
}

}  // namespace
}  // namespace kiosk::documents
