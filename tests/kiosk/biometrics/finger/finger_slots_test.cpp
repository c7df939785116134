#include "kiosk/biometrics/finger/finger_slots.h"

#include <gtest/gtest.h>

namespace kiosk::biometrics::finger {
namespace {

FingerQuality Quality(int score) {
  FingerQuality q;
  q.score = score;
  q.acceptable = score >= 40;
  return q;
}

SecretBytes Image(uint8_t marker) { return SecretBytes(&marker, 1); }

TEST(FingerSlots, Default_BothThumbsAndIndexFingers) {
  FingerSlots slots;
  ASSERT_EQ(slots.slots().size(), 4u);
  EXPECT_NE(slots.Find(Finger::kRightThumb), nullptr);
  EXPECT_NE(slots.Find(Finger::kLeftIndex), nullptr);
  EXPECT_EQ(slots.Find(Finger::kLeftLittle), nullptr);
  EXPECT_FALSE(slots.Complete());
}

TEST(FingerSlots, FingerNames_RoundTrip) {
  for (int i = 1; i <= 10; ++i) {
    auto finger = static_cast<Finger>(i);
    EXPECT_EQ(ParseFinger(ToString(finger)), finger);
  }
  EXPECT_FALSE(ParseFinger("right_toe").has_value());
  EXPECT_EQ(ParseFingerException("bandaged"), FingerException::kBandaged);
  EXPECT_EQ(ParseFingerException("unreadable"), FingerException::kUnreadable);
  EXPECT_FALSE(ParseFingerException("temporarily_unusable").has_value());
}

TEST(FingerSlots, GoodAttempt_Accepted) {
  FingerSlots slots({Finger::kRightThumb});
  auto status = slots.RecordAttempt(Finger::kRightThumb, Quality(85), Image(1));
  ASSERT_TRUE(status.has_value());
  EXPECT_EQ(*status, SlotStatus::kAccepted);
  EXPECT_TRUE(slots.Complete());
  EXPECT_FALSE(slots.RecordAttempt(Finger::kRightThumb, Quality(90), Image(2)).has_value());
}

TEST(FingerSlots, ThreePoorAttempts_NeedDecisionAndKeepTheBest) {
  FingerSlots slots({Finger::kLeftIndex});
  EXPECT_EQ(*slots.RecordAttempt(Finger::kLeftIndex, Quality(20), Image(1)), SlotStatus::kPending);
  EXPECT_EQ(*slots.RecordAttempt(Finger::kLeftIndex, Quality(35), Image(2)), SlotStatus::kPending);
  EXPECT_EQ(*slots.RecordAttempt(Finger::kLeftIndex, Quality(30), Image(3)), SlotStatus::kNeedsDecision);
  auto fourth = slots.RecordAttempt(Finger::kLeftIndex, Quality(90), Image(4));
  ASSERT_FALSE(fourth.has_value());
  EXPECT_EQ(fourth.error().code(), ErrorCode::kPolicyViolation);

  const FingerSlot* slot = slots.Find(Finger::kLeftIndex);
  EXPECT_EQ(slot->best_attempt, 1u);
  EXPECT_EQ(slot->best_image.data()[0], 2);

  EXPECT_FALSE(slots.KeepBestAttempt(Finger::kLeftIndex, "").has_value());  // needs the officer
  ASSERT_TRUE(slots.KeepBestAttempt(Finger::kLeftIndex, "officer-7").has_value());
  EXPECT_EQ(slot->status, SlotStatus::kAccepted);
  EXPECT_TRUE(slot->kept_below_threshold);
  EXPECT_TRUE(slots.Complete());
}

TEST(FingerSlots, Exception_NeedsOfficerAndNote) {
  FingerSlots slots({Finger::kRightIndex, Finger::kRightThumb});
  EXPECT_FALSE(slots.RecordException(Finger::kRightIndex, FingerException::kAmputated, "lost at work", "").has_value());
  EXPECT_FALSE(slots.RecordException(Finger::kRightIndex, FingerException::kAmputated, "  ", "officer-7").has_value());
  ASSERT_TRUE(slots.RecordException(Finger::kRightIndex, FingerException::kAmputated, "lost at work", "officer-7").has_value());
  const FingerSlot* slot = slots.Find(Finger::kRightIndex);
  EXPECT_EQ(slot->status, SlotStatus::kException);
  EXPECT_EQ(slot->exception, FingerException::kAmputated);
  EXPECT_EQ(slot->confirmed_by, "officer-7");
  EXPECT_FALSE(slots.Complete());  // the thumb is still pending
  ASSERT_TRUE(slots.RecordException(Finger::kRightThumb, FingerException::kBandaged,
                                    "burn dressing, back in two weeks", "officer-7").has_value());
  EXPECT_TRUE(slots.Complete());
}

TEST(FingerSlots, ExceptionAfterPoorAttempts_DropsTheImage) {
  FingerSlots slots({Finger::kLeftThumb}, SlotPolicy{.max_attempts = 1});
  slots.RecordAttempt(Finger::kLeftThumb, Quality(10), Image(9));
  ASSERT_TRUE(slots.RecordException(Finger::kLeftThumb, FingerException::kBandaged, "cut", "officer-7").has_value());
  EXPECT_TRUE(slots.Find(Finger::kLeftThumb)->best_image.empty());
}

TEST(FingerSlots, Reset_RedoesAnAcceptedFingerWithEveryAttempt) {
  FingerSlots slots({Finger::kLeftThumb}, SlotPolicy{.max_attempts = 2});
  ASSERT_TRUE(slots.RecordAttempt(Finger::kLeftThumb, Quality(80), Image(1)).has_value());
  EXPECT_FALSE(slots.RecordException(Finger::kLeftThumb, FingerException::kBandaged, "cut", "officer-7").has_value());
  ASSERT_TRUE(slots.Reset(Finger::kLeftThumb).has_value());
  const FingerSlot* slot = slots.Find(Finger::kLeftThumb);
  EXPECT_EQ(slot->status, SlotStatus::kPending);
  EXPECT_TRUE(slot->attempts.empty());
  EXPECT_TRUE(slot->best_image.empty());
  EXPECT_EQ(*slots.RecordAttempt(Finger::kLeftThumb, Quality(10), Image(2)), SlotStatus::kPending);
  EXPECT_FALSE(slots.Reset(Finger::kLeftLittle).has_value());
}

TEST(FingerSlots, FingerNotRequired_Refused) {
  FingerSlots slots;
  EXPECT_FALSE(slots.RecordAttempt(Finger::kLeftRing, Quality(90), Image(1)).has_value());
}

}  // namespace
}  // namespace kiosk::biometrics::finger
