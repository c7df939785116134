#include "drivers/sim/finger/simulated_fingerprint_sensor.h"
#include "drivers/station/station_devices.h"
#include "kiosk/core/paths.h"

#if defined(KIOSK_WITH_LIBFPRINT)
#include "drivers/fingerprint/libfprint_sensor.h"
#endif

namespace kiosk::drivers {

std::unique_ptr<biometrics::FingerprintSensor> MakeStationFingerprintSensor(const Config& config) {
  // make demo (KIOSK_DEMO_PKI): drawn prints in-process. libfprint's virtual_image device would
  // need a feeder process beside the app; the in-process sensor gives the same images without one.
  if (paths::GetEnv("KIOSK_DEMO_PKI")) return std::make_unique<sim::SimulatedFingerprintSensor>();
  if (!config.devices.fingerprint) return nullptr;
#if defined(KIOSK_WITH_LIBFPRINT)
  return std::make_unique<LibfprintSensor>();
#else
  return nullptr;
#endif
}

}  // namespace kiosk::drivers
