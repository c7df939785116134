#pragma once
// The station's devices behind the core's ports, chosen from the configuration (devices.*):
// the composition root calls these once at start. Each returns null when the device is switched
// off in the configuration or this build has no driver for it; the wizard page then says so.
// Nothing is opened here: a page opens its device when shown and closes it when left.

#include <memory>

#include "kiosk/biometrics/camera.h"
#include "kiosk/biometrics/fingerprint_sensor.h"
#include "kiosk/core/config.h"
#include "kiosk/documents/document_scanner.h"

namespace kiosk::drivers {

// devices.cameras[0]: a device index, a video file, an image sequence or a GStreamer pipeline.
std::unique_ptr<biometrics::Camera> MakeStationCamera(const Config& config);
// libfprint's first image-giving device (FP_VIRTUAL_IMAGE in demo mode and tests).
std::unique_ptr<biometrics::FingerprintSensor> MakeStationFingerprintSensor(const Config& config);
// SANE; the device is devices.scanner, or the first one found when empty.
std::unique_ptr<documents::DocumentScanner> MakeStationScanner(const Config& config);

}  // namespace kiosk::drivers
