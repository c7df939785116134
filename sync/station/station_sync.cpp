#include "sync/station/station_sync.h"

#include <algorithm>
#include <atomic>
#include <condition_variable>
#include <mutex>
#include <thread>

#include "kiosk/core/i18n.h"
#include "kiosk/core/log.h"
#include "kiosk/sync_port/citizen_status.h"
#include "sync/packet/packet.h"
#include "sync/packet/receipt.h"

namespace kiosk::sync {
namespace {

using station::RecordStatus;
using station::SyncState;

bool IsFinal(CentralStatus status) {
  return status == CentralStatus::kApproved || status == CentralStatus::kNotAccepted;
}

// What the officer tells the citizen while the centre has not answered yet.
std::string CitizenTextBeforeCentral(batch::RecordStatus status) {
  using S = batch::RecordStatus;
  switch (status) {
    case S::kDraft:
    case S::kSealed:
    case S::kApproved: return i18n::tr(N_("The application is being checked at the station"));
    case S::kRejected: return i18n::tr(N_("Application not accepted"));
    case S::kQueued:
    case S::kSent: return i18n::tr(N_("The application is waiting to be sent for processing"));
    case S::kAcknowledged:
    case S::kReceivedForProcessing: return CitizenStatusText(CentralStatus::kProcessing, {});
    case S::kNotAccepted: return CitizenStatusText(CentralStatus::kNotAccepted, {});
    case S::kCentralApproved: return CitizenStatusText(CentralStatus::kApproved, {});
  }
  return {};
}

Result<StatusChange> FetchCentral(SyncEngine& engine,
                                  const std::optional<CurlTransportOptions>& override_options,
                                  const std::string& record_number) {
  // Its own connection: the worker's may be busy with a large upload.
  auto options = override_options ? *override_options : TransportOptionsFromConfig(engine.config());
  options.connect_timeout = std::min(options.connect_timeout, std::chrono::milliseconds(5000));
  options.request_timeout = std::min(options.request_timeout, std::chrono::milliseconds(15000));
  auto transport = CurlTransport::Create(options);
  if (!transport) return Fail(transport.error());
  auto status = (*transport)->FetchStatus(record_number);
  if (!status) return Fail(status.error());
  return StatusChange{status->packet_id, status->status, status->reason, status->changed_at};
}

class StationSync final : public station::SyncControl {
 public:
  StationSync(const Config& config, const std::filesystem::path& data_dir, Clock& clock,
              StationSyncOptions options)
      : clock_(clock), options_(options) {
    auto engine = SyncEngine::Open(config, data_dir, clock, options.engine);
    if (!engine) {
      spdlog::error("sync: {}", engine.error().ToLogString());
      state_.last_error = engine.error().Message();
      return;
    }
    engine_ = std::move(*engine);
    state_.configured = engine_->configured();
    if (!state_.configured) state_.last_error = i18n::tr(engine_->not_configured());
    if (auto last = engine_->outbox().LastSuccessfulSync(); last) state_.last_success = *last;
    RefreshCounts();
    if (state_.configured && options_.start_thread) StartThread();
  }

  ~StationSync() override {
    {
      std::lock_guard lock(wake_mutex_);
      stopping_ = true;
    }
    wake_.notify_all();
    if (engine_ && engine_->worker() != nullptr) engine_->worker()->Pause();  // abort an upload
    if (thread_.joinable()) thread_.join();
  }

  SyncState State() override {
    std::lock_guard lock(state_mutex_);
    return state_;
  }

  void SyncNow() override {
    if (!engine_ || !engine_->configured()) {
      if (engine_) RefreshCounts();
      return;
    }
    StartThread();
    {
      std::lock_guard lock(wake_mutex_);
      woken_ = true;
    }
    wake_.notify_all();
  }

  void Pause() override {
    paused_ = true;
    if (engine_ && engine_->worker() != nullptr) engine_->worker()->Pause();
    std::lock_guard lock(state_mutex_);
    state_.paused = true;
  }

  void Resume() override {
    paused_ = false;
    if (engine_ && engine_->worker() != nullptr) engine_->worker()->Resume();
    {
      std::lock_guard lock(state_mutex_);
      state_.paused = false;
    }
    SyncNow();
  }

  Result<RecordStatus> Status(const std::string& record_number) override {
    if (!engine_) return Fail(Error(ErrorCode::kUnsupported, N_("The station's store cannot be opened.")));
    return LookUpRecordStatus(*engine_, options_.engine.transport, record_number);
  }

 private:
  void StartThread() {
    std::lock_guard lock(thread_mutex_);
    if (thread_.joinable()) return;
    thread_ = std::thread([this] { Loop(); });
  }

