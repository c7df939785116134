#include "ui/controllers/navigation.h"

#include <gtest/gtest.h>

#include "kiosk/core/i18n.h"

namespace kiosk::ui {
namespace {

using enrollment::Step;

TEST(Navigation, Items_ListTheSevenStepsInWizardOrder) {
  ASSERT_TRUE(i18n::SetLanguage("vi"));
  NavigationModel nav({Step::kIdentifyCard});
  auto items = nav.Items();
  ASSERT_EQ(items.size(), 7u);
  EXPECT_EQ(items[0].step, Step::kIdentifyCard);
  EXPECT_EQ(items[0].title, "Nhận diện thẻ");
  EXPECT_TRUE(items[0].available);
  EXPECT_FALSE(items[1].available);
  EXPECT_EQ(items[6].step, Step::kReviewSeal);
}

TEST(Navigation, NextAndBack_StopAtTheEnds) {
  NavigationModel nav;
  EXPECT_FALSE(nav.Back());
  EXPECT_EQ(nav.current(), Step::kIdentifyCard);
  for (int i = 0; i < 6; ++i) EXPECT_TRUE(nav.Next());
  EXPECT_EQ(nav.current(), Step::kReviewSeal);
  EXPECT_FALSE(nav.Next());
  EXPECT_TRUE(nav.Back());
  EXPECT_EQ(nav.current(), Step::kContactConsent);
}

TEST(Navigation, Select_OutOfRange_KeepsCurrent) {
  NavigationModel nav;
  ASSERT_TRUE(nav.Select(3));
  EXPECT_FALSE(nav.Select(7));
  EXPECT_FALSE(nav.Select(-1));
  EXPECT_EQ(nav.current(), Step::kFingerprints);
}

}  // namespace
}  // namespace kiosk::ui
