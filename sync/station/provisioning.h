#pragma once
// station::Provisioning over the station identity code (sync/client/station_identity.h), the
// store's settings and audit log, and the chip trust folder. The composition root makes one:
//
//   sync::ProvisioningOptions p;
//   p.config = config; p.store = store.get(); p.trust_dir = drivers::TrustDir(config);
//   p.probe_devices = [config](std::string_view area) {
//     return drivers::ProbeStationDevices(config, area); };
//   auto provisioning = sync::MakeStationProvisioning(std::move(p));
//   services.provisioning = provisioning.get();

#include <functional>
#include <memory>
#include <string_view>
#include <vector>

#include "kiosk/core/clock.h"
#include "kiosk/core/config.h"
#include "kiosk/station/central_ca.h"
#include "kiosk/station/provisioning.h"
#include "kiosk/store/store.h"

namespace kiosk::sync {

struct ProvisioningOptions {
  Config config;                    // data_dir, server.url, server.ca_file
  store::Store* store = nullptr;    // settings and audit; null: registration without them
  std::filesystem::path trust_dir;  // the chip trust folder (drivers::TrustDir)
  // The devices' live checks for one area ("reader", "camera", "fingerprint", "scanner"; empty:
  // all). Null: doctor reports no devices.
  std::function<std::vector<diag::Check>(std::string_view area)> probe_devices;
  // The server check; default: sync::ProbeServer.
  std::function<std::vector<diag::Check>(const Config&)> probe_server;
  const Clock* clock = nullptr;     // default: the system clock
};

std::unique_ptr<station::Provisioning> MakeStationProvisioning(ProvisioningOptions options);

// The pinned central CA is decided by the core (kiosk/station/central_ca.h) for every layer.
using station::CentralCaFile;
using station::CentralCaInUse;

}  // namespace kiosk::sync
