#pragma once
// Page detection, perspective correction and deskew for captured papers (OpenCV).
// A card or sheet photographed or scanned on a contrasting background is found as the largest
// convex quadrilateral and warped flat to its real proportions; when no outline is found (a
// full-bed scan of white paper) the image is deskewed from its text lines instead.

#include <opencv2/core.hpp>

#include "kiosk/core/result.h"

namespace kiosk::documents {

struct PageResult {
  cv::Mat page;              // BGR or grey as given, flattened and upright
  bool outline_found = false;
  double skew_degrees = 0;   // rotation corrected when no outline was found
};

// aspect = width / height of the real paper (ID-1 card 85.6 / 54). The output width is
// target_width pixels (0: keep the detected size).
Result<PageResult> NormalisePage(const cv::Mat& image, double aspect, int target_width = 0);

// The text skew in degrees (positive = counter-clockwise), from the minimum-area rectangle of
// the dark pixels; within ±15°.
double EstimateSkew(const cv::Mat& grey);

}  // namespace kiosk::documents
