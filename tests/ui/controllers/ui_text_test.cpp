// UiText: the texts controllers hand their views, rendered in whatever language is current.
#include "ui/controllers/ui_text.h"

#include <gtest/gtest.h>

#include "kiosk/core/i18n.h"

namespace kiosk::ui {
namespace {

class UiTextTest : public ::testing::Test {
 protected:
  void TearDown() override { (void)i18n::SetLanguage("vi"); }
};

TEST_F(UiTextTest, Message_RendersInTheLanguageCurrentAtRendering) {
  const UiText text = UiText::Tr("To capture");
  ASSERT_TRUE(i18n::SetLanguage("vi"));
  EXPECT_EQ(text.Render(), "Chưa lấy");
  ASSERT_TRUE(i18n::SetLanguage("en"));
  EXPECT_EQ(text.Render(), "To capture");
}

TEST_F(UiTextTest, NestedArguments_AreTranslatedLiteralsAreNot) {
  const UiText text = UiText::Tr("Exception: {0} ({1})", {UiText::Tr("Bandaged"), UiText::Literal("Bandaged {0}")});
  ASSERT_TRUE(i18n::SetLanguage("vi"));
  EXPECT_EQ(text.Render(), "Ngoại lệ: Đang băng bó (Bandaged {0})");
  ASSERT_TRUE(i18n::SetLanguage("en"));
  EXPECT_EQ(text.Render(), "Exception: Bandaged (Bandaged {0})");
}

TEST_F(UiTextTest, Error_RendersItsKeyWithItsArguments) {
  ASSERT_TRUE(i18n::SetLanguage("en"));
  const Error error = Error(ErrorCode::kInvalidArgument, "Captured, quality {0}/100").WithArg("72");
  EXPECT_EQ(UiText::Of(error).Render(), error.Message());
  ASSERT_TRUE(i18n::SetLanguage("vi"));
  EXPECT_EQ(UiText::Of(error).Render(), "Đã lấy, chất lượng 72/100");
}

TEST_F(UiTextTest, Lines_SkipEmptyOnesAndKeepBracesOfLiterals) {
  ASSERT_TRUE(i18n::SetLanguage("en"));
  EXPECT_EQ(UiText::Lines({UiText(), UiText::Literal("a {1}"), UiText::Tr("To capture")}).Render(), "a {1}\nTo capture");
  EXPECT_EQ(UiText::Lines({UiText::Literal("only")}).Render(), "only");
  EXPECT_TRUE(UiText::Lines({UiText(), UiText()}).empty());
  EXPECT_TRUE(UiText().Render().empty());
}

}  // namespace
}  // namespace kiosk::ui
