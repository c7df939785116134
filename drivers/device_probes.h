#pragma once
// The device probes `kiosk-cli doctor` and the technician screen run, one per device kind.

#include <memory>
#include <vector>

#include "kiosk/diagnostics/check.h"

namespace kiosk::drivers {

std::unique_ptr<diag::Probe> MakePcscProbe();
std::unique_ptr<diag::Probe> MakeCameraProbe();
std::unique_ptr<diag::Probe> MakeFingerprintProbe();
std::unique_ptr<diag::Probe> MakeScannerProbe();

// All of the above, in the order doctor prints them.
std::vector<std::unique_ptr<diag::Probe>> MakeDeviceProbes();

}  // namespace kiosk::drivers
