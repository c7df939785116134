#include "kiosk/sync_port/citizen_status.h"

#include <gtest/gtest.h>

#include "kiosk/core/i18n.h"

namespace kiosk::sync {
namespace {

class CitizenStatusTest : public ::testing::Test {
 protected:
  void TearDown() override { (void)i18n::SetLanguage("en"); }
};

TEST_F(CitizenStatusTest, Vietnamese_WordingOfTheDesk) {
  ASSERT_TRUE(i18n::SetLanguage("vi"));
  EXPECT_EQ(CitizenStatusText(CentralStatus::kReceived, {}), "Đã gửi xử lý hồ sơ");
  EXPECT_EQ(CitizenStatusText(CentralStatus::kProcessing, {}), "Đã gửi xử lý hồ sơ");
  EXPECT_EQ(CitizenStatusText(CentralStatus::kApproved, {}), "Hồ sơ được phê duyệt");
  EXPECT_EQ(CitizenStatusText(CentralStatus::kNotAccepted,
                              "The name does not match the population register."),
            "Hồ sơ không đạt: Họ tên không khớp với cơ sở dữ liệu dân cư.");
}

TEST_F(CitizenStatusTest, English_ReasonKeptWhenUnknown) {
  ASSERT_TRUE(i18n::SetLanguage("en"));
  EXPECT_EQ(CitizenStatusText(CentralStatus::kApproved, {}), "Application approved");
  EXPECT_EQ(CitizenStatusText(CentralStatus::kNotAccepted, "Photo unusable"),
            "Application not accepted: Photo unusable");
  EXPECT_EQ(CitizenStatusText(CentralStatus::kNotAccepted, {}), "Application not accepted");
}

}  // namespace
}  // namespace kiosk::sync
