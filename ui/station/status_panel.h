#pragma once
// Status lookup: a thin view over ui/controllers/status_controller.h. The receipt QR arrives
// through the keyboard wedge as typed text ending in Enter.
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

#include "ui/controllers/status_controller.h"
#include "ui/station/station_services.h"

namespace kiosk::ui {

class StatusPanel final : public wxPanel, public StatusView {
 public:
  StatusPanel(wxWindow* parent, const StationServices& services, TaskRunner& runner,
              const auth::Session& session);

  void SetBusy(bool busy) override;
  void ShowError(const std::string& text) override;
  void ShowStatus(const StatusAnswer& answer) override;

 private:
  StatusController controller_;
  wxTextCtrl* input_;
  wxButton* lookup_;
  wxStaticText *number_, *headline_, *details_, *error_;
};

}  // namespace kiosk::ui
