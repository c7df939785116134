#include "kiosk/documents/vehicle.h"

#include <gtest/gtest.h>

namespace kiosk::documents {
namespace {

TEST(ValidatePlate, CarForms_Normalised) {
  EXPECT_EQ(ValidatePlate("30A-123.45")->normalised, "30A-123.45");
  EXPECT_EQ(ValidatePlate("30a 12345")->normalised, "30A-123.45");
  EXPECT_EQ(ValidatePlate("51LD-012.34")->normalised, "51LD-012.34");
  EXPECT_EQ(ValidatePlate("30A-1234")->normalised, "30A-1234");
  EXPECT_EQ(ValidatePlate("30A-123.45")->kind, PlateKind::kCar);
}

TEST(ValidatePlate, MotorbikeForms_Normalised) {
  auto r = ValidatePlate("29-B1 123.45");
  ASSERT_TRUE(r);
  EXPECT_EQ(r->kind, PlateKind::kMotorbike);
  EXPECT_EQ(r->series, "B1");
  EXPECT_EQ(r->number, "12345");
  EXPECT_EQ(ValidatePlate("29B1-12345")->normalised, "29-B1 123.45");
  EXPECT_EQ(ValidatePlate("59 x3 1234")->normalised, "59-X3 1234");
}

TEST(ValidatePlate, Bad_Refused) {
  EXPECT_FALSE(ValidatePlate("10A-123.45"));   // prefix below 11
  EXPECT_FALSE(ValidatePlate("3A-123.45"));
  EXPECT_FALSE(ValidatePlate("30A-123.456"));
  EXPECT_FALSE(ValidatePlate("30-123.45"));
  EXPECT_FALSE(ValidatePlate(""));
  EXPECT_FALSE(ValidatePlate("30ABC-123.45"));
}

}  // namespace
}  // namespace kiosk::documents
