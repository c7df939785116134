#pragma once
// FaceMatcher: compares the live portrait with the chip's photo (DG2) and gives a similarity the
// officer can read. A port only: this project ships no face-recognition model yet (OpenCV's
// SFace needs an ONNX model that is not packaged for Debian), so the station says "not compared"
// instead of showing a number that would mean nothing. A matcher built on a real model plugs in
// here; tests use a fake.
//
// Thread safety: Compare() is called from the wizard's worker thread, one call at a time.

#include <opencv2/core.hpp>

#include "kiosk/core/result.h"

namespace kiosk::biometrics::face {

class FaceMatcher {
 public:
  virtual ~FaceMatcher() = default;
  // Similarity in [0, 1] of two BGR portraits (1: surely the same person).
  virtual Result<double> Compare(const cv::Mat& live, const cv::Mat& reference) = 0;
  // At or above: the officer is told the faces match; below: to look closely.
  virtual double match_threshold() const = 0;
};

}  // namespace kiosk::biometrics::face
