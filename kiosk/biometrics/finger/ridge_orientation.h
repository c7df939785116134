#pragma once
// Measures of a print's ridges shared by the quality score (finger_quality) and the minutiae
// extractor (minutiae): where the paper is, and which way the ridges run.
//
// Pure functions: thread-safe. Input: 8-bit grey, ridges dark on light.

#include <opencv2/core.hpp>

namespace kiosk::biometrics::finger {

// The grey level of the bare sensor (no finger): the bright end of the histogram (the level
// above which a tenth of the pixels lie). A flat area much darker than it is skin, not paper.
double PaperLevel(const cv::Mat& grey);

// Whether a block with this mean and spread belongs to the finger: ridges give spread, and a
// flat but dark block is a wet smudge, still skin.
inline bool IsFingerBlock(double mean, double stddev, double paper, double min_stddev) {
  return stddev >= min_stddev || mean <= 0.6 * paper;
}

struct RidgeOrientation {
  // Per pixel, CV_32F. normal: the direction across the ridges (the grey-level gradient's),
  // radians in [0, π); the ridges run at normal + π/2. coherence: 0 (noise, smudge) .. 1 (ridges
  // strictly parallel over the smoothing window).
  cv::Mat normal;
  cv::Mat coherence;
};

// Gradient-based (the structure tensor, averaged over a Gaussian window of `sigma` pixels, so
// opposite gradients on the two flanks of a ridge add up instead of cancelling).
RidgeOrientation EstimateRidgeOrientation(const cv::Mat& grey, double sigma);

}  // namespace kiosk::biometrics::finger
