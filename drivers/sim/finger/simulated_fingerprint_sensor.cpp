#include "drivers/sim/finger/simulated_fingerprint_sensor.h"

#include <cmath>
#include <numbers>

#include <opencv2/imgproc.hpp>

#include "kiosk/core/i18n.h"

namespace kiosk::sim {

namespace {
constexpr double kRidgePeriod = 9.0;  // pixels at 500 ppi: about 0.46 mm
constexpr const char* kDeviceId = "sim-0";
}  // namespace

cv::Mat DrawSyntheticFingerprint(std::uint64_t seed, double quality_drop, cv::Size size) {
  cv::RNG rng(0xF1A6E000ULL + seed);
  const cv::Point2d core(size.width * rng.uniform(0.40, 0.60), size.height * rng.uniform(0.40, 0.55));
  const double stretch = rng.uniform(1.15, 1.45);   // ellipticity of the whorl
  const double twist = rng.uniform(-0.6, 0.6);      // how the ridges spiral
  const double phase = rng.uniform(0.0, 2 * std::numbers::pi);
  cv::Mat print(size, CV_32F);
  const cv::Point2d centre(size.width / 2.0, size.height / 2.0);
  const cv::Size2d finger(size.width * 0.42, size.height * 0.46);
  for (int y = 0; y < size.height; ++y) {
    float* row = print.ptr<float>(y);
    for (int x = 0; x < size.width; ++x) {
      const double dx = x - core.x, dy = (y - core.y) / stretch;
      const double r = std::sqrt(dx * dx + dy * dy);
      const double ridge = std::cos(2 * std::numbers::pi * r / kRidgePeriod + twist * std::atan2(dy, dx) + phase);
      // Finger-shaped area with a soft edge: paper white outside.
      const double ex = (x - centre.x) / finger.width, ey = (y - centre.y) / finger.height;
      const double inside = std::clamp((1.0 - std::sqrt(ex * ex + ey * ey)) * 8.0, 0.0, 1.0);
      row[x] = static_cast<float>(235 - inside * (95 + 85 * ridge));
    }
  }
  if (quality_drop > 0) {
    // Smudge: blur the ridges together and wash the contrast out.
    cv::GaussianBlur(print, print, cv::Size(0, 0), 1 + 5 * quality_drop);
    print = print * (1 - 0.6 * quality_drop) + 235 * 0.6 * quality_drop;
  }
  cv::Mat noise(size, CV_32F);
  rng.fill(noise, cv::RNG::NORMAL, 0, 6);
  print += noise;
  cv::Mat grey;
  print.convertTo(grey, CV_8U);
  return grey;
}

Result<std::vector<biometrics::FingerprintDeviceInfo>> SimulatedFingerprintSensor::Enumerate() {
  if (unplugged_) return std::vector<biometrics::FingerprintDeviceInfo>{};
  return std::vector<biometrics::FingerprintDeviceInfo>{
      {kDeviceId, "Simulated fingerprint sensor (demo)", "sim", true}};
}

Result<void> SimulatedFingerprintSensor::Open(const std::string& device_id) {
  if (unplugged_ || (!device_id.empty() && device_id != kDeviceId)) {
    return Fail(Error(ErrorCode::kDeviceNotFound, N_("No fingerprint sensor is connected."), device_id));
  }
  std::lock_guard lock(mutex_);
  open_ = true;
  cancel_requested_ = false;
  return {};
}

void SimulatedFingerprintSensor::Close() {
  std::lock_guard lock(mutex_);
  open_ = false;
}

void SimulatedFingerprintSensor::Cancel() {
  std::lock_guard lock(mutex_);
  cancel_requested_ = true;
  cancelled_cv_.notify_all();
}

Result<biometrics::FingerprintImage> SimulatedFingerprintSensor::Capture(std::chrono::milliseconds timeout) {
  std::unique_lock lock(mutex_);
  if (!open_) return Fail(Error(ErrorCode::kInternal, N_("The fingerprint sensor is not open."), "sim"));
  cancel_requested_ = false;
  const auto wait = no_finger_ ? timeout : std::min(timeout, options_.placement_delay);
  if (cancelled_cv_.wait_for(lock, wait, [this] { return cancel_requested_ || unplugged_.load(); })) {
    if (unplugged_) {
      return Fail(Error(ErrorCode::kDeviceRemoved, N_("The fingerprint sensor was disconnected."), "sim"));
    }
    return Fail(Error::Cancelled());
  }
  if (unplugged_) {
    return Fail(Error(ErrorCode::kDeviceRemoved, N_("The fingerprint sensor was disconnected."), "sim"));
  }
  if (no_finger_) {
    return Fail(Error(ErrorCode::kTimeout, N_("No finger was placed in time."), "sim"));
  }
  const int number = ++captures_;
  return biometrics::FingerprintImage{DrawSyntheticFingerprint(static_cast<std::uint64_t>(number), poor_ ? 0.9 : 0),
                                      500};
}

}  // namespace kiosk::sim
