#include "kiosk/biometrics/face/face_checks.h"

#include <gtest/gtest.h>

#include <cstdio>

#include <opencv2/core/utility.hpp>
#include <opencv2/imgproc.hpp>
#include <opencv2/videoio.hpp>

#include "drivers/sim/camera/synthetic_face.h"
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
  EXPECT_EQ(report.checks.size(), 11u);
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
        DefectCase{FaceVariant::kDarkGlasses, {"roll", "yaw", "eyes_open", "dark_glasses"}},
        DefectCase{FaceVariant::kMask, {"mask"}},
        DefectCase{FaceVariant::kWhiteMask, {"mask"}}),
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

TEST_F(FaceChecksTest, HeuristicChecks_SayTheyAreHeuristic) {
  for (FaceVariant variant : {FaceVariant::kGood, FaceVariant::kMask, FaceVariant::kDarkGlasses}) {
    FrameReport report = Analyze(variant);
    for (const char* name : {"mask", "dark_glasses"}) {
      ASSERT_NE(report.Find(name), nullptr) << name;
      EXPECT_NE(report.Find(name)->EnglishMessage().find("heuristic"), std::string::npos)
          << FaceSampleFactory::Name(variant) << ": " << report.Find(name)->EnglishMessage();
    }
  }
  FrameReport masked = Analyze(FaceVariant::kMask);
  EXPECT_EQ(masked.Find("mask")->EnglishMessage(),
            "Mask or face covering suspected (heuristic check): uncover the nose, mouth and chin.");
}

// The painted set on a grey frame: no colour, so the mask check judges lightness only. A white
// mask still differs from the skin; the bare face still passes.
TEST_F(FaceChecksTest, GreyFrame_MaskCheckOnLightnessOnly) {
  auto grey = [this](FaceVariant variant) {
    cv::Mat frame;
    cv::cvtColor((*factory_)->Make(variant).frame, frame, cv::COLOR_BGR2GRAY);
    auto report = checker_->Analyze(frame);
    EXPECT_TRUE(report.has_value());
    return report.has_value() ? *report : FrameReport{};
  };
  FrameReport good = grey(FaceVariant::kGood);
  ASSERT_NE(good.Find("mask"), nullptr);
  EXPECT_TRUE(good.Find("mask")->pass) << good.lower_face_skin;
  FrameReport white = grey(FaceVariant::kWhiteMask);
  EXPECT_FALSE(white.Find("mask")->pass) << white.lower_face_skin;
}

// The drawn head of the demo camera (drivers/sim/camera/synthetic_face.h): mirror-symmetric when
// straight, turned by a known angle, with a mask or sunglasses.
class DrawnFaceTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() { cv::setNumThreads(1); }
  void SetUp() override {
    auto loaded = FaceChecker::LoadDefault();
    ASSERT_TRUE(loaded.has_value()) << loaded.error().ToLogString();
    checker_.emplace(std::move(*loaded));
  }
  FrameReport Analyze(double yaw_degrees, sim::SyntheticAccessory accessory = sim::SyntheticAccessory::kNone) {
    sim::SyntheticCameraOptions options;
    options.approach_frames = 0;
    options.yaw_degrees = yaw_degrees;
    options.accessory = accessory;
    auto report = checker_->Analyze(sim::RenderSyntheticFaceFrame(options, 3));
    EXPECT_TRUE(report.has_value());
    return report.has_value() ? *report : FrameReport{};
  }
  std::optional<FaceChecker> checker_;
};

TEST_F(DrawnFaceTest, Straight_ReadsYawNearZero_EveryCheckPasses) {
  FrameReport report = Analyze(0);
  EXPECT_TRUE(report.Acceptable());
  ASSERT_TRUE(report.eyes.Both());
  EXPECT_LT(std::abs(report.yaw_ratio), 0.05) << "measured " << report.yaw_ratio;
}

TEST_F(DrawnFaceTest, TurnedLeft_YawFails) {
  FrameReport report = Analyze(-15);
  ASSERT_TRUE(report.eyes.Both()) << "the eyes are still found: the yaw is measured, not guessed";
  EXPECT_LT(report.yaw_ratio, -0.18);
  ASSERT_NE(report.Find("yaw"), nullptr);
  EXPECT_FALSE(report.Find("yaw")->pass);
  EXPECT_EQ(report.Find("yaw")->EnglishMessage(), "Head turned: look straight at the camera.");
  EXPECT_TRUE(report.Find("roll")->pass);
}

TEST_F(DrawnFaceTest, TurnedRight_YawFails) {
  FrameReport report = Analyze(15);
  ASSERT_TRUE(report.eyes.Both());
  EXPECT_GT(report.yaw_ratio, 0.18);
  EXPECT_FALSE(report.Find("yaw")->pass);
}

TEST_F(DrawnFaceTest, SlightTurn_WithinTheLimit_Passes) {
  for (double degrees : {-5.0, 5.0}) {
    FrameReport report = Analyze(degrees);
    EXPECT_TRUE(report.Find("yaw")->pass) << degrees << "° read " << report.yaw_ratio;
    EXPECT_GT(report.yaw_ratio * degrees, 0) << "the sign follows the turn";
  }
}

