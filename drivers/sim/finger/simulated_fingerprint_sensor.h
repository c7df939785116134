#pragma once
// A simulated fingerprint sensor for the demo and the tests: every capture gives a drawn,
// invented print (500 ppi, ridges dark on light; no real finger; see synthetic_finger.h), a
// different finger for each capture number so two captures never look like the same finger.
// Switches simulate what real sensors do: a poor print (smudged), a finger never placed (the
// capture waits until the timeout or Cancel()), the sensor unplugged, and the citizen placing the
// same finger again (a new impression of the previous capture's finger).
//
// Implements kiosk/biometrics/fingerprint_sensor.h with the same threading contract.

#include <atomic>
#include <condition_variable>
#include <mutex>

#include "drivers/sim/finger/synthetic_finger.h"
#include "kiosk/biometrics/fingerprint_sensor.h"

namespace kiosk::sim {

// A drawn print of invented finger `seed`, centred and upright (DrawFingerImpression with the
// reference placement). quality_drop 0 gives a clean print; towards 1 it is smudged.
cv::Mat DrawSyntheticFingerprint(std::uint64_t seed, double quality_drop = 0, cv::Size size = {300, 400});

struct SimulatedSensorOptions {
  std::chrono::milliseconds placement_delay{300};  // how long the "finger" takes to arrive
};

class SimulatedFingerprintSensor final : public biometrics::FingerprintSensor {
 public:
  explicit SimulatedFingerprintSensor(SimulatedSensorOptions options = {}) : options_(options) {}

  Result<std::vector<biometrics::FingerprintDeviceInfo>> Enumerate() override;
  Result<void> Open(const std::string& device_id) override;
  Result<biometrics::FingerprintImage> Capture(std::chrono::milliseconds timeout) override;
  void Cancel() override;
  void Close() override;

  // Switches (any thread): the next captures give smudged prints; no finger arrives; unplugged.
  void SimulatePoorPrints(bool poor) { poor_ = poor; }
  void SimulateNoFinger(bool none) { no_finger_ = none; }
  void SimulateUnplug(bool unplugged) { unplugged_ = unplugged; }
  // While on, each capture is another impression of the last finger captured before it was on.
  void SimulateSameFingerAgain(bool again) { repeat_finger_ = again; }
  int captures() const { return captures_; }

 private:
  SimulatedSensorOptions options_;
  std::mutex mutex_;
  std::condition_variable cancelled_cv_;
  bool cancel_requested_ = false;
  bool open_ = false;
  std::atomic<bool> poor_{false}, no_finger_{false}, unplugged_{false};
  std::atomic<int> captures_{0};
  std::atomic<bool> repeat_finger_{false};
  int last_finger_ = 0;  // guarded by mutex_
};

}  // namespace kiosk::sim
