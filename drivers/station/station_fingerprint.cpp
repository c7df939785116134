#include "drivers/station/station_devices.h"

#if defined(KIOSK_WITH_LIBFPRINT)
#include "drivers/fingerprint/libfprint_sensor.h"
#endif

namespace kiosk::drivers {

std::unique_ptr<biometrics::FingerprintSensor> MakeStationFingerprintSensor(const Config& config) {
  if (!config.devices.fingerprint) return nullptr;
#if defined(KIOSK_WITH_LIBFPRINT)
  return std::make_unique<LibfprintSensor>();
#else
  return nullptr;
#endif
}

}  // namespace kiosk::drivers
