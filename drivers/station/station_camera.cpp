#include "drivers/camera/opencv_camera.h"
#include "drivers/station/station_devices.h"

namespace kiosk::drivers {

std::unique_ptr<biometrics::Camera> MakeStationCamera(const Config& config) {
  if (config.devices.cameras.empty()) return nullptr;
  CameraSource source;
  source.spec = config.devices.cameras.front();
  return std::make_unique<OpenCvCamera>(std::move(source));
}

}  // namespace kiosk::drivers
