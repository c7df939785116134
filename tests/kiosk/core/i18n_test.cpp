#include "kiosk/core/i18n.h"

#include <gtest/gtest.h>

#include <cstring>

#include "kiosk/core/error.h"

namespace kiosk::i18n {
namespace {

class LanguageTest : public ::testing::Test {
 protected:
  void TearDown() override { (void)SetLanguage("vi"); }
};

TEST_F(LanguageTest, Vietnamese_IsTheDefaultAndTranslatesErrors) {
  ASSERT_TRUE(SetLanguage("vi"));
  EXPECT_EQ(CurrentLanguage(), "vi");
  EXPECT_EQ(tr("Sign in"), "Đăng nhập");
  Error e(ErrorCode::kCardRemoved,
          "The card was removed during reading. Place it on the reader again and retry.");
  EXPECT_NE(e.Message(), e.EnglishMessage());
}

TEST_F(LanguageTest, English_ReturnsTheKey) {
  ASSERT_TRUE(SetLanguage("en"));
  EXPECT_EQ(tr("Sign in"), "Sign in");
}

TEST_F(LanguageTest, UnsupportedLanguage_IsRefusedAndKeepsCurrent) {
  ASSERT_TRUE(SetLanguage("vi"));
  auto r = SetLanguage("fr");
  ASSERT_FALSE(r);
  EXPECT_EQ(r.error().code(), ErrorCode::kInvalidArgument);
  EXPECT_EQ(CurrentLanguage(), "vi");
}

TEST_F(LanguageTest, MissingCatalog_IsAnErrorNotEnglishSilently) {
  auto r = SetLanguage("vi", "/nonexistent");
  ASSERT_FALSE(r);
  EXPECT_EQ(r.error().code(), ErrorCode::kNotFound);
}

TEST(Catalog, UnknownMsgid_FallsBackToItself) {
  Catalog empty;
  EXPECT_EQ(empty.Translate("anything"), "anything");
}

TEST(Catalog, MalformedMo_IsRefused) {
  EXPECT_FALSE(Catalog::ParseMo(""));
  EXPECT_FALSE(Catalog::ParseMo(std::string(40, '\0')));
  // Right magic, but a table pointing past the end.
  std::string bytes(28, '\0');
  uint32_t magic = 0x950412de, count = 1000, off = 20;
  std::memcpy(bytes.data(), &magic, 4);
  std::memcpy(bytes.data() + 8, &count, 4);
  std::memcpy(bytes.data() + 12, &off, 4);
  std::memcpy(bytes.data() + 16, &off, 4);
  EXPECT_FALSE(Catalog::ParseMo(bytes));
}

}  // namespace
}  // namespace kiosk::i18n
