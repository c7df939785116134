#pragma once
// The technician's screen: devices with a live test each, settings, station registration
// (first run opens there), chip trust store, log, support bundle. The shell embeds it:
//
//   wxWindow* page = MakeTechnicianPanel(parent, services, runner, session);
//
// Logic lives in ui/controllers/technician_controller.h; this file is the wx view only.

#include <wx/window.h>

#include "kiosk/auth/authenticator.h"
#include "ui/controllers/task_runner.h"
#include "ui/station/station_services.h"

namespace kiosk::ui {

wxWindow* MakeTechnicianPanel(wxWindow* parent, const StationServices& services, TaskRunner& runner,
                              const auth::Session& session);

}  // namespace kiosk::ui
