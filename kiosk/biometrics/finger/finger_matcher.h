#pragma once
// FingerMatcher: tells whether two fingerprint images come from the same finger, to catch the
// same finger captured into two slots. The station's implementation is its own minutiae matcher
// (minutiae_matcher.h, wired in ui/station/station_app.cpp): libfprint cannot serve here, as it
// matches on the device against its own enrolled prints, not two images the station holds.
// Controller tests use fakes.
//
// Thread safety: an implementation may be called from any one thread at a time (FingersController
// calls it on the UI thread, once per kept print, after a capture passed the quality check).

#include <opencv2/core.hpp>

#include "kiosk/core/result.h"

namespace kiosk::biometrics::finger {

class FingerMatcher {
 public:
  virtual ~FingerMatcher() = default;
  // Whether two 8-bit grey prints (ridges dark, about 500 ppi) are the same finger. An error when
  // either image holds no usable print (empty, too small, no ridges): never a match then.
  virtual Result<bool> SameFinger(const cv::Mat& a, const cv::Mat& b) = 0;
};

}  // namespace kiosk::biometrics::finger