TEST_F(DrawnFaceTest, Mask_FailsTheMaskCheckOnly) {
  FrameReport report = Analyze(0, sim::SyntheticAccessory::kMask);
  EXPECT_FALSE(report.Find("mask")->pass) << report.lower_face_skin;
  EXPECT_TRUE(report.Find("dark_glasses")->pass) << report.eye_to_skin_ratio;
  EXPECT_TRUE(report.Find("yaw")->pass);
}

TEST_F(DrawnFaceTest, Sunglasses_FailDarkGlassesNotMask) {
  for (double degrees : {0.0, 8.0}) {
    FrameReport report = Analyze(degrees, sim::SyntheticAccessory::kSunglasses);
    EXPECT_FALSE(report.Find("dark_glasses")->pass) << degrees << "°: " << report.eye_to_skin_ratio;
    EXPECT_TRUE(report.Find("mask")->pass) << degrees << "°: " << report.lower_face_skin;
  }
}

// The figures behind the thresholds: every masked or dark-glassed sample is caught (hits) and no
// bare one is (false alarms), over the painted set and the drawn head turned -10, 0 and 10 degrees.
TEST_F(FaceChecksTest, SyntheticSet_HeuristicsHitEveryCaseAndNoBareFace) {
  struct Tally {
    int cases = 0, hits = 0, bare = 0, false_alarms = 0;
  };
  Tally mask, glasses;
  auto count = [&](const FrameReport& r, bool masked, bool dark_glasses, const std::string& name) {
    if (r.faces != 1) return;
    Tally& m = mask;
    Tally& g = glasses;
    const bool mask_failed = !r.Find("mask")->pass, glasses_failed = !r.Find("dark_glasses")->pass;
    if (masked) {
      ++m.cases;
      m.hits += mask_failed;
    } else {
      ++m.bare;
      m.false_alarms += mask_failed;
      EXPECT_FALSE(mask_failed) << name << ": lower face skin " << r.lower_face_skin;
    }
    if (dark_glasses) {
      ++g.cases;
      g.hits += glasses_failed;
    } else {
      ++g.bare;
      g.false_alarms += glasses_failed;
      EXPECT_FALSE(glasses_failed) << name << ": eye/skin " << r.eye_to_skin_ratio;
    }
  };
  for (FaceVariant v : FaceSampleFactory::AllVariants()) {
    count(Analyze(v), v == FaceVariant::kMask || v == FaceVariant::kWhiteMask, v == FaceVariant::kDarkGlasses,
          FaceSampleFactory::Name(v));
  }
  for (double degrees : {-10.0, 0.0, 10.0}) {
    for (auto accessory : {sim::SyntheticAccessory::kNone, sim::SyntheticAccessory::kMask,
                           sim::SyntheticAccessory::kSunglasses}) {
      sim::SyntheticCameraOptions options;
      options.approach_frames = 0;
      options.yaw_degrees = degrees;
      options.accessory = accessory;
      auto report = checker_->Analyze(sim::RenderSyntheticFaceFrame(options, 3));
      ASSERT_TRUE(report.has_value());
      count(*report, accessory == sim::SyntheticAccessory::kMask, accessory == sim::SyntheticAccessory::kSunglasses,
            "drawn " + std::to_string(static_cast<int>(degrees)));
    }
  }
  std::printf("mask: %d/%d hits, %d/%d false alarms; dark glasses: %d/%d hits, %d/%d false alarms\n", mask.hits,
              mask.cases, mask.false_alarms, mask.bare, glasses.hits, glasses.cases, glasses.false_alarms, glasses.bare);
  EXPECT_EQ(mask.hits, mask.cases);
  EXPECT_EQ(glasses.hits, glasses.cases);
  EXPECT_GE(mask.cases, 5);
  EXPECT_GE(glasses.cases, 4);
}

// The animated clip shipped with opencv-doc (drawn characters, no real person), in a dim
// restaurant lit by candles: nothing like the station's even frontal light, so the colour cues
// are at their weakest. Measured, not tuned for: no frame may read as dark glasses, and the mask
// heuristic's false alarms on frames whose measured checks pass are printed for the record and
// bounded.
TEST(OpencvDocClip, BareAnimatedFaces_NoDarkGlasses_FewMaskAlarms) {
  const char* clip = "/usr/share/doc/opencv-doc/examples/data/Megamind.avi";
  cv::VideoCapture video(clip);
  if (!video.isOpened()) GTEST_SKIP() << "opencv-doc's Megamind.avi is not installed";
  cv::setNumThreads(1);
  auto checker = FaceChecker::LoadDefault();
  ASSERT_TRUE(checker.has_value()) << checker.error().ToLogString();
  int judged = 0, glasses_alarms = 0, mask_alarms = 0;
  cv::Mat frame;
  for (int index = 0; video.read(frame); ++index) {
    if (index % 20 != 10) continue;
    auto report = checker->Analyze(frame);
    ASSERT_TRUE(report.has_value());
    if (report->faces != 1 || !report->eyes.Both() || !report->Find("exposure")->pass) continue;
    ++judged;
    glasses_alarms += !report->Find("dark_glasses")->pass;
    mask_alarms += !report->Find("mask")->pass;
    EXPECT_TRUE(report->Find("dark_glasses")->pass) << "frame " << index << ": " << report->eye_to_skin_ratio;
  }
  std::printf("opencv-doc clip: %d frames judged, %d dark-glasses and %d mask false alarms\n", judged,
              glasses_alarms, mask_alarms);
  EXPECT_GE(judged, 5);
  EXPECT_LE(mask_alarms * 2, judged) << "at most half under candle light";
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
