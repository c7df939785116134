#include "kiosk/biometrics/face/face_checks.h"

#include <gtest/gtest.h>

#include <opencv2/core/utility.hpp>

#include "tests/biometrics_data/face_samples.h"

namespace kiosk::biometrics::face {
namespace {

using testdata::FaceSample;
using testdata::FaceSampleFactory;
using testdata::FaceVariant;

class FaceChecksTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    cv::setNumThreads(1);
    factory_ = new std::optional<FaceSampleFactory>(FaceSampleFactory::Create());
  }
  static void TearDownTestSuite() { delete factory_; }

  void SetUp() override {
    if (!factory_->has_value()) GTEST_SKIP() << "opencv-doc is not installed: no painted face to test with";
    auto loaded = FaceChecker::LoadDefault();
    ASSERT_TRUE(loaded.has_value()) << loaded.error().ToLogString();
    checker_.emplace(std::move(*loaded));
  }

  FrameReport Analyze(FaceVariant variant, cv::Size size = {640, 480}) {
    sample_ = (*factory_)->Make(variant, size);
    auto report = checker_->Analyze(sample_.frame);
    EXPECT_TRUE(report.has_value());
    return report.has_value() ? *report : FrameReport{};
  }

  static std::vector<std::string> FailedChecks(const FrameReport& report) {
    std::vector<std::string> failed;
    for (const auto& c : report.checks) {
      if (!c.pass) failed.push_back(c.name);
    }
    return failed;
  }

  static std::optional<FaceSampleFactory>* factory_;
  std::optional<FaceChecker> checker_;
  FaceSample sample_;
};
std::optional<FaceSampleFactory>* FaceChecksTest::factory_ = nullptr;

TEST_F(FaceChecksTest, GoodPortrait_EveryCheckPasses) {
  FrameReport report = Analyze(FaceVariant::kGood);
  EXPECT_EQ(report.faces, 1);
  EXPECT_TRUE(report.Acceptable()) << ::testing::PrintToString(FailedChecks(report));
  EXPECT_EQ(report.checks.size(), 10u);
  ASSERT_TRUE(report.eyes.Both());
  EXPECT_LT(cv::norm(*report.eyes.left - sample_.left_eye), 6);
  EXPECT_LT(cv::norm(*report.eyes.right - sample_.right_eye), 6);
}

TEST_F(FaceChecksTest, GoodPortraitAt720p_EveryCheckPasses) {
  FrameReport report = Analyze(FaceVariant::kGood, {1280, 720});
  EXPECT_TRUE(report.Acceptable()) << ::testing::PrintToString(FailedChecks(report));
}

TEST_F(FaceChecksTest, EmptyPicture_NoFaceFound) {
  FrameReport report = Analyze(FaceVariant::kNoFace);
  EXPECT_EQ(report.faces, 0);
  EXPECT_FALSE(report.Acceptable());
  ASSERT_NE(report.Find("face_count"), nullptr);
  EXPECT_FALSE(report.Find("face_count")->pass);
}

TEST_F(FaceChecksTest, TwoFaces_CountedAndRefused) {
  FrameReport report = Analyze(FaceVariant::kTwoFaces);
  EXPECT_EQ(report.faces, 2);
  EXPECT_FALSE(report.Acceptable());
  EXPECT_EQ(report.Find("face_count")->EnglishMessage(),
            "2 faces found: only the citizen may be in the picture.");
}

// Each defect fails its own check and only that one (the checks do not blame each other).
struct DefectCase {
  FaceVariant variant;
  std::vector<std::string> expected_failures;
  friend void PrintTo(const DefectCase& c, std::ostream* os) { *os << FaceSampleFactory::Name(c.variant); }
};

class FaceDefectTest : public FaceChecksTest, public ::testing::WithParamInterface<DefectCase> {};

TEST_P(FaceDefectTest, Defect_FailsExactlyItsCheck) {
  FrameReport report = Analyze(GetParam().variant);
  EXPECT_EQ(report.faces, 1);
  EXPECT_FALSE(report.Acceptable());
  EXPECT_EQ(FailedChecks(report), GetParam().expected_failures)
      << FaceSampleFactory::Name(GetParam().variant);
  for (const auto& c : report.checks) EXPECT_FALSE(c.EnglishMessage().empty());
}

INSTANTIATE_TEST_SUITE_P(
    SyntheticSet, FaceDefectTest,
    ::testing::Values(
        DefectCase{FaceVariant::kOffCentre, {"centring"}},
        DefectCase{FaceVariant::kTooSmall, {"face_size"}},
        DefectCase{FaceVariant::kBlurred, {"sharpness"}},
        DefectCase{FaceVariant::kEyesClosed, {"roll", "yaw", "eyes_open"}},
        DefectCase{FaceVariant::kTilted, {"roll"}},
        DefectCase{FaceVariant::kBusyBackground, {"background"}},
        DefectCase{FaceVariant::kDarkGlasses, {"roll", "yaw", "eyes_open", "dark_glasses"}}),
    [](const auto& info) { return FaceSampleFactory::Name(info.param.variant); });

TEST_F(FaceChecksTest, OverExposed_ExposureFailsAsTooBright) {
  FrameReport report = Analyze(FaceVariant::kOverExposed);
  ASSERT_NE(report.Find("exposure"), nullptr);
  EXPECT_FALSE(report.Find("exposure")->pass);
  EXPECT_NE(report.Find("exposure")->EnglishMessage().find("too bright"), std::string::npos);
}

TEST_F(FaceChecksTest, TooDark_ExposureSaysTooDark) {
  FrameReport report = Analyze(FaceVariant::kTooDark);
  EXPECT_EQ(report.faces, 1);
  EXPECT_FALSE(report.Find("exposure")->pass);
  EXPECT_NE(report.Find("exposure")->EnglishMessage().find("too dark"), std::string::npos);
}

TEST_F(FaceChecksTest, Tilted_RollMessageGivesTheAngle) {
  FrameReport report = Analyze(FaceVariant::kTilted);
  const Check* roll = report.Find("roll");
  ASSERT_NE(roll, nullptr);
  ASSERT_EQ(roll->args.size(), 1u);
  EXPECT_NEAR(std::stod(roll->args[0]), 20, 3);
}

TEST(FaceCheckerLoad, MissingModel_NotFound) {
  auto loaded = FaceDetector::Load("/nonexistent/models", FaceDetector::DefaultCascadeDir());
  ASSERT_FALSE(loaded.has_value());
  EXPECT_EQ(loaded.error().code(), ErrorCode::kNotFound);
}

TEST(FaceCheckerLoad, EmptyFrame_InvalidArgument) {
  auto loaded = FaceChecker::LoadDefault();
  ASSERT_TRUE(loaded.has_value()) << loaded.error().ToLogString();
  auto report = loaded->Analyze(cv::Mat());
  ASSERT_FALSE(report.has_value());
  EXPECT_EQ(report.error().code(), ErrorCode::kInvalidArgument);
}

}  // namespace
}  // namespace kiosk::biometrics::face
