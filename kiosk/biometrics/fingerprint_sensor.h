#pragma once
// FingerprintSensor: the port through which the core captures fingerprint images. Implemented
// on Linux over libfprint (drivers/fingerprint), later on Windows over the Windows Biometric
// Framework, and by fakes in tests. Only image-giving sensors serve enrollment: the station needs
// the image (for the quality score and the record), not a match-on-device template.
//
// Threading contract: the calls block (Capture until a finger is placed, the timeout, or
// Cancel()), so call them from a worker thread, never the GUI thread, and from one thread at a
// time. Cancel() is the exception: any thread may call it to end a waiting Capture() with
// kCancelled.

#include <chrono>
#include <string>
#include <vector>

#include <opencv2/core.hpp>

#include "kiosk/core/result.h"

namespace kiosk::biometrics {

struct FingerprintDeviceInfo {
  std::string id;        // stable within a session; pass to Open()
  std::string name;      // for the technician ("Virtual image device for debugging")
  std::string driver;    // libfprint driver id, WBF unit id…
  bool gives_images = false;
};

struct FingerprintImage {
  cv::Mat image;         // 8-bit grey, ridges dark (biometric data: never log, wipe when done)
  double ppi = 500;
};

class FingerprintSensor {
 public:
  FingerprintSensor() = default;
  FingerprintSensor(const FingerprintSensor&) = delete;
  FingerprintSensor& operator=(const FingerprintSensor&) = delete;
  virtual ~FingerprintSensor() = default;

  virtual Result<std::vector<FingerprintDeviceInfo>> Enumerate() = 0;
  // Opens a device by id; an empty id opens the first one that gives images.
  virtual Result<void> Open(const std::string& device_id) = 0;
  // Waits for a finger and returns its image. kDeviceRemoved if the sensor is unplugged meanwhile,
  // kTimeout, kCancelled, or a retriable error asking to place the finger again.
  virtual Result<FingerprintImage> Capture(std::chrono::milliseconds timeout) = 0;
  // Thread-safe: ends a Capture() waiting on another thread.
  virtual void Cancel() = 0;
  virtual void Close() = 0;
};

}  // namespace kiosk::biometrics
