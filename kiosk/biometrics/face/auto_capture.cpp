#include "kiosk/biometrics/face/auto_capture.h"

namespace kiosk::biometrics::face {

CaptureState AutoCapture::Feed(const cv::Mat& frame, const FrameReport& report) {
  if (state_ == CaptureState::kCaptured) return state_;
  if (!report.Acceptable()) {
    Retake();
    return state_;
  }
  ++steady_;
  if (best_frame_.empty() || report.sharpness > best_report_.sharpness) {
    frame.copyTo(best_frame_);  // the camera may reuse its buffer
    best_report_ = report;
  }
  state_ = steady_ >= options_.required_consecutive ? CaptureState::kCaptured : CaptureState::kSteady;
  return state_;
}

void AutoCapture::Retake() {
  state_ = CaptureState::kSearching;
  steady_ = 0;
  best_frame_.release();
  best_report_ = FrameReport{};
}

}  // namespace kiosk::biometrics::face
