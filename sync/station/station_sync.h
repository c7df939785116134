#pragma once
// The station app's synchronisation service: packages approved records from the store into the
// outbox, runs the upload worker over mutual TLS, pulls central statuses, and answers the
// dashboard and the status lookup (kiosk/station/sync_control.h). It works on its own
// connection to the station's database (see sync/station/sync_engine.h), on its own thread.

#include <chrono>
#include <memory>

#include "kiosk/batch/records.h"
#include "kiosk/core/clock.h"
#include "kiosk/core/config.h"
#include "kiosk/station/sync_control.h"
#include "kiosk/store/store.h"
#include "sync/station/sync_engine.h"

namespace kiosk::sync {

struct StationSyncOptions {
  SyncEngineOptions engine;
  // How often the service looks for newly approved records and central statuses by itself.
  std::chrono::milliseconds poll{std::chrono::seconds(60)};
  // Tests: do not start the background thread until SyncNow (keeps them deterministic).
  bool start_thread = true;
};

// The citizen-facing status of a record: what the station knows, refreshed from the server
// (GET /v1/packets/{id}, its own short-timeout connection) unless the central answer is final.
// kNotFound when neither knows it. Shared by the service and `kiosk-cli status`.
Result<station::RecordStatus> LookUpRecordStatus(SyncEngine& engine,
                                                 const std::optional<CurlTransportOptions>& transport,
                                                 const std::string& record_number);

// Always returns a service: when the station is not provisioned (no server URL or certificate)
// its State() says so (configured = false) and SyncNow() does nothing.
std::unique_ptr<station::SyncControl> MakeStationSync(const Config& config, store::Store& store,
                                                      batch::Records& records, Clock& clock);
std::unique_ptr<station::SyncControl> MakeStationSync(const Config& config, store::Store& store,
                                                      batch::Records& records, Clock& clock,
                                                      StationSyncOptions options);

}  // namespace kiosk::sync
