#pragma once
// The technician's handle on the station's registration with the central server (issue 9) and
// on what a technician inspects: the station key and its certificate request (CSR), the
// certificate the central CA issued, the central CA itself, the chip trust store (CSCA
// certificates, ICAO master lists), the doctor checks, the log and the support bundle.
// The sync layer implements it (sync/station/provisioning.h) over the station identity code;
// the technician screen and `kiosk-cli station provision` only see this port.
//
// Every change needs a technician or an administrator (auth::Action::kChangeSettings, checked by
// the implementation, not the screen) and is audited; reads need no session.
//
// Thread safety: every call may block on disk or the network (doctor): call from a worker
// thread, one at a time.

#include <cstddef>
#include <filesystem>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "kiosk/auth/authenticator.h"
#include "kiosk/core/result.h"
#include "kiosk/diagnostics/check.h"

namespace kiosk::station {

struct CertificateInfo {
  std::string subject;     // one line, "CN=ST-HN-0001, O=…"
  std::string issuer;
  std::string not_before;  // ISO 8601 UTC
  std::string not_after;
  bool valid_now = false;  // not_before <= now <= not_after
};

struct RegistrationStatus {
  std::string station_id;        // the effective id (the default one until a technician sets it)
  bool station_id_set = false;   // a technician chose it (settings station.id)
  std::string unit;              // settings station.unit
  bool has_key = false;          // the station key exists
  std::filesystem::path csr_file;  // the last CSR written; empty when none
  std::optional<CertificateInfo> certificate;  // the station's, once imported
  bool certificate_matches_key = false;
  std::optional<CertificateInfo> central_ca;   // the pinned central CA, once imported
  std::filesystem::path central_ca_file;
  bool server_configured = false;  // server.url in the configuration
  size_t trust_anchors = 0;        // CSCA certificates in the chip trust store

  // What a first run must finish before the station can upload: an id, a certificate for its
  // key, the central CA.
  bool Registered() const {
    return station_id_set && certificate.has_value() && certificate_matches_key &&
           central_ca.has_value();
  }
};

struct TrustEntry {
  std::string file;        // relative to the trust folder
  std::string subject;
  std::string not_before;  // ISO 8601 UTC
  std::string not_after;
  bool anchor = false;     // accepted as a CSCA trust anchor
  std::string problem;     // why not (English), when !anchor
};

struct SupportBundleInfo {
  std::filesystem::path file;
  std::vector<std::string> entries;  // member names, in order
  size_t bytes = 0;
};

class Provisioning {
 public:
  Provisioning() = default;
  Provisioning(const Provisioning&) = delete;
  Provisioning& operator=(const Provisioning&) = delete;
  virtual ~Provisioning() = default;

  virtual Result<RegistrationStatus> Status() = 0;

  // Sets station.id (and station.unit when not empty), creates the station key when there is
  // none, writes the CSR and copies it to save_as (when not empty: the file the technician
  // carries to the central CA). Returns where the CSR was saved.
  virtual Result<std::filesystem::path> GenerateCsr(const auth::Session& session,
                                                    const std::string& station_id,
                                                    const std::string& unit,
                                                    const std::filesystem::path& save_as) = 0;
  // The central CA (PEM): a CA certificate, pinned for TLS and to check the station's
  // certificate.
  virtual Result<CertificateInfo> ImportCentralCa(const auth::Session& session,
                                                  const std::filesystem::path& file) = 0;
  // The station's certificate (PEM) issued for its CSR: it must belong to the station key and,
  // once the central CA is known, chain to it.
  virtual Result<CertificateInfo> ImportCertificate(const auth::Session& session,
                                                    const std::filesystem::path& file) = 0;

  // The chip trust store: every certificate in the trust folder (master lists unpacked).
  virtual Result<std::vector<TrustEntry>> ListTrust() = 0;
  // A CSCA certificate (PEM/DER) or an ICAO master list (.ml, CMS): checked, then copied into
  // the trust folder. Returns how many CSCA anchors it adds. A file without any is refused.
  virtual Result<size_t> ImportTrust(const auth::Session& session,
                                     const std::filesystem::path& file) = 0;

  // Doctor: configuration, data directory, devices, server.
  virtual std::vector<diag::Check> Doctor() = 0;
  // One area's live checks: "reader" (readers and card present), "server" (reachable over TLS).
  virtual std::vector<diag::Check> Probe(std::string_view area) = 0;

  // The last lines of the station log (already redacted when written; redacted again here).
  virtual Result<std::vector<std::string>> LogTail(size_t lines) = 0;
  // A .tar.gz of logs, configuration (secrets removed), doctor output, settings, registration
  // status and versions; never the database, keys, drafts or any citizen data.
  virtual Result<SupportBundleInfo> WriteSupportBundle(const auth::Session& session,
                                                       const std::filesystem::path& file) = 0;
};

}  // namespace kiosk::station
