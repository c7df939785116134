#include "kiosk/core/result.h"

#include <gtest/gtest.h>

#include <memory>
#include <string>

namespace kiosk {
namespace {

Result<int> Half(int v) {
  if (v % 2 != 0) return Fail(Error::InvalidArgument("odd"));
  return v / 2;
}

TEST(Result, Value_HoldsValue) {
  Result<int> r = Half(8);
  ASSERT_TRUE(r.has_value());
  EXPECT_TRUE(static_cast<bool>(r));
  EXPECT_EQ(*r, 4);
  EXPECT_EQ(r.value(), 4);
}

TEST(Result, Error_HoldsErrorAndValueThrows) {
  Result<int> r = Half(3);
  ASSERT_FALSE(r.has_value());
  EXPECT_EQ(r.error().message_key(), "odd");
  EXPECT_THROW((void)r.value(), bad_expected_access<Error>);
  EXPECT_EQ(r.value_or(-1), -1);
}

TEST(Result, AndThen_ChainsAndShortCircuits) {
  auto quarter = Half(8).and_then(Half);
  ASSERT_TRUE(quarter);
  EXPECT_EQ(*quarter, 2);
  auto failed = Half(6).and_then(Half);
  ASSERT_FALSE(failed);
  EXPECT_EQ(failed.error().message_key(), "odd");
}

TEST(Result, Transform_MapsValue) {
  auto text = Half(10).transform([](int v) { return std::to_string(v); });
  static_assert(std::is_same_v<decltype(text), Result<std::string>>);
  EXPECT_EQ(*text, "5");
}

TEST(Result, OrElse_RecoversFromError) {
  auto recovered = Half(3).or_else([](const Error&) -> Result<int> { return 0; });
  EXPECT_EQ(*recovered, 0);
}

TEST(Result, MoveOnlyValue_IsSupported) {
  Result<std::unique_ptr<int>> r = std::make_unique<int>(7);
  std::unique_ptr<int> p = std::move(r).value();
  EXPECT_EQ(*p, 7);
}

TEST(Result, Void_SuccessAndFailure) {
  Result<void> ok;
  EXPECT_TRUE(ok);
  Result<void> bad = Fail(Error::Cancelled());
  ASSERT_FALSE(bad);
  EXPECT_EQ(bad.error().code(), ErrorCode::kCancelled);
  EXPECT_THROW(bad.value(), bad_expected_access<Error>);
}

}  // namespace
}  // namespace kiosk
