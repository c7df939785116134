#pragma once
// Doctor's checks of what keeps the station's data and identity safe: the key files are the
// owner's only, the certificates are within their validity (and not about to expire), and the
// trust store holds current CSCA certificates for Passive Authentication.
//
// Each check takes `now` so tests can place it anywhere in a certificate's life.

#include <chrono>
#include <filesystem>
#include <string>
#include <vector>

#include "kiosk/diagnostics/check.h"

namespace kiosk::diag {

// A certificate expiring within this is reported as a warning.
inline constexpr std::chrono::days kCertificateRenewalWarning{30};

struct KeyFile {
  std::string area;  // "store-key", "station-key"
  std::filesystem::path path;
  // A missing key while the database exists is an error (the database cannot be opened, or its
  // signatures checked, without it); before the first run it is only "not created yet".
  bool required = false;
};

// The store's data-key file and the station's signing key (which sync certifies), under
// config.data_dir; required once the station database exists.
std::vector<KeyFile> StationKeyFiles(const Config& config);
// Each key: present, a regular file, and not readable or writable by group or others (POSIX;
// on Windows the data key is protected by DPAPI and ACLs instead, so the mode is not checked).
std::vector<Check> CheckKeyFiles(const std::vector<KeyFile>& keys);

// One certificate file (PEM, possibly several certificates, or DER): every certificate in it is
// valid at `now`; one expiring within kCertificateRenewalWarning is a warning.
std::vector<Check> CheckCertificateFile(const std::string& area,
                                        const std::filesystem::path& file,
                                        std::chrono::system_clock::time_point now);
// The station certificate (<data_dir>/station/station.pem, installed by `kiosk-cli station
// import-cert`) and the central CA (server.ca_file). Missing ones are reported as such (the
// station is not provisioned yet).
std::vector<Check> CheckCertificates(const Config& config,
                                     std::chrono::system_clock::time_point now);

// The CSCA trust store folder: how many certificates it holds, how many have expired. Empty or
// missing: chips can only be "not verifiable" (a warning); all expired: an error.
std::vector<Check> CheckTrustStore(const std::filesystem::path& dir,
                                   std::chrono::system_clock::time_point now);
// The station's trust store: <data_dir>/trust (where the station loads it from).
std::filesystem::path TrustStoreDir(const Config& config);

}  // namespace kiosk::diag
