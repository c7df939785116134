// The face matcher's mechanics on synthetic faces (no accuracy claim on real people): the same
// picture against itself, a rotated and scaled copy, two different drawn faces; the bands; the
// alignment; and the executor's agreement with TensorFlow.js itself (when node is installed).

#include <gtest/gtest.h>

#include <cmath>

#include <opencv2/imgproc.hpp>

#include "drivers/sim/camera/synthetic_face.h"
#include "kiosk/biometrics/face/embedding_face_matcher.h"
#include "kiosk/biometrics/face/face_alignment.h"
#include "kiosk/core/paths.h"
#include "tests/biometrics_data/face_samples.h"
#include "tests/reference/tfjs_reference.h"

namespace kiosk::biometrics::face {
namespace {

std::filesystem::path ModelFile() { return paths::ResourceDir() / "models" / kRecognitionModelFile; }

class FaceMatcherTest : public ::testing::Test {
 protected:
  void SetUp() override {
    if (!std::filesystem::exists(ModelFile())) GTEST_SKIP() << "model not fetched (installer/linux/fetch-models.sh)";
    auto loaded = EmbeddingFaceMatcher::LoadDefault();
    ASSERT_TRUE(loaded) << loaded.error().ToLogString();
    matcher_ = std::move(*loaded);
  }
  static cv::Mat DrawnFace(uint64_t frame = 1) {
    sim::SyntheticCameraOptions camera;
    camera.approach_frames = 0;
    camera.frame_size = {640, 480};
    return sim::RenderSyntheticFaceFrame(camera, frame);
  }
  std::unique_ptr<EmbeddingFaceMatcher> matcher_;
};

TEST(FaceMatchBands, ThresholdsCutTheScoreIntoThreeBands) {
  EXPECT_EQ(BandOf(0.95), FaceMatchBand::kSamePersonLikely);
  EXPECT_EQ(BandOf(0.60), FaceMatchBand::kSamePersonLikely);
  EXPECT_EQ(BandOf(0.59), FaceMatchBand::kUncertain);
  EXPECT_EQ(BandOf(0.40), FaceMatchBand::kUncertain);
  EXPECT_EQ(BandOf(0.39), FaceMatchBand::kDifferentLikely);
  EXPECT_EQ(BandOf(-0.2), FaceMatchBand::kDifferentLikely);
  EXPECT_EQ(ToString(FaceMatchBand::kDifferentLikely), "different_likely");
}

TEST(FaceAlignment, EyesLandOnTheTemplate) {
  const cv::Point2f left(310, 200), right(390, 230);
  const cv::Mat m = EyeAlignment(left, right);
  auto apply = [&](cv::Point2f p) {
    return cv::Point2f(static_cast<float>(m.at<double>(0, 0) * p.x + m.at<double>(0, 1) * p.y + m.at<double>(0, 2)),
                       static_cast<float>(m.at<double>(1, 0) * p.x + m.at<double>(1, 1) * p.y + m.at<double>(1, 2)));
  };
  EXPECT_LT(cv::norm(apply(left) - kTemplateLeftEye), 1e-3);
  EXPECT_LT(cv::norm(apply(right) - kTemplateRightEye), 1e-3);
  // A similarity: no shear, the same scale on both axes.
  EXPECT_NEAR(m.at<double>(0, 0), m.at<double>(1, 1), 1e-9);
  EXPECT_NEAR(m.at<double>(0, 1), -m.at<double>(1, 0), 1e-9);
}

TEST_F(FaceMatcherTest, SamePictureAgainstItself_IsSamePersonLikely) {
  const cv::Mat face = DrawnFace();
  auto result = matcher_->Compare(face, face);
  ASSERT_TRUE(result) << result.error().ToLogString();
  EXPECT_GT(result->score, 0.999);
  EXPECT_EQ(result->band, FaceMatchBand::kSamePersonLikely);
}

TEST_F(FaceMatcherTest, RotatedAndScaledCopy_IsStillSamePersonLikely) {
  const cv::Mat face = DrawnFace();
  // The chip photo's geometry is not the camera's: 8 degrees, 70 %, shifted.
  cv::Mat transform = cv::getRotationMatrix2D(cv::Point2f(320, 200), 8, 0.7);
  transform.at<double>(0, 2) += 30;
  cv::Mat copy;
  cv::warpAffine(face, copy, transform, face.size(), cv::INTER_AREA, cv::BORDER_REPLICATE);
  auto result = matcher_->Compare(face, copy);
  ASSERT_TRUE(result) << result.error().ToLogString();
  EXPECT_EQ(result->band, FaceMatchBand::kSamePersonLikely) << "score " << result->score;
  std::printf("rotated and scaled copy: score %.3f\n", result->score);
}

TEST_F(FaceMatcherTest, TwoDifferentDrawnFaces_AreDifferentLikely) {
  auto painted = testdata::FaceSampleFactory::Create();
  if (!painted) GTEST_SKIP() << "opencv-doc not installed";
  auto result = matcher_->Compare(DrawnFace(), painted->Make(testdata::FaceVariant::kGood).frame);
  ASSERT_TRUE(result) << result.error().ToLogString();
  EXPECT_EQ(result->band, FaceMatchBand::kDifferentLikely) << "score " << result->score;
  std::printf("two different drawn faces: score %.3f\n", result->score);
}

TEST_F(FaceMatcherTest, PictureWithoutAFace_SaysWhichOne) {
  const cv::Mat wall(480, 640, CV_8UC3, cv::Scalar(200, 205, 210));
  auto live = matcher_->Compare(wall, DrawnFace());
  ASSERT_FALSE(live);
  EXPECT_EQ(live.error().code(), ErrorCode::kNotFound);
  EXPECT_EQ(live.error().message_key(), "No face was found in the live portrait.");
  auto chip = matcher_->Compare(DrawnFace(), wall);
  ASSERT_FALSE(chip);
  EXPECT_EQ(chip.error().message_key(), "No face was found in the chip photo.");
  EXPECT_FALSE(matcher_->Compare(cv::Mat(), wall));
}

// The C++ executor against TensorFlow.js (pure JavaScript CPU backend) on a fixed set of inputs:
// cosine >= 0.999 on every one. Runs when node is installed (install-deps installs the pinned
// TF.js packages); `make bench` prints the minimum too.
TEST_F(FaceMatcherTest, ExecutorAgreesWithTensorFlowJs) {
  auto detector = FaceDetector::LoadDefault();
  ASSERT_TRUE(detector);
  const auto inputs = testref::ReferenceInputs(*detector);
  const auto reference = testref::RunTfjs(ModelFile(), inputs);
  if (reference.node_missing) GTEST_SKIP() << reference.error;
  ASSERT_TRUE(reference.error.empty()) << reference.error;
  ASSERT_EQ(reference.outputs.size(), inputs.size());
  double min_cosine = 1;
  for (size_t i = 0; i < inputs.size(); ++i) {
    auto ours = matcher_->EmbedInput(inputs[i].input);
    ASSERT_TRUE(ours) << ours.error().ToLogString();
    const double cosine = testref::Cosine(*ours, reference.outputs[i]);
    EXPECT_GE(cosine, 0.999) << inputs[i].name;
    min_cosine = std::min(min_cosine, cosine);
  }
  std::printf("executor vs TF.js: %zu inputs, min cosine %.6f\n", inputs.size(), min_cosine);
}

}  // namespace
}  // namespace kiosk::biometrics::face
