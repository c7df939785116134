#include "sync/server_probe.h"

#include <filesystem>

#include "kiosk/core/i18n.h"
#include "sync/client/curl_transport.h"
#include "sync/client/station_identity.h"

namespace kiosk::sync {

// The central server requires the station's client certificate, so reachability is checked the
// way sync talks to it: mutual TLS with the pinned CA (GET /v1/health). Without a certificate
// the station is not registered yet, which doctor says instead of a TLS error.
std::vector<diag::Check> ProbeServer(const Config& config) {
  using diag::Status;
  if (config.server.url.empty()) return {};  // CheckConfig already says "not provisioned"
  StationFiles files = StationFilesIn(config.data_dir);
  std::error_code ec;
  if (!std::filesystem::exists(files.certificate, ec)) {
    return {{"server", config.server.url, Status::kMissing,
             N_("The station is not registered yet: run kiosk-cli station init, then import its certificate."),
             {}}};
  }
  // One station key: the certificate must certify the store's key (see station_identity.h).
  if (std::filesystem::exists(files.legacy_key, ec)) {
    return {{"server", files.legacy_key.string(), Status::kError,
             N_("A separate sync key from an earlier version is present: run kiosk-cli station init to fold it into the station key."),
             {}}};
  }
  if (!CertificateMatchesStationKey(config.data_dir)) {
    return {{"server", files.certificate.string(), Status::kError,
             N_("The station certificate does not belong to the station key: provision the station again."),
             {}}};
  }
  auto transport = CurlTransport::Create(TransportOptionsFromConfig(config));
  if (!transport) {
    return {{"server", config.server.url, Status::kError, transport.error().message_key(),
             transport.error().args()}};
  }
  if (auto health = (*transport)->Health(); !health) {
    return {{"server", config.server.url, Status::kError, N_("Central server unreachable: {0}."),
             {health.error().EnglishMessage()}}};
  }
  return {{"server", config.server.url, Status::kOk, N_("Central server reachable."), {}}};
}

}  // namespace kiosk::sync
