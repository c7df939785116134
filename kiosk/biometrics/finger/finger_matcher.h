#pragma once
// FingerMatcher: tells whether two fingerprint images come from the same finger, to catch the
// same finger captured into two slots. A port only: no matcher ships yet (libfprint matches on
// the device, against its own enrolled prints, not two images the station holds), so duplicates
// are not checked until one is plugged in; tests use a fake.
//
// Thread safety: Compare() is called from the fingerprint capture thread, one call at a time.

#include <opencv2/core.hpp>

#include "kiosk/core/result.h"

namespace kiosk::biometrics::finger {

class FingerMatcher {
 public:
  virtual ~FingerMatcher() = default;
  // Whether two 8-bit grey prints (ridges dark, about 500 ppi) are the same finger.
  virtual Result<bool> SameFinger(const cv::Mat& a, const cv::Mat& b) = 0;
};

}  // namespace kiosk::biometrics::finger
