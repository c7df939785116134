#pragma once
// The dashboard: a thin view over ui/controllers/dashboard_controller.h, refreshed on a timer
// while it is on screen (the controller gathers on the worker and checks the devices on the
// probe runner, which outlives the panel so closing it never waits for a slow device).
#include <wx/bitmap.h>
#include <wx/button.h>
#include <wx/checkbox.h>
#include <wx/listbox.h>
#include <wx/panel.h>
#include <wx/sizer.h>
#include <wx/statbmp.h>
#include <wx/stattext.h>
#include <wx/textctrl.h>
#include <wx/timer.h>

#include <functional>
#include <string>
#include <vector>

#include "ui/controllers/dashboard_controller.h"
#include "ui/station/station_services.h"

namespace kiosk::ui {

class DashboardPanel final : public wxPanel, public DashboardView {
 public:
  DashboardPanel(wxWindow* parent, const StationServices& services, TaskRunner& runner,
                 const auth::Session& session, TaskRunner* probe_runner);
  ~DashboardPanel() override;
  DashboardController& controller() { return controller_; }

  void SetBusy(bool) override {}
  void ShowError(const std::string& text) override;
  void ShowDashboard(const DashboardFacts& facts) override;

 private:
  DashboardController controller_;
  wxTimer refresh_;
  wxStaticText *today_, *awaiting_, *sync_line_, *last_success_, *error_;
  struct LightRow {
    wxStaticText *dot, *word, *detail;
  };
  wxFlexGridSizer* lights_;
  std::vector<LightRow> light_rows_;
};

}  // namespace kiosk::ui
