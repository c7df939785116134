#include "kiosk/biometrics/finger/finger_quality.h"

#include <gtest/gtest.h>

#include <chrono>
#include <map>

#include "tests/biometrics_data/finger_samples.h"

namespace kiosk::biometrics::finger {
namespace {

using testdata::FingerVariant;

// Generating a print takes a moment: make each variant once for the whole suite.
const cv::Mat& Print(FingerVariant variant) {
  static std::map<FingerVariant, cv::Mat> cache;
  auto it = cache.find(variant);
  if (it == cache.end()) it = cache.emplace(variant, testdata::MakeFingerprint(variant)).first;
  return it->second;
}

std::vector<std::string> Codes(const FingerQuality& q) {
  std::vector<std::string> codes;
  for (const auto& f : q.feedback) codes.push_back(f.code);
  return codes;
}

TEST(FingerQuality, GoodPrint_HighScoreAndAccepted) {
  FingerQuality q = ScoreFingerprint(Print(FingerVariant::kGood));
  EXPECT_GE(q.score, 80);
  EXPECT_TRUE(q.acceptable);
  EXPECT_EQ(Codes(q), std::vector<std::string>{"good"});
  EXPECT_GT(q.coherence, 0.7);
}

TEST(FingerQuality, Blank_NoFingerAndZero) {
  FingerQuality q = ScoreFingerprint(Print(FingerVariant::kBlank));
  EXPECT_LE(q.score, 5);
  EXPECT_FALSE(q.acceptable);
  EXPECT_EQ(Codes(q), std::vector<std::string>{"no_finger"});
}

TEST(FingerQuality, Partial_PressHarderAndCentre) {
  FingerQuality q = ScoreFingerprint(Print(FingerVariant::kPartial));
  EXPECT_LT(q.score, 40);
  EXPECT_FALSE(q.acceptable);
  EXPECT_EQ(Codes(q), (std::vector<std::string>{"press_harder", "centre"}));
}

TEST(FingerQuality, OffCentre_AskedToCentre) {
  FingerQuality q = ScoreFingerprint(Print(FingerVariant::kOffCentre));
  EXPECT_FALSE(q.acceptable);
  EXPECT_EQ(Codes(q), std::vector<std::string>{"centre"});
  EXPECT_GT(q.centre_offset.x, 0.2);
}

TEST(FingerQuality, Smudged_TooWetAndLowerScore) {
  FingerQuality good = ScoreFingerprint(Print(FingerVariant::kGood));
  FingerQuality q = ScoreFingerprint(Print(FingerVariant::kSmudged));
  EXPECT_FALSE(q.acceptable);
  EXPECT_EQ(Codes(q).front(), "too_wet");
  EXPECT_LT(q.score, good.score - 20);
}

TEST(FingerQuality, Dry_TooDryAndLowerScore) {
  FingerQuality q = ScoreFingerprint(Print(FingerVariant::kDry));
  EXPECT_FALSE(q.acceptable);
  EXPECT_EQ(Codes(q).front(), "too_dry");
  EXPECT_LT(q.score, 70);
}

TEST(FingerQuality, ScoreOrder_GoodAboveEveryDefect) {
  const int good = ScoreFingerprint(Print(FingerVariant::kGood)).score;
  for (auto v : {FingerVariant::kSmudged, FingerVariant::kDry, FingerVariant::kPartial, FingerVariant::kBlank}) {
    EXPECT_LT(ScoreFingerprint(Print(v)).score, good) << testdata::FingerVariantName(v);
  }
}

TEST(FingerQuality, EmptyImage_NoFinger) {
  FingerQuality q = ScoreFingerprint(cv::Mat());
  EXPECT_EQ(q.score, 0);
  EXPECT_EQ(Codes(q), std::vector<std::string>{"no_finger"});
}

TEST(FingerQuality, FiveHundredPpiImage_ScoredWellUnder150ms) {
  const cv::Mat& print = Print(FingerVariant::kGood);
  ScoreFingerprint(print);  // warm-up
  auto start = std::chrono::steady_clock::now();
  ScoreFingerprint(print);
  auto elapsed = std::chrono::steady_clock::now() - start;
  EXPECT_LT(elapsed, std::chrono::milliseconds(150));
}

TEST(FingerQuality, Feedback_HasTranslatableMessages) {
  for (auto v : testdata::AllFingerVariants()) {
    for (const auto& f : ScoreFingerprint(Print(v)).feedback) {
      EXPECT_FALSE(f.message_key.empty());
      EXPECT_FALSE(f.Message().empty());
    }
  }
}

}  // namespace
}  // namespace kiosk::biometrics::finger
