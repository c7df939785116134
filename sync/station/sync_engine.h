#pragma once
// One synchronisation round over the store's outbox, shared by the station app's background
// service (station_sync.cpp) and `kiosk-cli sync now`:
//   1. package: every record approved in a signed batch and not yet packaged becomes a sealed
//      packet (signed by the station key, encrypted to the verified server certificate) stored
//      in its outbox row;
//   2. send: the OutboxWorker uploads what is due (idempotent PUT, backoff, receipts);
//   3. pull: central statuses since the saved cursor move the records on.
// The engine opens its OWN connection to the station's database (a second Store over the
// same file, WAL), so it can run on the sync thread while the GUI thread uses its own.
//
// Thread safety: Round/Package/Pull from one thread at a time (the sync thread); outbox()
// may be used from any thread (it serialises internally).

#include <filesystem>
#include <memory>
#include <optional>
#include <string>

#include "kiosk/batch/records.h"
#include "kiosk/core/clock.h"
#include "kiosk/core/config.h"
#include "kiosk/store/key_provider.h"
#include "kiosk/store/store.h"
#include "kiosk/sync_port/store_outbox.h"
#include "sync/client/curl_transport.h"
#include "sync/client/outbox_worker.h"

namespace kiosk::sync {

struct SyncEngineOptions {
  WorkerOptions worker;
  // Tests: replaces what TransportOptionsFromConfig derives (timeouts, a proxy in between).
  std::optional<CurlTransportOptions> transport;
};

struct RoundSummary {
  size_t packaged = 0;
  size_t package_failures = 0;  // parked before they could be packaged
  SendSummary sent;
  size_t statuses = 0;
  bool reached_server = false;  // every request of the round got an answer
  std::string last_error;       // English, the round's last problem; empty when none
  std::string last_error_text;  // the same in the current language
  void Note(const Error& error);
};

class SyncEngine {
 public:
  // `data_dir`: the store's data directory (the config's server settings are used with it).
  static Result<std::unique_ptr<SyncEngine>> Open(const Config& config,
                                                  const std::filesystem::path& data_dir,
                                                  Clock& clock, SyncEngineOptions options = {});
  ~SyncEngine();

  // False when the station is not provisioned (no server URL, CA or certificate); then
  // not_configured() says why (an English msgid) and only the outbox is usable.
  bool configured() const { return worker_ != nullptr; }
  const std::string& not_configured() const { return not_configured_; }

  StoreOutboxQueue& outbox() { return *outbox_; }
  OutboxWorker* worker() { return worker_.get(); }
  const Config& config() const { return config_; }

  // Builds the packets of the records awaiting packaging. Returns how many were queued.
  Result<size_t> Package(RoundSummary& summary);
  // Package, send (Drain within `budget`, or one SendDue pass when budget is zero), pull.
  RoundSummary Round(std::chrono::milliseconds budget, const OutboxWorker::Sleep& sleep);

 private:
  SyncEngine() = default;
  Result<void> LoadStation();
  Result<void> CheckStationCertificate();
  // The server's encryption certificate comes from, in this order: server.server_cert_file
  // (the technician's choice), the cached <data_dir>/station/server.pem, GET /v1/certificate;
  // each must chain to the pinned central CA (sync/client/server_certificate.h).
  Result<void> PrepareSealing();
  Result<X509Ptr> LoadConfiguredServerCertificate();
  void NoteRefusal(const Error& error, std::string_view action);

  Config config_;
  Clock* clock_ = nullptr;
  std::unique_ptr<store::KeyProvider> keys_;
  std::unique_ptr<store::Store> store_;
  std::unique_ptr<batch::Records> records_;
  std::unique_ptr<StoreOutboxQueue> outbox_;
  std::unique_ptr<CurlTransport> transport_;
  std::unique_ptr<OutboxWorker> worker_;
  std::string not_configured_;
  std::optional<Credentials> station_;
  std::string station_id_;
  X509Ptr server_cert_;
  std::string last_refusal_;  // audit a repeated refusal once, not every round
  Clock::WallTime last_noted_success_{};
};

// Why the station cannot sync yet (an English msgid), or "" when it is provisioned.
std::string ProvisioningProblem(const Config& config, const std::filesystem::path& data_dir);

}  // namespace kiosk::sync
