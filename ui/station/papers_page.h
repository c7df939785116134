#pragma once
// The wizard's papers step page: a thin wx view over ui/controllers/papers_controller.h. The paper
// type, scan / import / type buttons and the scanned image on the left; the extracted fields on
// the right (low-confidence fields in amber, invalid or missing ones in red, each with its reason
// as a tooltip and in the list below), "original sighted" and confirm; the papers on the record
// at the bottom, ticked when their original was sighted. Every control is named (UI tests) and
// reachable with Tab; Enter in a field checks it.

#include "ui/controllers/wizard_controller.h"
#include "ui/station/station_services.h"
#include "ui/station/step_page.h"

namespace kiosk::ui {

StepPage* MakePapersPage(wxWindow* parent, WizardController& wizard, const StationServices& services);

}  // namespace kiosk::ui
