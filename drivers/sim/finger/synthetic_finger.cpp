#include "drivers/sim/finger/synthetic_finger.h"

#include <algorithm>
#include <cmath>
#include <numbers>

#include <opencv2/imgproc.hpp>

namespace kiosk::sim {

namespace {

constexpr double kTwoPi = 2 * std::numbers::pi;
constexpr double kRidgePeriod = 9.0;  // pixels at 500 ppi: about 0.46 mm
constexpr double kPaper = 235;

struct Wave {
  double kx = 0, ky = 0, phase = 0, amplitude = 0;
};

// Everything that makes one finger itself, in finger coordinates: pixels from the finger's
// centre, as placed upright and centred on a sensor of `size`.
struct FingerModel {
  bool whorl = true;
  cv::Point2d core;
  double stretch = 1.3;       // whorl: ellipticity
  double arch_height = 40;    // arch: how high the ridges bulge
  double arch_width = 60;
  double phase0 = 0;
  Wave waves[3];
  cv::Size2d axes;            // the finger's contact ellipse (half-axes)
  std::vector<cv::Point2d> minutiae;
  std::vector<int> signs;     // +1 / -1: the spiral's sense
};

FingerModel MakeModel(std::uint64_t seed, cv::Size size) {
  cv::RNG rng(0xF1A6E000ULL + seed * 0x9E3779B9ULL);
  FingerModel m;
  m.axes = {size.width * 0.42, size.height * 0.46};
  m.whorl = rng.uniform(0.0, 1.0) < 0.6;
  m.core = {rng.uniform(-0.12, 0.12) * size.width, rng.uniform(-0.15, 0.05) * size.height};
  m.stretch = rng.uniform(1.1, 1.5);
  m.arch_height = rng.uniform(25.0, 70.0);
  m.arch_width = rng.uniform(40.0, 90.0);
  m.phase0 = rng.uniform(0.0, kTwoPi);
  for (Wave& w : m.waves) {
    const double period = rng.uniform(150.0, 320.0), direction = rng.uniform(0.0, std::numbers::pi);
    w.kx = kTwoPi / period * std::cos(direction);
    w.ky = kTwoPi / period * std::sin(direction);
    w.phase = rng.uniform(0.0, kTwoPi);
    w.amplitude = rng.uniform(0.5, 2.5);  // radians of ridge phase: bends the flow, never folds it
  }
  // Minutiae spread over the finger, not crowded (real ones are rarely closer than two ridges),
  // with as many of each sense so that the far ridge flow is left as it was.
  const int wanted = 2 * rng.uniform(15, 23);
  for (int tries = 0; tries < 4000 && static_cast<int>(m.minutiae.size()) < wanted; ++tries) {
    const double angle = rng.uniform(0.0, kTwoPi), radius = std::sqrt(rng.uniform(0.0, 1.0)) * 0.88;
    const cv::Point2d p(radius * m.axes.width * std::cos(angle), radius * m.axes.height * std::sin(angle));
    if (m.whorl && cv::norm(p - m.core) < 25) continue;
    bool crowded = false;
    for (const auto& q : m.minutiae) crowded = crowded || cv::norm(p - q) < 19;
    if (crowded) continue;
    m.minutiae.push_back(p);
    m.signs.push_back(m.minutiae.size() % 2 == 0 ? 1 : -1);
  }
  return m;
}

// The ridge phase at finger point p, radians.
double Phase(const FingerModel& m, cv::Point2d p) {
  double flow;
  if (m.whorl) {
    const double dx = p.x - m.core.x, dy = (p.y - m.core.y) / m.stretch;
    flow = std::sqrt(dx * dx + dy * dy);
  } else {
    const double dx = p.x - m.core.x;
    flow = p.y - m.core.y + m.arch_height * std::exp(-dx * dx / (2 * m.arch_width * m.arch_width));
  }
  double phase = kTwoPi * flow / kRidgePeriod + m.phase0;
  for (const Wave& w : m.waves) phase += w.amplitude * std::sin(w.kx * p.x + w.ky * p.y + w.phase);
  // Σ ±atan2 around each minutia as the argument of one complex product (one atan2 per pixel;
  // written out because std::complex's multiply checks for infinities on every step). The
  // magnitude stays finite: at most ~500^46 < 1e125.
  double re = 1, im = 0;
  for (std::size_t i = 0; i < m.minutiae.size(); ++i) {
    const double dx = p.x - m.minutiae[i].x, dy = m.signs[i] * (p.y - m.minutiae[i].y);
    const double next_re = re * dx - im * dy;
    im = re * dy + im * dx;
    re = next_re;
  }
  return phase + std::atan2(im, re);
}

}  // namespace

std::vector<cv::Point2d> SyntheticFingerMinutiae(std::uint64_t finger_seed, cv::Size size) {
  auto model = MakeModel(finger_seed, size);
  const cv::Point2d centre(size.width / 2.0, size.height / 2.0);
  for (auto& p : model.minutiae) p += centre;
  return model.minutiae;
}

cv::Mat DrawFingerImpression(std::uint64_t finger_seed, const FingerImpression& im, cv::Size size) {
  const FingerModel m = MakeModel(finger_seed, size);
  cv::RNG rng(0x5EED0000ULL + finger_seed * 7919 + im.noise_seed * 104729);
  Wave stretch_x, stretch_y;
  for (Wave* w : {&stretch_x, &stretch_y}) {
    const double period = rng.uniform(160.0, 260.0), direction = rng.uniform(0.0, std::numbers::pi);
    w->kx = kTwoPi / period * std::cos(direction);
    w->ky = kTwoPi / period * std::sin(direction);
    w->phase = rng.uniform(0.0, kTwoPi);
  }
  const double pressure = std::clamp(im.pressure, 0.0, 1.0);
  const double a = -im.rotation_deg * std::numbers::pi / 180, ca = std::cos(a), sa = std::sin(a);
  const cv::Point2d centre(size.width / 2.0 + im.shift.x, size.height / 2.0 + im.shift.y);
  const cv::Size2d contact = m.axes * (0.9 + 0.2 * pressure);
  // Heavier pressure flattens the ridges onto the glass: a ridge covers more of each period.
  const double ridge_bias = 0.45 - 0.9 * pressure;
  const double top_cut = -contact.height + (1 - std::clamp(im.contact, 0.2, 1.0)) * 2 * contact.height;

  cv::Mat print(size, CV_32F);
  for (int y = 0; y < size.height; ++y) {
    float* row = print.ptr<float>(y);
    for (int x = 0; x < size.width; ++x) {
      const double ux = x - centre.x, uy = y - centre.y;
      cv::Point2d p(ca * ux - sa * uy, sa * ux + ca * uy);
      if (im.distortion_px > 0) {
        p.x += im.distortion_px * std::sin(stretch_x.kx * p.x + stretch_x.ky * p.y + stretch_x.phase);
        p.y += im.distortion_px * std::sin(stretch_y.kx * p.x + stretch_y.ky * p.y + stretch_y.phase);
      }
      const double ex = p.x / contact.width, ey = p.y / contact.height;
      double inside = std::clamp((1.0 - std::sqrt(ex * ex + ey * ey)) * 8.0, 0.0, 1.0);
      inside *= std::clamp((p.y - top_cut) / 6.0, 0.0, 1.0);
      if (inside <= 0) {
        row[x] = static_cast<float>(kPaper);
        continue;
      }
      const double ridge = std::tanh(2.5 * (std::cos(Phase(m, p)) - ridge_bias));
      row[x] = static_cast<float>(kPaper - inside * (95 + 85 * ridge));
    }
  }
  cv::GaussianBlur(print, print, cv::Size(0, 0), 0.7);
  if (im.smudge > 0) {
    // Wet skin: the ridges blur together and the contrast washes out.
    cv::GaussianBlur(print, print, cv::Size(0, 0), 1 + 5 * im.smudge);
    print = print * (1 - 0.6 * im.smudge) + kPaper * 0.6 * im.smudge;
  }
  if (im.noise > 0) {
    cv::Mat noise(size, CV_32F);
    rng.fill(noise, cv::RNG::NORMAL, 0, im.noise);
    print += noise;
  }
  cv::Mat grey;
  print.convertTo(grey, CV_8U);
  return grey;
}

FingerImpression VariedImpression(std::uint64_t finger_seed, int index) {
  cv::RNG rng(0xA11CE000ULL + finger_seed * 1000003ULL + static_cast<std::uint64_t>(index) * 7777);
  FingerImpression im;
  im.rotation_deg = rng.uniform(-20.0, 20.0);
  im.shift = {rng.uniform(-25.0, 25.0), rng.uniform(-25.0, 25.0)};
  im.pressure = rng.uniform(0.3, 0.7);
  im.distortion_px = rng.uniform(0.0, 3.0);
  im.noise = rng.uniform(3.0, 9.0);
  im.noise_seed = static_cast<std::uint64_t>(index) + 1;
  return im;
}

}  // namespace kiosk::sim
