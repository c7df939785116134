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

DeviceLight Present(std::string name, std::string_view label, bool wired, std::string detail = {}) {
  DeviceLight light;
  light.name = std::move(name);
  light.label = i18n::tr(label);
  light.light = wired ? Light::kOk : Light::kOff;
  light.detail = wired ? (detail.empty() ? i18n::tr("Configured; checked when the step uses it") : std::move(detail))
                       : i18n::tr("Not configured");
  return light;
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
    : view_(view), runner_(runner), sources_(std::move(sources)), session_(std::move(session)) {}

DashboardFacts DashboardController::Compose(const DashboardSources& sources,
                                            const std::vector<batch::RecordSummary>* records,
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
  DeviceLight server;
  server.name = "server";
  server.label = i18n::tr("Central server");
  if (sync == nullptr || !sync->configured) {
    facts.sync_line = i18n::tr("Synchronisation is not configured on this station.");
    facts.last_success = i18n::tr("Never");
    server.light = Light::kOff;
    server.detail = i18n::tr("Not configured");
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
    server.light = sync->last_error.empty() ? Light::kOk : Light::kFault;
    server.detail = sync->last_error.empty() ? i18n::tr("Reachable at the last attempt")
                                             : sync->last_error;
  }
  facts.devices.push_back(Present("reader", N_("Card reader"), sources.reader, sources.reader_detail));
  facts.devices.push_back(Present("camera", N_("Camera"), sources.camera));
  facts.devices.push_back(Present("fingerprint", N_("Fingerprint sensor"), sources.fingerprints));
  facts.devices.push_back(Present("scanner", N_("Scanner"), sources.scanner));
  facts.devices.push_back(std::move(server));
  return facts;
}

void DashboardController::Refresh() {
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
      [this, alive, refreshing, gathered, sources] {
        *refreshing = false;
        if (alive.expired()) return;
        view_.ShowDashboard(Compose(sources, gathered->records ? &*gathered->records : nullptr,
                                    gathered->sync ? &*gathered->sync : nullptr, gathered->now));
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
