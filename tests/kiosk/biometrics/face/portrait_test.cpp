#include "kiosk/biometrics/face/portrait.h"

#include <gtest/gtest.h>

#include <opencv2/imgcodecs.hpp>
#include <opencv2/imgproc.hpp>

#include "kiosk/biometrics/face/face_checks.h"
#include "tests/biometrics_data/face_samples.h"

namespace kiosk::biometrics::face {
namespace {

using testdata::FaceSampleFactory;
using testdata::FaceVariant;

// Two bright dots stand for the eyes: where they land in the token is the geometry under test.
std::vector<cv::Point2f> FindDots(const cv::Mat& image) {
  cv::Mat grey, mask;
  cv::cvtColor(image, grey, cv::COLOR_BGR2GRAY);
  cv::threshold(grey, mask, 200, 255, cv::THRESH_BINARY);
  std::vector<std::vector<cv::Point>> contours;
  cv::findContours(mask, contours, cv::RETR_EXTERNAL, cv::CHAIN_APPROX_NONE);
  std::vector<cv::Point2f> centres;
  for (const auto& c : contours) {
    cv::Moments m = cv::moments(c);
    if (m.m00 > 0) centres.emplace_back(static_cast<float>(m.m10 / m.m00), static_cast<float>(m.m01 / m.m00));
  }
  std::sort(centres.begin(), centres.end(), [](auto a, auto b) { return a.x < b.x; });
  return centres;
}

TEST(Portrait, TiltedEyes_TokenHasLevelEyesAtIcaoPositions) {
  cv::Mat frame(720, 1280, CV_8UC3, cv::Scalar::all(60));
  const cv::Point2f left(560, 330), right(660, 300);  // 17° tilt, 104 px apart
  cv::circle(frame, left, 6, cv::Scalar::all(255), -1, cv::LINE_AA);
  cv::circle(frame, right, 6, cv::Scalar::all(255), -1, cv::LINE_AA);

  TokenGeometry geometry;
  auto token = CropToToken(frame, EyePair{left, right}, geometry);
  ASSERT_TRUE(token.has_value()) << token.error().ToLogString();
  EXPECT_EQ(token->cols, 480);
  EXPECT_EQ(token->rows, 640);
  auto dots = FindDots(*token);
  ASSERT_EQ(dots.size(), 2u);
  EXPECT_NEAR(dots[0].y, dots[1].y, 1.0);                        // level
  EXPECT_NEAR(cv::norm(dots[1] - dots[0]), geometry.EyeDistance(), 1.5);  // W/4
  const cv::Point2f midpoint = (dots[0] + dots[1]) * 0.5f;
  EXPECT_NEAR(midpoint.x, geometry.EyeMidpoint().x, 1.0);        // W/2
  EXPECT_NEAR(midpoint.y, geometry.EyeMidpoint().y, 1.0);        // 0.6 W
}

TEST(Portrait, PaintedFace_TokenStillShowsOneFace) {
  auto factory = FaceSampleFactory::Create();
  if (!factory) GTEST_SKIP() << "opencv-doc is not installed";
  auto sample = factory->Make(FaceVariant::kTilted);
  auto token = CropToToken(sample.frame, EyePair{sample.left_eye, sample.right_eye});
  ASSERT_TRUE(token.has_value());
  auto checker = FaceChecker::LoadDefault(FaceCheckOptions{.max_face_height = 1.0});
  ASSERT_TRUE(checker.has_value());
  auto report = checker->Analyze(*token);
  ASSERT_TRUE(report.has_value());
  EXPECT_EQ(report->faces, 1);
  // The face is upright now: the detector's box centre sits between the token's eyes.
  EXPECT_NEAR(report->face_box.x + report->face_box.width / 2, TokenGeometry{}.EyeMidpoint().x, 25);
}

TEST(Portrait, NoEyes_CropRefused) {
  cv::Mat frame(480, 640, CV_8UC3, cv::Scalar::all(128));
  auto token = CropToToken(frame, EyePair{});
  ASSERT_FALSE(token.has_value());
  EXPECT_EQ(token.error().code(), ErrorCode::kInvalidArgument);
}

TEST(Portrait, Encode_JpegAndJpeg2000Decode) {
  cv::Mat image(640, 480, CV_8UC3);
  cv::randu(image, cv::Scalar::all(0), cv::Scalar::all(255));
  auto jpeg = EncodePortrait(image, PortraitFormat::kJpeg);
  ASSERT_TRUE(jpeg.has_value());
  ASSERT_GT(jpeg->size(), 4u);
  EXPECT_EQ(jpeg->data()[0], 0xFF);
  EXPECT_EQ(jpeg->data()[1], 0xD8);

  if (!cv::haveImageWriter(".jp2")) GTEST_SKIP() << "OpenCV built without JPEG 2000";
  auto jp2 = EncodePortrait(image, PortraitFormat::kJpeg2000);
  ASSERT_TRUE(jp2.has_value()) << jp2.error().ToLogString();
  std::vector<uchar> bytes(jp2->data(), jp2->data() + jp2->size());
  cv::Mat decoded = cv::imdecode(bytes, cv::IMREAD_COLOR);
  EXPECT_EQ(decoded.size(), image.size());
}

TEST(Portrait, EmptyImage_EncodeRefused) {
  EXPECT_FALSE(EncodePortrait(cv::Mat(), PortraitFormat::kJpeg).has_value());
}

}  // namespace
}  // namespace kiosk::biometrics::face
