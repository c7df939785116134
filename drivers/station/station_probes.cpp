#include "drivers/station/station_probes.h"

#include "drivers/device_probes.h"

namespace kiosk::drivers {

std::vector<diag::Check> ProbeStationDevices(const Config& config, std::string_view area) {
  if (area.empty()) {
    std::vector<diag::Check> all;
    for (auto& probe : MakeDeviceProbes()) {
      auto checks = probe->Run(config);
      all.insert(all.end(), checks.begin(), checks.end());
    }
    return all;
  }
  std::unique_ptr<diag::Probe> probe;
  if (area == "reader" || area == "card") {
    probe = MakePcscProbe();
  } else if (area == "camera") {
    probe = MakeCameraProbe();
  } else if (area == "fingerprint") {
    probe = MakeFingerprintProbe();
  } else if (area == "scanner") {
    probe = MakeScannerProbe();
  }
  if (!probe) return {};
  return probe->Run(config);
}

}  // namespace kiosk::drivers
