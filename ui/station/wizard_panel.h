#pragma once
// The enrollment wizard's pages: a thin view over ui/controllers/wizard_controller.h. The step
// rail lives in MainFrame; this panel shows the current step's page, what it still lacks, and
// Back / Next.
//
// Keyboard: Enter runs the page's default action (or proceeds), Esc goes back (a first Esc in a
// field the officer has edited only leaves the field), Alt+letter presses a button (mnemonics
// never collide on one page), the focus lands on the first field of each page.
// Language: Relabel() sets every page's texts again in the current language and keeps the
// enrollment in progress: typed text, captures and the current step.

#include <wx/button.h>
#include <wx/panel.h>
#include <wx/simplebook.h>
#include <wx/sizer.h>
#include <wx/textctrl.h>
#include <wx/stattext.h>

#include <functional>
#include <memory>
#include <optional>
#include <set>
#include <vector>

#include "ui/controllers/wizard_controller.h"
#include "ui/station/station_services.h"
#include "ui/station/step_page.h"

namespace kiosk::ui {

class ChipStepPage;

class WizardPanel final : public wxPanel, public WizardView {
 public:
  // on_step: tells the rail which step is current.
  // REQUIRES: services.drafts, records and clock are set.
  WizardPanel(wxWindow* parent, TaskRunner& runner, const StationServices& services,
              std::function<void(enrollment::Step)> on_step);

  void Begin(const auth::Session& officer);
  WizardController& controller() { return controller_; }
  // After a language switch (see above).
  void Relabel();

  // WizardView
  void SetBusy(bool busy) override;
  void ShowError(const std::string& text) override;
  void ShowStep(enrollment::Step step, const std::vector<std::string>& missing) override;
  void ShowChipProgress(const std::string& file, size_t done, size_t total) override;
  void ShowChipResult(const ChipSummary& summary) override;
  void ShowMismatches(const std::vector<std::string>& lines) override;
  void ShowSealed(const std::string& record_number) override;
  void ShowEnrollment(const enrollment::Enrollment& enrollment) override;
  void OfferCan() override;

 private:
  void OnKey(wxKeyEvent& event);
  void OnEscape(wxKeyEvent& event);
  void OnEnter(wxKeyEvent& event);
  void FocusPage();

  std::unique_ptr<audit::StationAuditor> auditor_;  // the store's audit log; null without a store
  WizardController controller_;
  std::function<void(enrollment::Step)> on_step_;
  // Pages in the order of the Step enum; the shown one is told when it is left.
  std::vector<StepPage*> step_pages_;
  ChipStepPage* chip_page_ = nullptr;
  StepPage* shown_page_ = nullptr;
  std::optional<enrollment::Step> step_;
  bool busy_ = false;
  bool focus_page_ = false;   // the page changed while busy: focus it once the work is done
  bool escape_armed_ = false;  // Esc left an edited field: the next Esc goes back
  wxWindow* focus_before_busy_ = nullptr;
  wxWindow* focus_after_busy_ = nullptr;  // asked for while busy (Next, once a page's work is done)
  PageLabels nav_labels_;
  std::set<char> nav_keys_;  // mnemonics of Back and Next, kept free on every page
  wxStaticText* title_;
  wxSimplebook* pages_;
  wxStaticText* missing_;
  wxStaticText* error_;
  wxStaticText* mismatches_;
  wxButton *back_, *next_;
  // Under the mismatches: keep the chip's values, with the officer's note (required).
  wxBoxSizer* resolve_row_;
  wxTextCtrl* resolve_note_;
  wxButton* resolve_;
};

}  // namespace kiosk::ui
