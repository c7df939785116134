#include "ui/controllers/dashboard_controller.h"

#include <spdlog/spdlog.h>

#include <chrono>
#include <cstdio>
#include <optional>

#include "kiosk/core/i18n.h"

namespace kiosk::ui {

namespace {

std::string Format(std::string_view msgid, const std::vector<std::string>& args) {
  std::string text = i18n::tr(msgid);
  for (size_t i = 0; i < args.size(); ++i) {
    const std::string key = "{" + std::to_string(i) + "}";
    if (auto at = text.find(key); at != std::string::npos) text.replace(at, key.size(), args[i]);
  }
  return text;
}

}  // namespace

std::string StationTimeText(Clock::WallTime at) {
  // Viet Nam keeps UTC+7 all year (kiosk/batch/records.h StationDay).
  const auto seconds = std::chrono::duration_cast<std::chrono::seconds>(at.time_since_epoch()).count() +
                       7 * 3600;
  const auto days = std::chrono::sys_days(std::chrono::days(seconds >= 0 ? seconds / 86400
                                                                         : (seconds - 86399) / 86400));
  const std::chrono::year_month_day ymd(days);
  const long long in_day = ((seconds % 86400) + 86400) % 86400;
  char text[40];
  std::snprintf(text, sizeof text, "%04d-%02u-%02u %02lld:%02lld", static_cast<int>(ymd.year()),
                static_cast<unsigned>(ymd.month()), static_cast<unsigned>(ymd.day()),
                in_day / 3600, (in_day / 60) % 60);
  return text;
}

DashboardController::DashboardController(DashboardView& view, TaskRunner& runner,
                                         DashboardSources sources, auth::Session session)
    : view_(view), runner_(runner), sources_(std::move(sources)), session_(std::move(session)) {
  for (DeviceKind kind : kAllDevices) {
    DeviceLight light;
    light.name = std::string(DeviceId(kind));
    light.label = DeviceName(kind);
    light.light = Light::kChecking;
    light.word = i18n::tr(N_("Checking…"));
    if (sources_.probe_runner == nullptr) {
      light.light = Light::kOff;
      light.word = i18n::tr(N_("Not checked"));
      light.detail = i18n::tr(N_("This build cannot check the devices from the dashboard."));
    }
    lights_.push_back(std::move(light));
  }
}

DeviceLight DashboardController::LightFor(DeviceKind kind, const DeviceOutcome& outcome) {
  DeviceLight light;
  light.name = std::string(DeviceId(kind));
  light.label = DeviceName(kind);
  switch (outcome.health) {
    case DeviceHealth::kOk:
      light.light = Light::kOk;
      light.word = i18n::tr(N_("Working"));
      break;
    case DeviceHealth::kMissing:
      light.light = Light::kOff;
      light.word = i18n::tr(N_("Not available"));
      break;
    case DeviceHealth::kError:
      light.light = Light::kFault;
      light.word = i18n::tr(N_("Fault"));
      break;
  }
  std::string detail = outcome.headline.empty() ? outcome.status : outcome.headline;
  if (auto nl = detail.find('\n'); nl != std::string::npos) detail.resize(nl);
  light.detail = detail;
  return light;
}

DashboardFacts DashboardController::Compose(const std::vector<batch::RecordSummary>* records,
                                            const station::SyncState* sync, Clock::WallTime now) {
  DashboardFacts facts;
  if (records != nullptr) {
    facts.records_available = true;
    const std::string today =
        batch::StationDay(std::chrono::duration_cast<std::chrono::seconds>(now.time_since_epoch()).count());
    for (const auto& r : *records) {
      if (r.sealed_at != 0 && batch::StationDay(r.sealed_at) == today) ++facts.enrolled_today;
      if (r.status == batch::RecordStatus::kSealed) ++facts.awaiting_approval;
    }
  }
  if (sync == nullptr || !sync->configured) {
    facts.sync_line = i18n::tr("Synchronisation is not configured on this station.");
    facts.last_success = i18n::tr("Never");
  } else {
    facts.sync_running = sync->running;
    facts.sync_line = Format(N_("{0} approved waiting, {1} queued, {2} acknowledged"),
                             {std::to_string(sync->approved_waiting), std::to_string(sync->queued),
                              std::to_string(sync->acknowledged)});
    if (sync->parked > 0) {
      facts.sync_line += " — " + Format(N_("{0} refused, a technician must look"),
                                        {std::to_string(sync->parked)});
    }
    if (sync->paused) facts.sync_line += " — " + i18n::tr("Paused");
    facts.last_success = sync->last_success ? StationTimeText(*sync->last_success)
                                            : i18n::tr("Never");
    facts.last_error = sync->last_error;
  }
  return facts;
}

void DashboardController::Show() {
  facts_.devices = lights_;
  view_.ShowDashboard(facts_);
}

void DashboardController::Refresh() {
  CheckDevices();
  if (*refreshing_) return;
  *refreshing_ = true;
  struct Gathered {
    std::optional<std::vector<batch::RecordSummary>> records;
    std::optional<station::SyncState> sync;
    Clock::WallTime now;
  };
  auto gathered = std::make_shared<Gathered>();
  std::weak_ptr<bool> alive = alive_;
  auto refreshing = refreshing_;
  DashboardSources sources = sources_;
  auth::Session session = session_;
  runner_.Run(
      [gathered, sources, session] {
        gathered->now = sources.clock != nullptr ? sources.clock->Now()
                                                 : std::chrono::system_clock::now();
        if (sources.records != nullptr) {
          auto list = sources.records->List(session);
          if (list) {
            gathered->records = std::move(*list);
          } else {
            spdlog::warn("dashboard: {}", list.error().ToLogString());
          }
        }
        if (sources.sync != nullptr) gathered->sync = sources.sync->State();
      },
      [this, alive, refreshing, gathered] {
        *refreshing = false;
        if (alive.expired()) return;
        facts_ = Compose(gathered->records ? &*gathered->records : nullptr,
                         gathered->sync ? &*gathered->sync : nullptr, gathered->now);
        have_facts_ = true;
        Show();
      });
}

void DashboardController::CheckDevices() {
  TaskRunner* probes = sources_.probe_runner;
  if (probes == nullptr) return;
  if (*probing_) {
    probe_again_ = true;
    return;
  }
  *probing_ = true;
  std::weak_ptr<bool> alive = alive_;
  auto probing = probing_;
  const DevicePorts ports = sources_.devices;
  probes->Run(
      [this, alive, probes, ports] {
        for (DeviceKind kind : kAllDevices) {
          if (alive.expired()) return;  // the dashboard closed: no need to finish the round
          auto outcome = std::make_shared<DeviceOutcome>(CheckDevice(kind, ports, CheckDepth::kPresence));
          probes->RunOnUiThread([this, alive, kind, outcome] {
            if (alive.expired()) return;
            lights_[static_cast<size_t>(kind)] = LightFor(kind, *outcome);
            Show();
          });
        }
      },
      [this, alive, probing] {
        *probing = false;
        if (alive.expired() || !probe_again_) return;
        probe_again_ = false;
        CheckDevices();
      });
}
void DashboardController::SyncNow() {
  if (sources_.sync == nullptr) {
    view_.ShowError(i18n::tr("Synchronisation is not configured on this station."));
    return;
  }
  // Any signed-in role may ask: it only uploads what a supervisor already approved and signed,
  // under the station's own identity, and the officer is often the one the citizen asks.
  sources_.sync->SyncNow();
  Refresh();
}

}  // namespace kiosk::ui
