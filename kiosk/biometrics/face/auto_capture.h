#pragma once
// Auto-capture: the portrait is taken by itself once every check has held for several
// consecutive frames (so a blink or a passing hand does not get captured), and the officer can
// retake. Of the steady run, the sharpest frame is kept.
//
//   kSearching --all checks pass--> kSteady --K in a row--> kCaptured --Retake()--> kSearching
//        ^                             |
//        +------any check fails--------+
//
// Thread safety: not thread-safe; fed from the capture thread, read after it stops or through the
// caller's own synchronisation.

#include <opencv2/core.hpp>

#include "kiosk/biometrics/face/face_checks.h"

namespace kiosk::biometrics::face {

enum class CaptureState { kSearching, kSteady, kCaptured };

struct AutoCaptureOptions {
  int required_consecutive = 5;  // about 1/6 s at 30 fps
};

class AutoCapture {
 public:
  explicit AutoCapture(AutoCaptureOptions options = {}) : options_(options) {}

  // Feeds one analysed frame; returns the state after it. Ignored once captured.
  CaptureState Feed(const cv::Mat& frame, const FrameReport& report);
  // Drops the capture and starts over.
  void Retake();

  CaptureState state() const { return state_; }
  int steady_frames() const { return steady_; }
  // Valid in kCaptured: the sharpest frame of the steady run (owned copy) and its report.
  const cv::Mat& captured_frame() const { return best_frame_; }
  const FrameReport& captured_report() const { return best_report_; }

 private:
  AutoCaptureOptions options_;
  CaptureState state_ = CaptureState::kSearching;
  int steady_ = 0;
  cv::Mat best_frame_;
  FrameReport best_report_;
};

}  // namespace kiosk::biometrics::face
