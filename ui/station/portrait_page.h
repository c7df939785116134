#pragma once
// The wizard's portrait step page.

#include "ui/controllers/wizard_controller.h"
#include "ui/station/station_services.h"
#include "ui/station/step_page.h"

namespace kiosk::ui {

StepPage* MakePortraitPage(wxWindow* parent, WizardController& wizard, const StationServices& services);

}  // namespace kiosk::ui
