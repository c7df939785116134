#pragma once
// The station's identity for the central server. ONE key pair: the store's station key
// (crypto::StationKey, <data_dir>/keys/station-key.pem, 0600), which already signs sealed
// records, batches and audit checkpoints. Provisioning certifies that same key (a CSR with the
// station id as CN that the technician takes to the central CA, then the certificate it
// issues), so the packets' CMS signatures, mutual TLS and the store's own signatures all come
// from one key and earlier signatures stay verifiable.
//
// Earlier builds kept a separate sync key in <data_dir>/station/station.key; MigrateLegacyKey
// folds it into the one key (see there).

#include <filesystem>
#include <string>

#include "kiosk/core/result.h"

namespace kiosk::sync {

struct StationFiles {
  std::filesystem::path dir;          // <data_dir>/station
  std::filesystem::path key;          // the store's station key: <data_dir>/keys/station-key.pem
  std::filesystem::path csr;          // station/station.csr
  std::filesystem::path certificate;  // station/station.pem
  std::filesystem::path server_certificate;  // station/server.pem: the server's, for encryption
  std::filesystem::path legacy_key;   // station/station.key of earlier builds
};
StationFiles StationFilesIn(const std::filesystem::path& data_dir);

// Folds an earlier build's separate sync key into the one station key:
//  - no store key yet: the legacy key becomes the store key (its certificate stays valid);
//  - the same key: the legacy copy is removed;
//  - another key: the store key wins (it signed the records); the legacy key is renamed
//    station.key.retired and a certificate issued for it station.pem.retired, and the station
//    must be provisioned again. Returns what was done, in English, or "" when nothing was.
Result<std::string> MigrateLegacyKey(const std::filesystem::path& data_dir);

// Whether the installed certificate belongs to the station key (false when either is missing).
bool CertificateMatchesStationKey(const std::filesystem::path& data_dir);

struct StationInitResult {
  std::filesystem::path csr_file;
  std::string csr_pem;
};
// Writes a CSR for the station key, creating the key when the station has none yet. `replace`
// makes a new key, refused once the store exists (its records are signed by the current key).
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
