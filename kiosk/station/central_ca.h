#pragma once
// Which central CA certificate the station pins. Decided in one place so that sync (TLS and the
// server's encryption certificate), the technician's registration screen, `kiosk-cli station
// import-cert` and doctor never disagree about it.

#include <filesystem>

#include "kiosk/core/config.h"

namespace kiosk::station {

// Where the technician's import keeps the central CA: <data_dir>/station/central-ca.pem.
std::filesystem::path CentralCaFile(const Config& config);

// The configuration's server.ca_file when set (whether or not the file exists: a wrong path must
// show, not be silently replaced); otherwise the imported CentralCaFile when it exists; otherwise
// empty: no CA is pinned yet.
std::filesystem::path CentralCaInUse(const Config& config);

}  // namespace kiosk::station
