#pragma once
// A simulated camera for the demo and the tests: it renders a drawn, invented face (no real
// person) on a plain wall at 30 frames per second, the way a citizen sits down in front of the
// station: first too far and off to the side, then centred and still. The script loops, so the
// portrait step can be retaken as often as wanted.
//
// Implements kiosk/biometrics/camera.h (same threading contract): Open() starts a renderer thread
// that keeps only the newest frame. SimulateUnplug() makes the source lost, as a USB camera pulled
// out would, so the portrait page's error path can be shown and tested.

#include <condition_variable>
#include <memory>
#include <mutex>
#include <thread>

#include "drivers/sim/camera/synthetic_face.h"
#include "kiosk/biometrics/camera.h"

namespace kiosk::sim {

class SyntheticCamera final : public biometrics::Camera {
 public:
  explicit SyntheticCamera(SyntheticCameraOptions options = {});
  ~SyntheticCamera() override;

  Result<void> Open() override;
  void Close() override;
  biometrics::CameraState state() const override;
  Result<biometrics::CameraFrame> NextFrame(std::uint64_t after_sequence,
                                            std::chrono::milliseconds timeout) override;
  std::optional<Error> lost_reason() const override;
  std::string description() const override { return "synthetic face (demo)"; }

  // The next frames fail with kDeviceRemoved, as when the cable is pulled; Open() again replugs.
  void SimulateUnplug();

 private:
  void Render(std::stop_token stop);
  void StopRenderer();  // REQUIRES: open_mutex_ held
  SyntheticCameraOptions options_;
  std::mutex open_mutex_;  // serialises Open() and Close(), which may come from two threads
  mutable std::mutex mutex_;
  std::condition_variable_any changed_;
  biometrics::CameraState state_ = biometrics::CameraState::kClosed;
  std::optional<Error> lost_;
  biometrics::CameraFrame latest_;
  std::jthread renderer_;
};

}  // namespace kiosk::sim
