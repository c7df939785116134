#pragma once
// FingerMatcher: tells whether two fingerprint images come from the same finger, to catch the
// same finger captured into two slots. The station's implementation is its own minutiae matcher
// (minutiae_matcher.h, wired in ui/station/station_app.cpp): libfprint cannot serve here, as it
// matches on the device against its own enrolled prints, not two images the station holds.
// Controller tests use fakes.
//
// Templates: a caller that compares one new print with several kept ones (FingersController) asks
// for a template of each print once (MakeTemplate, when the print is kept) and compares templates
// (SameFingerTemplates), so kept prints are not analysed again on every capture. The defaults keep
// a copy of the image and compare images, for implementations (fakes) that have no template.
//
// Thread safety: an implementation may be called from any one thread at a time (FingersController
// calls it on its capture thread, after a capture passed the quality check, never on the UI thread).
// Templates are immutable once made and may be shared between threads.

#include <memory>

#include <opencv2/core.hpp>

#include "kiosk/core/result.h"

namespace kiosk::biometrics::finger {

// What an implementation keeps of one print to compare it later (biometric data: minutiae or an
// image; the holder drops it with the print).
class PrintTemplate {
 public:
  virtual ~PrintTemplate() = default;
};

class FingerMatcher {
 public:
  virtual ~FingerMatcher() = default;
  // Whether two 8-bit grey prints (ridges dark, about 500 ppi) are the same finger. An error when
  // either image holds no usable print (empty, too small, no ridges): never a match then.
  virtual Result<bool> SameFinger(const cv::Mat& a, const cv::Mat& b) = 0;

  // The template of one print; an error when the image holds no usable print.
  virtual Result<std::shared_ptr<const PrintTemplate>> MakeTemplate(const cv::Mat& image);
  // Whether two templates made by this matcher are the same finger.
  virtual Result<bool> SameFingerTemplates(const PrintTemplate& a, const PrintTemplate& b);
};

}  // namespace kiosk::biometrics::finger
