#pragma once
// The station's identity for the central server: an ECDSA P-256 key pair created on the
// station (the private key never leaves it: file 0600 in the data directory), a CSR with the
// station id as CN that the technician takes to the central CA, and the certificate it issues.

#include <filesystem>
#include <string>

#include "kiosk/core/result.h"

namespace kiosk::sync {

struct StationFiles {
  std::filesystem::path dir;          // <data_dir>/station
  std::filesystem::path key;          // station.key (0600)
  std::filesystem::path csr;          // station.csr
  std::filesystem::path certificate;  // station.pem
};
StationFiles StationFilesIn(const std::filesystem::path& data_dir);

struct StationInitResult {
  std::filesystem::path csr_file;
  std::string csr_pem;
};
// Creates the key pair and the CSR. Refuses to replace an existing key unless `replace`.
Result<StationInitResult> InitStation(const std::filesystem::path& data_dir,
                                      const std::string& station_id, bool replace = false);

struct StationCertificateInfo {
  std::string station_id;
  std::string not_after;  // ISO 8601
};
// Checks that the certificate belongs to the station's key (and chains to `ca_file` when one is
// given), then installs it as station.pem.
Result<StationCertificateInfo> ImportStationCertificate(const std::filesystem::path& data_dir,
                                                        const std::filesystem::path& cert_file,
                                                        const std::filesystem::path& ca_file);

}  // namespace kiosk::sync
