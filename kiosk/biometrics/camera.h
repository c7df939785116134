#pragma once
// Camera: the port through which the core receives live pictures (portrait preview, QR scan).
// Implemented in drivers/camera (OpenCV VideoCapture: device, video file, image sequence,
// GStreamer pipeline) and by fakes in tests.
//
// Model: the camera runs its own grabber thread and keeps only the newest frame, so a slow
// consumer (the portrait checks) always works on the latest picture and never on a backlog.
//
//   kClosed --Open()--> kOpening --first frame--> kStreaming --source ends/unplugged--> kLost
//      ^                   |                                                              |
//      +----Close()--------+-------------------- Open() again (replug) <-----------------+
//
// Thread safety: every method may be called from any thread. NextFrame() blocks the caller (never
// call it on the GUI thread); Close() wakes any waiting NextFrame() with kCancelled.
// Frames are shared read-only: a consumer that modifies a frame must clone it first.

#include <chrono>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include <opencv2/core.hpp>

#include "kiosk/core/result.h"

namespace kiosk::biometrics {

enum class CameraState { kClosed, kOpening, kStreaming, kLost };

constexpr std::string_view ToString(CameraState state) {
  switch (state) {
    case CameraState::kClosed: return "closed";
    case CameraState::kOpening: return "opening";
    case CameraState::kStreaming: return "streaming";
    case CameraState::kLost: return "lost";
  }
  return "?";
}

struct CameraFrame {
  cv::Mat image;            // BGR, 8-bit
  std::uint64_t sequence = 0;  // 1 for the first frame after Open(), then increasing
  std::chrono::steady_clock::time_point captured_at;
};

class Camera {
 public:
  Camera() = default;
  Camera(const Camera&) = delete;
  Camera& operator=(const Camera&) = delete;
  virtual ~Camera() = default;

  // Opens the source and starts the grabber; returns once the first frame arrived (state
  // kStreaming) or with the reason it could not (kDeviceNotFound, kDeviceBusy, kTimeout…).
  // Valid in kClosed and kLost (reopening after an unplug).
  virtual Result<void> Open() = 0;
  // Stops the grabber and releases the device. Idempotent.
  virtual void Close() = 0;
  virtual CameraState state() const = 0;

  // The newest frame with a sequence greater than after_sequence, waiting up to timeout for one.
  // Fails with kDeviceRemoved once the source is lost (the error says why: unplugged, video
  // ended), kTimeout, or kCancelled when Close() is called meanwhile.
  virtual Result<CameraFrame> NextFrame(std::uint64_t after_sequence, std::chrono::milliseconds timeout) = 0;

  // Why the camera is kLost, if it is.
  virtual std::optional<Error> lost_reason() const = 0;
  // A description for logs and the technician: "device 0", "video frames.avi"… (no citizen data).
  virtual std::string description() const = 0;
};

}  // namespace kiosk::biometrics
