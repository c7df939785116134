#include "drivers/device_probes.h"

namespace kiosk::drivers {

std::vector<std::unique_ptr<diag::Probe>> MakeDeviceProbes() {
  std::vector<std::unique_ptr<diag::Probe>> probes;
  probes.push_back(MakePcscProbe());
  probes.push_back(MakeCameraProbe());
  probes.push_back(MakeFingerprintProbe());
  probes.push_back(MakeScannerProbe());
  return probes;
}

}  // namespace kiosk::drivers
