#pragma once
// The devices' live checks for the technician screen and the support bundle's doctor output,
// one area at a time: "reader" (PC/SC readers and whether a card is present), "camera",
// "fingerprint", "scanner"; empty: all of them, in doctor's order. The composition root hands
// this to sync::ProvisioningOptions::probe_devices (the views know no drivers).

#include <string_view>
#include <vector>

#include "kiosk/core/config.h"
#include "kiosk/diagnostics/check.h"

namespace kiosk::drivers {

std::vector<diag::Check> ProbeStationDevices(const Config& config, std::string_view area);

}  // namespace kiosk::drivers
