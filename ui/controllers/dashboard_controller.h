#pragma once
// The dashboard's logic without any GUI: today's enrollments, records awaiting approval, the
// sync state with its last success, and a status light per device. Refresh() gathers it all on
// the worker (the store is used there only) and hands the view one finished picture.

#include <memory>
#include <string>
#include <vector>

#include "kiosk/auth/authenticator.h"
#include "kiosk/batch/records.h"
#include "kiosk/core/clock.h"
#include "kiosk/station/sync_control.h"
#include "ui/controllers/form.h"

namespace kiosk::ui {

enum class Light { kOk, kOff, kFault };

struct DeviceLight {
  std::string name;    // stable widget-friendly id: "reader", "camera", …
  std::string label;   // translated: "Card reader"
  Light light = Light::kOff;
  std::string detail;  // translated, one line
};

struct DashboardFacts {
  bool records_available = false;  // false: the store is not open; counts are meaningless
  int64_t enrolled_today = 0;
  int64_t awaiting_approval = 0;
  std::string sync_line;           // translated: "Not configured", "3 queued, 10 acknowledged"…
  std::string last_success;        // translated: "Never" or "2026-11-29 14:03 UTC"
  std::string last_error;          // translated, empty when none
  bool sync_running = false;
  std::vector<DeviceLight> devices;
};

class DashboardView : public FormView {
 public:
  virtual void ShowDashboard(const DashboardFacts& facts) = 0;
};

// What the dashboard reads; any pointer may be null (that part is not wired in this build).
struct DashboardSources {
  batch::Records* records = nullptr;
  station::SyncControl* sync = nullptr;
  const Clock* clock = nullptr;
  bool reader = false, camera = false, fingerprints = false, scanner = false;
  std::string reader_detail;  // e.g. the chip source's description
};

class DashboardController {
 public:
  DashboardController(DashboardView& view, TaskRunner& runner, DashboardSources sources,
                      auth::Session session);

  // Gathers the facts on the worker, shows them on the UI thread. Ignored while one is running.
  void Refresh();
  // Asks the sync service to upload now (returns at once), then refreshes.
  void SyncNow();
  bool refreshing() const { return *refreshing_; }

  // Pure: the facts from what the worker read (exposed for tests of the wording).
  static DashboardFacts Compose(const DashboardSources& sources,
                                const std::vector<batch::RecordSummary>* records,
                                const station::SyncState* sync, Clock::WallTime now);

 private:
  DashboardView& view_;
  TaskRunner& runner_;
  DashboardSources sources_;
  auth::Session session_;
  std::shared_ptr<bool> refreshing_ = std::make_shared<bool>(false);
  std::shared_ptr<bool> alive_ = std::make_shared<bool>(true);
};

// "2026-11-29 21:03" in station time (UTC+7), for people.
std::string StationTimeText(Clock::WallTime at);

}  // namespace kiosk::ui
