#pragma once
// The dashboard's logic without any GUI: today's enrollments, records awaiting approval, the
// sync state with its last success, and a live status light per device. Refresh() gathers the
// counts on the worker (the store is used there only) and starts a round of device checks
// (ui/controllers/device_checks.h, presence depth: nothing a wizard page uses is taken from it)
// on the probe runner, a worker of their own so a slow device never delays the store's work.
// Each light changes as soon as its device answered.

#include <memory>
#include <string>
#include <vector>

#include "kiosk/auth/authenticator.h"
#include "kiosk/batch/records.h"
#include "kiosk/core/clock.h"
#include "kiosk/station/sync_control.h"
#include "ui/controllers/device_checks.h"
#include "ui/controllers/form.h"

namespace kiosk::ui {

// Green: working. Amber: absent or not configured. Red: present but failing. Grey: being checked
// for the first time.
enum class Light { kOk, kOff, kFault, kChecking };

struct DeviceLight {
  std::string name;    // stable widget-friendly id: "reader", "camera", …
  std::string label;   // translated: "Card reader"
  Light light = Light::kChecking;
  std::string word;    // translated, plain: "Working", "Not connected", "Fault", "Checking…"
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
  DevicePorts devices;
  // Where the device checks run (off the GUI thread, not on the store's worker); null: the
  // lights stay "not checked".
  TaskRunner* probe_runner = nullptr;
};

class DashboardController {
 public:
  DashboardController(DashboardView& view, TaskRunner& runner, DashboardSources sources,
                      auth::Session session);

  // Gathers the counts on the worker and checks the devices, shows them on the UI thread.
  // Each part is skipped while its previous round is still running.
  void Refresh();
  // Checks the devices now (the "check now" button); runs again right after a round in flight.
  void CheckDevices();
  // Asks the sync service to upload now (returns at once), then refreshes.
  void SyncNow();
  bool refreshing() const { return *refreshing_; }
  bool checking_devices() const { return *probing_; }
  const std::vector<DeviceLight>& lights() const { return lights_; }

  // Pure: the facts from what the worker read (exposed for tests of the wording).
  static DashboardFacts Compose(const std::vector<batch::RecordSummary>* records,
                                const station::SyncState* sync, Clock::WallTime now);
  // Pure: a device's light from its check.
  static DeviceLight LightFor(DeviceKind kind, const DeviceOutcome& outcome);

 private:
  void Show();

  DashboardView& view_;
  TaskRunner& runner_;
  DashboardSources sources_;
  auth::Session session_;
  DashboardFacts facts_;
  bool have_facts_ = false;
  std::vector<DeviceLight> lights_;
  std::shared_ptr<bool> refreshing_ = std::make_shared<bool>(false);
  std::shared_ptr<bool> probing_ = std::make_shared<bool>(false);
  bool probe_again_ = false;
  std::shared_ptr<bool> alive_ = std::make_shared<bool>(true);
};

// "2026-11-29 21:03" in station time (UTC+7), for people.
std::string StationTimeText(Clock::WallTime at);

}  // namespace kiosk::ui
