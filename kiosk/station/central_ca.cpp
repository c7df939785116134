#include "kiosk/station/central_ca.h"

namespace kiosk::station {

namespace fs = std::filesystem;

fs::path CentralCaFile(const Config& config) {
  return config.data_dir / "station" / "central-ca.pem";
}

fs::path CentralCaInUse(const Config& config) {
  if (!config.server.ca_file.empty()) return config.server.ca_file;
  std::error_code ec;
  fs::path imported = CentralCaFile(config);
  return fs::exists(imported, ec) ? imported : fs::path();
}

}  // namespace kiosk::station
