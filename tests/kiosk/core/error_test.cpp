#include "kiosk/core/error.h"

#include <gtest/gtest.h>

namespace kiosk {
namespace {

TEST(Error, CardRemoved_IsRetriableByDefault) {
  Error e(ErrorCode::kCardRemoved, "The card was removed.");
  EXPECT_TRUE(e.retriable());
  EXPECT_EQ(e.code(), ErrorCode::kCardRemoved);
}

TEST(Error, ParseError_IsNotRetriable) {
  EXPECT_FALSE(Error::Parse("Bad QR code.").retriable());
}

TEST(Error, ExplicitRetry_OverridesDefault) {
  Error e(ErrorCode::kParse, "x", "", Error::Retry::kYes);
  EXPECT_TRUE(e.retriable());
  Error f(ErrorCode::kNetwork, "x", "", Error::Retry::kNo);
  EXPECT_FALSE(f.retriable());
}

TEST(Error, Arguments_FillPlaceholdersInOrder) {
  Error e = Error::InvalidArgument("{0} must be {1}.").WithArg("policy.x").WithArg("a number");
  EXPECT_EQ(e.EnglishMessage(), "policy.x must be a number.");
}

TEST(Error, WithContext_PrependsToDetail) {
  Error e = Error::Io("Cannot read.", "permission denied").WithContext("reading DG2");
  EXPECT_EQ(e.detail(), "reading DG2: permission denied");
  EXPECT_EQ(e.ToLogString(), "io: Cannot read. (reading DG2: permission denied)");
}

TEST(FormatMessage, MissingOrMalformedPlaceholders_AreLeftAsIs) {
  EXPECT_EQ(FormatMessage("a {0} {1} {x} {", {"b"}), "a b {1} {x} {");
  EXPECT_EQ(FormatMessage("{}", {"b"}), "{}");
}

}  // namespace
}  // namespace kiosk
