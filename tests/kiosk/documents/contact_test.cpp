#include "kiosk/documents/contact.h"

#include <gtest/gtest.h>

namespace kiosk::documents {
namespace {

TEST(NormalisePhoneNumber, CommonWritings_E164) {
  EXPECT_EQ(NormalisePhoneNumber("0912 345 678").value(), "+84912345678");
  EXPECT_EQ(NormalisePhoneNumber("091.234.5678").value(), "+84912345678");
  EXPECT_EQ(NormalisePhoneNumber("+84 912345678").value(), "+84912345678");
  EXPECT_EQ(NormalisePhoneNumber("+84 0912345678").value(), "+84912345678");
  EXPECT_EQ(NormalisePhoneNumber("84912345678").value(), "+84912345678");
  EXPECT_EQ(NormalisePhoneNumber("0387654321").value(), "+84387654321");
  EXPECT_EQ(NormalisePhoneNumber("0587654321").value(), "+84587654321");
  EXPECT_EQ(NormalisePhoneNumber("0787654321").value(), "+84787654321");
  EXPECT_EQ(NormalisePhoneNumber("0887654321").value(), "+84887654321");
}

TEST(NormalisePhoneNumber, NotAMobile_Refused) {
  EXPECT_FALSE(NormalisePhoneNumber("0243 123 4567"));  // Hà Nội landline
  EXPECT_FALSE(NormalisePhoneNumber("0612345678"));
  EXPECT_FALSE(NormalisePhoneNumber("091234567"));
  EXPECT_FALSE(NormalisePhoneNumber("09123456789"));
  EXPECT_FALSE(NormalisePhoneNumber("+1 912345678"));
  EXPECT_FALSE(NormalisePhoneNumber("0912a45678"));
  EXPECT_FALSE(NormalisePhoneNumber("01234567890"));  // pre-2018 11-digit
  EXPECT_FALSE(NormalisePhoneNumber(""));
}

TEST(ValidateEmail, Pragmatic_Accepts) {
  EXPECT_EQ(ValidateEmail("thu.nguyen+kiosk@Example.VN").value(), "thu.nguyen+kiosk@example.vn");
  EXPECT_TRUE(ValidateEmail("a@b.co"));
  EXPECT_TRUE(ValidateEmail("o'neil@mail.gov.vn"));
}

TEST(ValidateEmail, Malformed_Refused) {
  for (const char* bad : {"", "plain", "@x.vn", "a@", "a@vn", "a..b@x.vn", ".a@x.vn", "a.@x.vn",
                          "a@-x.vn", "a@x-.vn", "a@x..vn", "a@x.v", "a@x.v1", "a b@x.vn",
                          "a@x_y.vn", "\"q\"@x.vn"}) {
    EXPECT_FALSE(ValidateEmail(bad)) << bad;
  }
}

}  // namespace
}  // namespace kiosk::documents
