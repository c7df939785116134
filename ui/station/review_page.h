#pragma once
// The wizard's last step: what the record holds, then seal it; after sealing, the record number
// (and the receipt for the citizen).

#include "ui/controllers/wizard_controller.h"
#include "ui/station/station_services.h"
#include "ui/station/step_page.h"

namespace kiosk::ui {

StepPage* MakeReviewPage(wxWindow* parent, WizardController& wizard, const StationServices& services);

}  // namespace kiosk::ui
