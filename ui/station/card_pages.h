#pragma once
// The wizard's own step pages over WizardController: identify the card (QR or typed data), read
// the chip (with the MRZ key, or the card access number when that key is refused), and contact
// and consent. The capture steps have their own files (portrait_page, fingers_page, papers_page).

#include <string>

#include "ui/controllers/wizard_controller.h"
#include "ui/station/step_page.h"

namespace kiosk::ui {

// The chip step: what WizardView says about a chip read lands here.
class ChipStepPage : public StepPage {
 public:
  using StepPage::StepPage;
  virtual void ShowProgress(const std::string& file, size_t done, size_t total) = 0;
  virtual void ShowResult(const ChipSummary& summary) = 0;
  // The MRZ key was refused: point the officer at the CAN field.
  virtual void OfferCan() = 0;
};

StepPage* MakeIdentifyPage(wxWindow* parent, WizardController& wizard);
ChipStepPage* MakeChipPage(wxWindow* parent, WizardController& wizard);
StepPage* MakeContactPage(wxWindow* parent, WizardController& wizard);

}  // namespace kiosk::ui
