#pragma once
// SyncTransport over libcurl: HTTPS with mutual TLS (the station's certificate and key), the
// central CA pinned (only it is trusted, not the system's CAs), an optional proxy, timeouts,
// and receipts checked against the pinned CA before they count.
//
// Thread safety: as SyncTransport (one call at a time); the instance keeps one curl handle so
// consecutive uploads reuse the TLS connection.

#include <chrono>
#include <filesystem>
#include <memory>
#include <mutex>
#include <string>

#include "kiosk/core/config.h"
#include "kiosk/sync_port/sync_transport.h"
#include "sync/client/server_answers.h"
#include "sync/packet/openssl_util.h"

namespace kiosk::sync {

struct CurlTransportOptions {
  std::string base_url;                     // https://host:port (no trailing slash needed)
  std::filesystem::path ca_file;            // the central CA, pinned
  std::filesystem::path cert_file;          // the station certificate (PEM)
  std::filesystem::path key_file;           // the station key (PEM, 0600)
  std::string proxy;                        // empty: none (and no proxy from the environment)
  std::chrono::milliseconds connect_timeout{10000};
  std::chrono::milliseconds request_timeout{120000};  // whole transfer
  std::chrono::seconds stall_timeout{30};   // abort when no byte moves for this long
  // Refuse to send with an expired station certificate (a clear error before any network).
  bool check_own_certificate = true;
};

// The station's files under the data directory (see sync/client/station_identity.h) and the
// configured server.
CurlTransportOptions TransportOptionsFromConfig(const Config& config);

// The connection settings every request shares (and the certificate probe, which must connect
// exactly as a request does): https only, TLS 1.2+, the pinned CA, the station's certificate and
// key, the proxy, the connect timeout. `error_buffer` is CURL_ERROR_SIZE bytes.
void ApplyConnectionOptions(void* curl, const CurlTransportOptions& options, char* error_buffer);

class CurlTransport final : public SyncTransport {
 public:
  static Result<std::unique_ptr<CurlTransport>> Create(CurlTransportOptions options);
  ~CurlTransport() override;

  Result<UploadReceipt> Upload(const std::string& packet_id, const std::vector<uint8_t>& packet,
                               const UploadProgress& progress) override;
  Result<StatusPage> PullStatus(const std::string& cursor) override;
  // The central status of one of this station's packets (GET /v1/packets/{id}).
  Result<PacketStatus> FetchStatus(const std::string& packet_id);
  Result<void> Health();
  // The trust update the server publishes (GET /v1/trust), its signature verified against the
  // pinned central CA (server certificate, serverAuth): only verified bytes come back.
  // kNotFound when none is published.
  Result<std::vector<uint8_t>> FetchTrustUpdate();
  // The server's certificate for packet encryption (GET /v1/certificate), parsed but NOT yet
  // trusted: see sync/client/server_certificate.h, which verifies it against the pinned CA.
  Result<X509Ptr> FetchServerCertificate();

 private:
  explicit CurlTransport(CurlTransportOptions options) : options_(std::move(options)) {}
  struct Response {
    long status = 0;
    std::string body;
  };
  Result<Response> Perform(const std::string& method, const std::string& path,
                           const std::vector<uint8_t>* body, const UploadProgress* progress);
  Result<void> CheckOwnCertificate() const;

  CurlTransportOptions options_;
  StorePtr central_ca_;
  X509Ptr own_certificate_;
  std::mutex mutex_;
  void* curl_ = nullptr;  // CURL*
};

}  // namespace kiosk::sync
