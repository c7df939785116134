#pragma once
// The station app's handle on synchronisation: what the dashboard shows (queued, acknowledged,
// last success, last error), "sync now", pause/resume, and the citizen-facing status of a record.
// The sync layer implements it (sync/station/station_sync.h) over the store's outbox, the packet
// builder and the HTTPS transport; the views only see this port, so they know no network.
//
// Thread safety: State() is cheap and callable from any thread (no network, no disk wait);
// SyncNow/Pause/Resume return at once (the work runs on the sync worker's own thread);
// Status() may ask the server: call it from a worker thread, never the GUI thread.

#include <optional>
#include <string>

#include "kiosk/core/clock.h"
#include "kiosk/core/result.h"
#include "kiosk/sync_port/sync_transport.h"

namespace kiosk::station {

struct SyncState {
  bool configured = false;   // a server URL and the station's certificate are present
  bool running = false;      // the worker is uploading right now
  bool paused = false;
  size_t approved_waiting = 0;  // approved records not yet packaged into the outbox
  size_t queued = 0;            // packets waiting to upload (including retries)
  size_t acknowledged = 0;      // receipts stored
  size_t parked = 0;            // refused for good until a technician acts
  std::optional<Clock::WallTime> last_success;
  std::string last_error;    // translated, one line, never citizen data; empty when none
};

struct RecordStatus {
  std::string record_number;
  bool known_to_station = false;                  // sealed on this station
  std::string local_state;                        // translated: "Awaiting approval", "Queued for upload"…
  std::optional<sync::CentralStatus> central;     // once the server reported one
  std::string citizen_text;                       // translated, what the officer tells the citizen
  std::string changed_at;                         // ISO 8601 UTC of the latest change, if known
};

class SyncControl {
 public:
  SyncControl() = default;
  SyncControl(const SyncControl&) = delete;
  SyncControl& operator=(const SyncControl&) = delete;
  virtual ~SyncControl() = default;

  virtual SyncState State() = 0;
  // Packages approved records into the outbox and uploads what is due, on the sync thread.
  virtual void SyncNow() = 0;
  virtual void Pause() = 0;
  virtual void Resume() = 0;
  // kNotFound when neither the station nor (if reachable) the server knows the record.
  virtual Result<RecordStatus> Status(const std::string& record_number) = 0;
};

}  // namespace kiosk::station
