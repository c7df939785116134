#include <gtest/gtest.h>

#include "kiosk/identity/unicode.h"

namespace kiosk::identity {
namespace {

using Fields = std::vector<std::string>;

TEST(SplitFields, KeepsEmptyFieldsAndTheirPositions) {
  EXPECT_EQ(SplitFields("a|b||c", '|'), (Fields{"a", "b", "", "c"}));
  EXPECT_EQ(SplitFields("|x|", '|'), (Fields{"", "x", ""}));
  EXPECT_EQ(SplitFields("", '|'), (Fields{""}));
  EXPECT_EQ(SplitFields("no separator", '|'), (Fields{"no separator"}));
}

TEST(SplitFields, LeavesVietnameseTextWhole) {
  // Synthetic name with diacritics, NFC and NFD: the separator never splits a character.
  EXPECT_EQ(SplitFields("Trần Thị Mẫu|Nữ", '|'), (Fields{"Trần Thị Mẫu", "Nữ"}));
  const std::string nfd = "Tra\xCC\x82\xCC\x80n|Nu\xCC\x9B\xCC\x83";
  EXPECT_EQ(SplitFields(nfd, '|').size(), 2u);
}

}  // namespace
}  // namespace kiosk::identity
