#pragma once
// The enrollment wizard's pages: a thin view over ui/controllers/wizard_controller.h. The step
// rail lives in MainFrame; this panel shows the current step's page, what it still lacks, and
// Back / Next. Enter proceeds, Esc goes back.

#include <wx/checkbox.h>
#include <wx/gauge.h>
#include <wx/panel.h>
#include <wx/simplebook.h>
#include <wx/sizer.h>
#include <wx/stattext.h>
#include <wx/textctrl.h>

#include <functional>
#include <memory>
#include <vector>

#include "ui/controllers/wizard_controller.h"
#include "ui/station/station_services.h"
#include "ui/station/step_page.h"

namespace kiosk::ui {

class WizardPanel final : public wxPanel, public WizardView {
 public:
  // on_step: tells the rail which step is current.
  // REQUIRES: services.drafts, records and clock are set.
  WizardPanel(wxWindow* parent, TaskRunner& runner, const StationServices& services,
              std::function<void(enrollment::Step)> on_step);

  void Begin(const auth::Session& officer);
  WizardController& controller() { return controller_; }

  // WizardView
  void SetBusy(bool busy) override;
  void ShowError(const std::string& text) override;
  void ShowStep(enrollment::Step step, const std::vector<std::string>& missing) override;
  void ShowChipProgress(const std::string& file, size_t done, size_t total) override;
  void ShowChipResult(const ChipSummary& summary) override;
  void ShowMismatches(const std::vector<std::string>& lines) override;
  void ShowSealed(const std::string& record_number) override;
  void ShowEnrollment(const enrollment::Enrollment& enrollment) override;

 private:
  wxWindow* BuildIdentify(wxWindow* parent);
  wxWindow* BuildChip(wxWindow* parent);
  wxWindow* BuildContact(wxWindow* parent);
  wxTextCtrl* Field(wxWindow* parent, wxFlexGridSizer* grid, const char* label,
                    const char* name);

  std::unique_ptr<audit::StationAuditor> auditor_;  // the store's audit log; null without a store
  WizardController controller_;
  std::function<void(enrollment::Step)> on_step_;
  // Pages in the order of the Step enum; the shown one is told when it is left.
  std::vector<wxWindow*> step_pages_;
  StepPage* shown_page_ = nullptr;
  wxStaticText* title_;
  wxSimplebook* pages_;
  wxStaticText* missing_;
  wxStaticText* error_;
  wxStaticText* mismatches_;
  // identify
  wxTextCtrl *qr_, *id_, *dob_, *expiry_, *name_, *gender_;
  // chip
  wxGauge* chip_gauge_;
  wxStaticText* chip_file_;
  wxStaticText* chip_verdict_;
  wxStaticText* chip_details_;
  // contact
  wxTextCtrl *phone_, *email_;
  wxCheckBox* consent_;
};

}  // namespace kiosk::ui
