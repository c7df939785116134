#include "drivers/sim/lds/citizen.h"

#include <gtest/gtest.h>

#include "tests/support/temp_dir.h"

namespace kiosk::sim {
namespace {

TEST(Citizen, Default_IsValid) {
  const Citizen citizen = DefaultCitizen();
  EXPECT_TRUE(ValidateCitizen(citizen).has_value());
  EXPECT_EQ(citizen.id_number.size(), 12u);
}

TEST(Citizen, JsonFile_RoundTrips) {
  testing::TempDir dir;
  Citizen original = DefaultCitizen();
  original.spouse = "LÊ THỊ VÍ DỤ";
  const auto file = dir.WriteFile("citizen.json", ToJson(original).dump(2));
  auto loaded = LoadCitizen(file);
  ASSERT_TRUE(loaded.has_value()) << loaded.error().ToLogString();
  EXPECT_EQ(loaded->full_name, original.full_name);
  EXPECT_EQ(loaded->spouse, "LÊ THỊ VÍ DỤ");
  EXPECT_EQ(loaded->expiry_date, original.expiry_date);
}

TEST(Citizen, IdNotMatchingBirthYear_IsRejected) {
  nlohmann::json json = ToJson(DefaultCitizen());
  json["date_of_birth"] = "2001-01-01";
  EXPECT_FALSE(CitizenFromJson(json).has_value());
  json = ToJson(DefaultCitizen());
  json["gender"] = "F";
  EXPECT_FALSE(CitizenFromJson(json).has_value());
  EXPECT_FALSE(CitizenFromJson(nlohmann::json::array()).has_value());
}

TEST(Citizen, MrzText_RemovesVietnameseDiacritics) {
  EXPECT_EQ(ToMrzText("NGUYỄN VĂN MẪU"), "NGUYEN VAN MAU");
  EXPECT_EQ(ToMrzText("Đặng Thị Ánh"), "DANG THI ANH");
  EXPECT_EQ(ToMrzText("Trần-Ơn"), "TRAN ON");
}

}  // namespace
}  // namespace kiosk::sim
