#include "drivers/station/station_devices.h"

#if defined(KIOSK_WITH_SANE)
#include "drivers/scanner/sane_scanner.h"
#endif

namespace kiosk::drivers {

std::unique_ptr<documents::DocumentScanner> MakeStationScanner([[maybe_unused]] const Config& config) {
#if defined(KIOSK_WITH_SANE)
  return MakeSaneScanner();
#else
  return nullptr;
#endif
}

}  // namespace kiosk::drivers
