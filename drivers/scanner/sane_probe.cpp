#include "drivers/device_probes.h"
#include "kiosk/core/i18n.h"

#ifdef KIOSK_WITH_SANE
#include <sane/sane.h>
#endif

namespace kiosk::drivers {
namespace {

class ScannerProbe final : public diag::Probe {
 public:
  std::vector<diag::Check> Run(const Config& config) override {
    using diag::Status;
#ifdef KIOSK_WITH_SANE
    std::vector<diag::Check> out;
    SANE_Int version = 0;
    SANE_Status status = sane_init(&version, nullptr);
    if (status != SANE_STATUS_GOOD) {
      return {{"scanner", "", Status::kError, N_("The scanner service (SANE) cannot start: {0}."),
               {sane_strstatus(status)}}};
    }
    const SANE_Device** devices = nullptr;
    status = sane_get_devices(&devices, SANE_TRUE);  // local only: never wait on the network
    if (status != SANE_STATUS_GOOD) {
      out.push_back({"scanner", "", Status::kError, N_("Scanners cannot be listed: {0}."),
                     {sane_strstatus(status)}});
    }
    bool configured_found = config.devices.scanner.empty();
    for (size_t i = 0; devices != nullptr && devices[i] != nullptr; ++i) {
      std::string name = devices[i]->name;
      configured_found = configured_found || name == config.devices.scanner;
      out.push_back({"scanner", name, Status::kOk, N_("Scanner found: {0} {1}."),
                     {devices[i]->vendor ? devices[i]->vendor : "",
                      devices[i]->model ? devices[i]->model : ""}});
    }
    sane_exit();
    if (!configured_found) {
      out.push_back({"scanner", config.devices.scanner, Status::kError,
                     N_("The configured scanner is not connected."), {}});
    } else if (out.empty()) {
      out.push_back({"scanner", "", Status::kMissing, N_("No scanner is connected."), {}});
    }
    return out;
#else
    (void)config;
    return {{"scanner", "", Status::kMissing, N_("This build has no SANE scanner driver."), {}}};
#endif
  }
};

}  // namespace

std::unique_ptr<diag::Probe> MakeScannerProbe() { return std::make_unique<ScannerProbe>(); }

}  // namespace kiosk::drivers
