#include "kiosk/biometrics/face/auto_capture.h"

#include <gtest/gtest.h>

namespace kiosk::biometrics::face {
namespace {

FrameReport Report(bool good, double sharpness = 50) {
  FrameReport report;
  report.faces = 1;
  report.sharpness = sharpness;
  report.checks.push_back({"face_count", true, "One face found.", {}});
  report.checks.push_back({"sharpness", good, "x", {}});
  return report;
}

cv::Mat Frame(int marker) { return cv::Mat(4, 4, CV_8UC1, cv::Scalar(marker)); }

TEST(AutoCapture, KGoodFramesInARow_Captures) {
  AutoCapture capture(AutoCaptureOptions{.required_consecutive = 3});
  EXPECT_EQ(capture.Feed(Frame(1), Report(true)), CaptureState::kSteady);
  EXPECT_EQ(capture.Feed(Frame(2), Report(true)), CaptureState::kSteady);
  EXPECT_EQ(capture.Feed(Frame(3), Report(true)), CaptureState::kCaptured);
}

TEST(AutoCapture, BadFrameInTheRun_StartsOver) {
  AutoCapture capture(AutoCaptureOptions{.required_consecutive = 3});
  capture.Feed(Frame(1), Report(true));
  capture.Feed(Frame(2), Report(true));
  EXPECT_EQ(capture.Feed(Frame(3), Report(false)), CaptureState::kSearching);
  EXPECT_EQ(capture.steady_frames(), 0);
  capture.Feed(Frame(4), Report(true));
  capture.Feed(Frame(5), Report(true));
  EXPECT_EQ(capture.Feed(Frame(6), Report(true)), CaptureState::kCaptured);
}

TEST(AutoCapture, Captured_KeepsTheSharpestFrameOfTheRun) {
  AutoCapture capture(AutoCaptureOptions{.required_consecutive = 3});
  cv::Mat reused = Frame(1);
  capture.Feed(reused, Report(true, 40));
  reused.setTo(2);
  capture.Feed(reused, Report(true, 90));
  reused.setTo(3);  // the camera writes the next picture into the same buffer
  capture.Feed(reused, Report(true, 60));
  ASSERT_EQ(capture.state(), CaptureState::kCaptured);
  EXPECT_EQ(capture.captured_frame().at<uchar>(0, 0), 2);
  EXPECT_DOUBLE_EQ(capture.captured_report().sharpness, 90);
}

TEST(AutoCapture, CapturedThenMoreFrames_CaptureKept) {
  AutoCapture capture(AutoCaptureOptions{.required_consecutive = 1});
  capture.Feed(Frame(7), Report(true));
  EXPECT_EQ(capture.Feed(Frame(8), Report(false)), CaptureState::kCaptured);
  EXPECT_EQ(capture.captured_frame().at<uchar>(0, 0), 7);
}

TEST(AutoCapture, Retake_StartsOver) {
  AutoCapture capture(AutoCaptureOptions{.required_consecutive = 1});
  capture.Feed(Frame(7), Report(true));
  capture.Retake();
  EXPECT_EQ(capture.state(), CaptureState::kSearching);
  EXPECT_TRUE(capture.captured_frame().empty());
}

TEST(AutoCapture, NoFaceReport_NeverCaptures) {
  AutoCapture capture(AutoCaptureOptions{.required_consecutive = 1});
  EXPECT_EQ(capture.Feed(Frame(1), FrameReport{}), CaptureState::kSearching);
}

}  // namespace
}  // namespace kiosk::biometrics::face