  // Counts and the round's outcome are published together, so a reader never sees the new
  // counts with the previous round's error.
  void RefreshCounts(const RoundSummary* round = nullptr) {
    auto counts = engine_->outbox().StationCounts();
    if (!counts) spdlog::warn("sync: outbox counts: {}", counts.error().ToLogString());
    std::lock_guard lock(state_mutex_);
    if (counts) {
      state_.approved_waiting = counts->awaiting_packaging;
      state_.queued = counts->queued;
      state_.acknowledged = counts->acknowledged;
      state_.parked = counts->parked;
    }
    if (round != nullptr) {
      state_.running = false;
      if (round->reached_server) {
        state_.last_success = clock_.Now();
        state_.last_error.clear();
      } else if (!round->last_error_text.empty()) {
        state_.last_error = round->last_error_text;
      }
    }
  }

  void Loop() {
    for (;;) {
      {
        std::lock_guard lock(wake_mutex_);
        if (stopping_) return;
      }
      if (!paused_) {
        {
          std::lock_guard lock(state_mutex_);
          state_.running = true;
        }
        RoundSummary round = engine_->Round(std::chrono::milliseconds(0), nullptr);
        RefreshCounts(&round);
      }
      auto wait = options_.poll;
      if (!paused_) {
        auto earliest = engine_->outbox().EarliestDue();
        if (earliest && earliest->has_value()) {
          auto until = std::chrono::duration_cast<std::chrono::milliseconds>(**earliest - clock_.Now());
          wait = std::clamp(until, std::chrono::milliseconds(20), options_.poll);
        }
      }
      std::unique_lock lock(wake_mutex_);
      wake_.wait_for(lock, wait, [this] { return woken_ || stopping_; });
      woken_ = false;
    }
  }

  Clock& clock_;
  StationSyncOptions options_;
  std::unique_ptr<SyncEngine> engine_;
  std::mutex state_mutex_;
  SyncState state_;
  std::atomic<bool> paused_{false};
  std::mutex wake_mutex_;
  std::condition_variable wake_;
  bool woken_ = false;
  bool stopping_ = false;
  std::mutex thread_mutex_;
  std::thread thread_;
};

}  // namespace

Result<station::RecordStatus> LookUpRecordStatus(SyncEngine& engine,
                                                 const std::optional<CurlTransportOptions>& transport,
                                                 const std::string& record_number) {
  if (!IsValidPacketId(record_number)) {
    return Fail(Error::InvalidArgument(N_("The record number is malformed.")));
  }
  auto local = engine.outbox().Describe(record_number);
  if (!local) return Fail(local.error());
  std::optional<StatusChange> central = local->has_value() ? (*local)->central : std::nullopt;
  if ((!central || !IsFinal(central->status)) && engine.configured()) {
    auto remote = FetchCentral(engine, transport, record_number);
    if (remote) {
      central = *remote;
      // Keep what the centre said: the record moves on and the next lookup works offline.
      if (local->has_value()) (void)engine.outbox().SaveCentralStatus(*remote);
    } else if (remote.error().code() != ErrorCode::kNotFound) {
      spdlog::info("sync: status lookup answered from the station: {}", remote.error().ToLogString());
    }
  }
  if (!local->has_value() && !central) {
    return Fail(Error::NotFound(N_("No record with this number on this station.")));
  }
  station::RecordStatus out;
  out.record_number = record_number;
  out.known_to_station = local->has_value();
  out.central = central ? std::optional<CentralStatus>(central->status) : std::nullopt;
  if (local->has_value()) {
    const LocalRecordState& state = **local;
    out.local_state = state.outbox_state == "parked"
                          ? i18n::tr(N_("Sending stopped: a technician must check it"))
                          : i18n::tr(std::string(batch::DisplayName(state.status)));
    out.changed_at = IsoUtc(store::FromUnixSeconds(state.updated_at));
  } else {
    out.local_state = i18n::tr(N_("Not enrolled at this station"));
  }
  if (central) {
    out.citizen_text = CitizenStatusText(central->status, central->reason);
    if (!central->changed_at.empty()) out.changed_at = central->changed_at;
  } else {
    out.citizen_text = CitizenTextBeforeCentral((*local)->status);
  }
  return out;
}

std::unique_ptr<station::SyncControl> MakeStationSync(const Config& config, store::Store& store,
                                                      batch::Records& records, Clock& clock,
                                                      StationSyncOptions options) {
  (void)records;  // the service works on its own connection to the same database
  return std::make_unique<StationSync>(config, store.data_dir(), clock, options);
}

std::unique_ptr<station::SyncControl> MakeStationSync(const Config& config, store::Store& store,
                                                      batch::Records& records, Clock& clock) {
  return MakeStationSync(config, store, records, clock, StationSyncOptions{});
}

}  // namespace kiosk::sync
