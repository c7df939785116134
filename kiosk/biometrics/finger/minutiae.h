#pragma once
// Minutiae (ridge endings and bifurcations) of a fingerprint image, the features the station's
// own matcher compares (minutiae_matcher.h). Written here: no packaged library extracts minutiae
// from an image the station holds (libfprint does it inside its device drivers only, and NBIS
// mindtct is not packaged for Debian). The steps are the textbook ones:
//
//  1. segmentation: 16×16 blocks (at 500 ppi) with ridge-like spread and coherent orientation,
//     cleaned morphologically, the largest region kept (the finger);
//  2. orientation field: the smoothed gradient structure tensor (ridge_orientation.h, shared with
//     the quality score);
//  3. enhancement: a bank of 8 even Gabor filters tuned to the ridge period (round envelope, so
//     each splits into separable parts), each pixel taking the one across its local orientation;
//     binarisation at zero;
//  4. thinning to one-pixel ridges (Zhang-Suen), tiny fragments dropped;
//  5. minutiae by the crossing number (1: ending, 3: bifurcation), each with a direction: an
//     ending points out of its ridge's end, a bifurcation towards its stem (so that an ending that
//     heavier pressure turns into a bifurcation keeps its direction);
//  6. false minutiae removed: near the finger's border, short spurs, bridges and holes (two
//     minutiae joined by a short ridge), broken ridges (two endings facing each other), clusters.
//
// Expects an 8-bit grey image (3-channel is converted), ridges dark on light, about 500 ppi.
// Pure function: thread-safe.

#include <vector>

#include <opencv2/core.hpp>

#include "kiosk/core/result.h"

namespace kiosk::biometrics::finger {

enum class MinutiaType { kEnding, kBifurcation };

struct Minutia {
  cv::Point2f position;  // pixels
  float direction = 0;   // radians in [0, 2π), image axes (y down)
  MinutiaType type = MinutiaType::kEnding;
};

struct FingerTemplate {
  cv::Size image_size;
  int block = 16;       // pixels per cell of `foreground`
  cv::Mat foreground;   // CV_8U, one cell per block, 255 where the finger is
  std::vector<Minutia> minutiae;

  // Whether image point p lies on the finger (outside the image: no).
  bool OnFinger(cv::Point2f p) const;
};

struct MinutiaeOptions {
  double ppi = 500;
  double ridge_period = 9;        // pixels at 500 ppi (0.46 mm); scaled with ppi
  double min_block_stddev = 12;   // as the quality score's
  double min_coherence = 0.35;    // a block whose ridges are less orderly is not finger (noise)
  int min_foreground_blocks = 16; // fewer finger blocks: no finger to compare
  int min_minutiae = 8;           // fewer: too little detail to compare reliably
};

// kInvalidArgument with an officer-readable key when the image is empty, too small, shows no
// finger, or too few minutiae to compare.
Result<FingerTemplate> ExtractMinutiae(const cv::Mat& image, const MinutiaeOptions& options = {});

}  // namespace kiosk::biometrics::finger
