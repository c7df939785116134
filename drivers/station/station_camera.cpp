#include "drivers/camera/opencv_camera.h"
#include "drivers/sim/camera/synthetic_camera.h"
#include "drivers/station/station_devices.h"
#include "kiosk/core/paths.h"

namespace kiosk::drivers {

std::unique_ptr<biometrics::Camera> MakeStationCamera(const Config& config) {
  // KIOSK_DEMO_PKI is set by make demo (and the UI tests): a drawn, invented face, never a
  // real camera or a real person.
  if (paths::GetEnv("KIOSK_DEMO_PKI")) return std::make_unique<sim::SyntheticCamera>();
  if (config.devices.cameras.empty()) return nullptr;
  CameraSource source;
  source.spec = config.devices.cameras.front();
  return std::make_unique<OpenCvCamera>(std::move(source));
}

}  // namespace kiosk::drivers
