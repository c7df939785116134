#include "kiosk/identity/keyboard_wedge.h"

#include <gtest/gtest.h>

#include "kiosk/identity/cccd_qr.h"
#include "tests/support/fake_clock.h"

namespace kiosk::identity {
namespace {

using std::chrono::milliseconds;

constexpr const char* kQr =
    "001090123456|123456789|Nguyễn Văn Thử|12081990|Nam|Số 1 Phố Giả, Hà Nội|01072021";

// Types text one UTF-8 character at a time with the given gap between keys.
void Type(KeyboardWedgeReader& reader, testing::FakeClock& clock, std::string_view text,
          milliseconds gap) {
  size_t i = 0;
  while (i < text.size()) {
    size_t length = 1;
    const auto lead = static_cast<unsigned char>(text[i]);
    if (lead >= 0xF0) length = 4;
    else if (lead >= 0xE0) length = 3;
    else if (lead >= 0xC0) length = 2;
    clock.Advance(gap);
    reader.OnText(text.substr(i, length));
    i += length;
  }
}

TEST(KeyboardWedgeReader, ScannerBurstThenEnter_Payload) {
  testing::FakeClock clock;
  KeyboardWedgeReader reader(clock);
  Type(reader, clock, kQr, milliseconds(4));
  clock.Advance(milliseconds(4));
  auto payload = reader.OnEnter();
  ASSERT_TRUE(payload);
  EXPECT_EQ(*payload, kQr);
  EXPECT_TRUE(ParseCccdQr(*payload));
}

TEST(KeyboardWedgeReader, HumanTyping_NotTakenForAScan) {
  testing::FakeClock clock;
  KeyboardWedgeReader reader(clock);
  Type(reader, clock, "001090123456 typed slowly by the officer", milliseconds(180));
  clock.Advance(milliseconds(200));
  EXPECT_FALSE(reader.OnEnter());
}

TEST(KeyboardWedgeReader, HumanKeysBeforeScan_Dropped) {
  testing::FakeClock clock;
  KeyboardWedgeReader reader(clock);
  Type(reader, clock, "abc", milliseconds(150));
  clock.Advance(milliseconds(500));
  Type(reader, clock, kQr, milliseconds(3));
  EXPECT_EQ(reader.OnEnter().value_or(""), kQr);
}

TEST(KeyboardWedgeReader, BurstWithoutEnter_CompletesWhenQuiet) {
  testing::FakeClock clock;
  KeyboardWedgeReader reader(clock);
  Type(reader, clock, kQr, milliseconds(5));
  EXPECT_FALSE(reader.Poll());  // not quiet long enough yet
  clock.Advance(milliseconds(300));
  EXPECT_EQ(reader.Poll().value_or(""), kQr);
  EXPECT_FALSE(reader.Poll());
}

TEST(KeyboardWedgeReader, ShortBurst_Ignored) {
  testing::FakeClock clock;
  KeyboardWedgeReader reader(clock);
  Type(reader, clock, "12345", milliseconds(3));
  EXPECT_FALSE(reader.OnEnter());
}

TEST(ParseCccdQr, WedgeWithoutUnicode_QuestionMarksExplained) {
  auto r = ParseCccdQr("001090123456||Nguy?n V?n Th?|12081990|Nam|H? N?i|01072021");
  ASSERT_FALSE(r);
  EXPECT_NE(r.error().message_key().find("Unicode"), std::string::npos);
}

}  // namespace
}  // namespace kiosk::identity
