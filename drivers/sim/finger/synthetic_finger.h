#pragma once
// Invented fingers for the simulated sensor, the matcher's tests and its benchmark: a finger is a
// seed, and each impression of it is drawn as a sensor would see that finger placed again —
// shifted, rotated, pressed harder or lighter, stretched a little, noisier, partly off the sensor.
// No real finger is involved.
//
// The ridge pattern follows the phase model of fingerprints (Larkin & Fletcher, 2007): ridges are
// cos(phase), where the phase is a smooth flow (whorl or arch, gently warped) plus one spiral
// term ±atan2 around each minutia; each such term ends or splits exactly one ridge there. So
// every finger carries its own 30-45 minutiae at known places, which a minutiae matcher can
// find again in every impression of that finger and not in another finger.
//
// Pure functions: thread-safe.

#include <cstdint>
#include <vector>

#include <opencv2/core.hpp>

namespace kiosk::sim {

// How one impression differs from the finger's reference placement (centred, upright).
struct FingerImpression {
  double rotation_deg = 0;      // the finger turned on the sensor (positive: counter-clockwise)
  cv::Point2d shift{0, 0};      // pixels, where the finger's centre lands from the image centre
  double pressure = 0.5;        // 0 light (thin ridges, small contact) .. 1 heavy (thick, large)
  double distortion_px = 0;     // amplitude of the skin's elastic stretch, pixels
  double noise = 5;             // sensor noise, grey levels (standard deviation)
  double smudge = 0;            // 0 clean .. 1 wet/smudged (ridges flow into each other)
  double contact = 1;           // share of the finger's height that touches (1 whole, 0.5 lower half)
  std::uint64_t noise_seed = 0;  // changes noise and stretch between impressions
};

// Minutiae the finger was drawn with, in the reference placement's pixel coordinates (for
// tests that want ground truth).
std::vector<cv::Point2d> SyntheticFingerMinutiae(std::uint64_t finger_seed, cv::Size size = {300, 400});

// An 8-bit grey print, ridges dark on light, 500 ppi, about 9 px ridge period.
cv::Mat DrawFingerImpression(std::uint64_t finger_seed, const FingerImpression& impression = {},
                             cv::Size size = {300, 400});

// A varied but realistic impression for number `index` of a finger: rotation within ±20°, shift
// within ±25 px, pressure 0.3-0.7, stretch up to 3 px, noise 3-9; deterministic in both arguments.
FingerImpression VariedImpression(std::uint64_t finger_seed, int index);

}  // namespace kiosk::sim
