#pragma once
// The live check of each station device, shared by the technician's device tests and the
// dashboard's status lights (one implementation, two depths):
//  - kFull (technician, on request): the camera is opened and a picture taken, the fingerprint
//    sensor opened and closed.
//  - kPresence (dashboard, every few seconds): nothing a wizard page is using is taken away from
//    it. The camera is only opened (then closed at once) when nobody streams from it; while the
//    portrait page streams, "in use" is the answer. The fingerprint sensor is only enumerated.
// Each check blocks (device I/O, a TLS handshake): call it off the GUI thread.

#include <string>

#include <opencv2/core.hpp>

#include "kiosk/biometrics/camera.h"
#include "kiosk/biometrics/fingerprint_sensor.h"
#include "kiosk/documents/document_scanner.h"
#include "kiosk/station/chip_source.h"
#include "kiosk/station/provisioning.h"
#include "kiosk/station/sync_control.h"

namespace kiosk::ui {

enum class DeviceKind { kReader, kCamera, kFingerprint, kScanner, kServer };
inline constexpr DeviceKind kAllDevices[] = {DeviceKind::kReader, DeviceKind::kCamera,
                                             DeviceKind::kFingerprint, DeviceKind::kScanner,
                                             DeviceKind::kServer};

enum class DeviceHealth { kOk, kMissing, kError };
enum class CheckDepth { kFull, kPresence };

// What the checks use; any pointer may be null (the device is then "not configured").
struct DevicePorts {
  station::ChipSource* chip = nullptr;
  // The chip source is the in-process emulator (make demo): no PC/SC reader is involved.
  bool chip_is_simulated = false;
  biometrics::Camera* camera = nullptr;
  biometrics::FingerprintSensor* fingerprints = nullptr;
  documents::DocumentScanner* scanner = nullptr;
  station::SyncControl* sync = nullptr;
  // Live PC/SC ("reader": readers, card present) and server (mutual TLS) probes.
  station::Provisioning* provisioning = nullptr;
};

struct DeviceOutcome {
  DeviceHealth health = DeviceHealth::kMissing;
  std::string subject;  // what the port says it is ("Emulated CCCD (demo)", "device 0")
  std::string status;   // translated, one line per finding
  std::string headline; // translated: the one finding a status light shows
  cv::Mat frame;        // the camera's picture (kFull only)
};

std::string DeviceName(DeviceKind kind);  // translated: "Card reader"
// Stable id for widget names and logs: "reader", "camera", "fingerprint", "scanner", "server".
std::string_view DeviceId(DeviceKind kind);

DeviceOutcome CheckDevice(DeviceKind kind, const DevicePorts& ports, CheckDepth depth);

}  // namespace kiosk::ui
