#include "drivers/sim/finger/simulated_fingerprint_sensor.h"

#include "kiosk/core/i18n.h"

namespace kiosk::sim {

namespace {
constexpr const char* kDeviceId = "sim-0";
}  // namespace

cv::Mat DrawSyntheticFingerprint(std::uint64_t seed, double quality_drop, cv::Size size) {
  FingerImpression impression;
  impression.smudge = quality_drop;
  impression.noise = 6;
  return DrawFingerImpression(seed, impression, size);
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
  // A repeated finger is the previous capture's finger placed again: a new impression of it.
  if (repeat_finger_ && last_finger_ > 0) {
    FingerImpression again = VariedImpression(static_cast<std::uint64_t>(last_finger_), number);
    again.smudge = poor_ ? 0.9 : 0;
    return biometrics::FingerprintImage{DrawFingerImpression(static_cast<std::uint64_t>(last_finger_), again), 500};
  }
  last_finger_ = number;
  return biometrics::FingerprintImage{DrawSyntheticFingerprint(static_cast<std::uint64_t>(number), poor_ ? 0.9 : 0),
                                      500};
}

}  // namespace kiosk::sim
