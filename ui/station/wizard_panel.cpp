#include "ui/station/wizard_panel.h"

#include <wx/checkbox.h>
#include <wx/frame.h>
#include <wx/sizer.h>
#include <wx/textctrl.h>

#include "ui/station/card_pages.h"
#include "ui/station/fingers_page.h"
#include "ui/station/papers_page.h"
#include "ui/station/portrait_page.h"
#include "ui/station/review_page.h"
#include "ui/station/wx_text.h"

namespace kiosk::ui {

using enrollment::Step;

namespace {

// A focused button or check box answers Enter itself (GTK activates it).
bool ActivatesOnEnter(const wxWindow* focus) {
  return dynamic_cast<const wxAnyButton*>(focus) != nullptr ||
         dynamic_cast<const wxCheckBox*>(focus) != nullptr;
}

bool IsInside(const wxWindow* window, const wxWindow* ancestor) {
  for (; window != nullptr; window = window->GetParent()) {
    if (window == ancestor) return true;
  }
  return false;
}

}  // namespace

WizardPanel::WizardPanel(wxWindow* parent, TaskRunner& runner, const StationServices& services,
                         std::function<void(Step)> on_step)
    : wxPanel(parent, wxID_ANY),
      auditor_(services.store != nullptr
                   ? std::make_unique<audit::AuditLogStationAuditor>(services.store->audit())
                   : nullptr),
      controller_(*this, runner, *services.drafts, *services.records, *services.clock, services.chip),
      on_step_(std::move(on_step)) {
  controller_.SetAuditor(auditor_.get());
  auto* column = new wxBoxSizer(wxVERTICAL);
  title_ = new wxStaticText(this, wxID_ANY, "");
  title_->SetName("wizard-title");
  title_->SetFont(title_->GetFont().Scaled(1.6f).Bold());
  pages_ = new wxSimplebook(this, wxID_ANY);
  chip_page_ = MakeChipPage(pages_, controller_);
  // In the order of the Step enum: identify, chip, portrait, fingers, papers, contact, review.
  step_pages_ = {MakeIdentifyPage(pages_, controller_),
                 chip_page_,
                 MakePortraitPage(pages_, controller_, services),
                 MakeFingersPage(pages_, controller_, services),
                 MakePapersPage(pages_, controller_, services),
                 MakeContactPage(pages_, controller_),
                 MakeReviewPage(pages_, controller_, services)};
  for (auto* page : step_pages_) pages_->AddPage(page, page->GetName());
  mismatches_ = new wxStaticText(this, wxID_ANY, "");
  mismatches_->SetName("mismatches");
  mismatches_->SetForegroundColour(wxColour(160, 90, 0));
  resolve_row_ = new wxBoxSizer(wxHORIZONTAL);
  resolve_note_ = new wxTextCtrl(this, wxID_ANY, "", wxDefaultPosition, wxSize(420, -1), wxTE_PROCESS_ENTER);
  resolve_note_->SetName("mismatch-note");
  nav_labels_.Hint(resolve_note_, N_("Why the chip's values are right (required)"));
  resolve_ = nav_labels_.Control(new wxButton(this, wxID_ANY, ""), N_("Keep the chip's values"));
  resolve_->SetName("resolve-with-chip");
  resolve_row_->Add(resolve_note_, 0, wxRIGHT | wxALIGN_CENTER_VERTICAL, 8);
  resolve_row_->Add(resolve_, 0, wxALIGN_CENTER_VERTICAL);
  missing_ = new wxStaticText(this, wxID_ANY, "");
  missing_->SetName("missing");
  error_ = new wxStaticText(this, wxID_ANY, "");
  error_->SetName("wizard-error");
  error_->SetForegroundColour(wxColour(176, 0, 32));
  error_->SetFont(error_->GetFont().Scaled(1.2f));

  auto* nav = new wxBoxSizer(wxHORIZONTAL);
  back_ = nav_labels_.Control(new wxButton(this, wxID_ANY, ""), N_("Back"));
  back_->SetName("wizard-back");
  next_ = nav_labels_.Control(new wxButton(this, wxID_ANY, ""), N_("Next"));
  next_->SetName("wizard-next");
  nav->Add(back_, 0, wxRIGHT, 12);
  nav->Add(next_, 0);

  column->Add(title_, 0, wxBOTTOM, 12);
  column->Add(pages_, 1, wxEXPAND);
  column->Add(mismatches_, 0, wxTOP, 8);
  column->Add(resolve_row_, 0, wxTOP, 4);
  column->Add(missing_, 0, wxTOP, 8);
  column->Add(error_, 0, wxTOP, 8);
  column->Add(nav, 0, wxTOP, 16);
  SetSizer(column);

  // Mnemonics: Back and Next first (they are on every page), then each page around them.
  nav_keys_ = nav_labels_.Apply({});
  for (auto* page : step_pages_) {
    page->Relabel(nav_keys_);
    page->SetFocusProceed([this] {
      if (busy_) {
        focus_after_busy_ = next_;
      } else {
        next_->SetFocus();
      }
    });
  }

  column->Show(resolve_row_, false);
  auto resolve = [this] {
    controller_.ResolveAllMismatches(identity::IdentitySource::kChip, Utf8(resolve_note_->GetValue()));
  };
  resolve_->Bind(wxEVT_BUTTON, [resolve](wxCommandEvent&) { resolve(); });
  resolve_note_->Bind(wxEVT_TEXT_ENTER, [resolve](wxCommandEvent&) { resolve(); });
  back_->Bind(wxEVT_BUTTON, [this](wxCommandEvent&) { controller_.Back(); });
  next_->Bind(wxEVT_BUTTON, [this](wxCommandEvent&) { controller_.Next(); });
  Bind(wxEVT_CHAR_HOOK, &WizardPanel::OnKey, this);
}

void WizardPanel::Relabel() {
  nav_keys_ = nav_labels_.Apply({});
  for (auto* page : step_pages_) page->Relabel(nav_keys_);
  if (step_) title_->SetLabel(Tr(enrollment::Title(*step_)));
  // The error on screen, in the new language (the controller kept it, not only its words).
  if (!error_->GetLabel().empty() && controller_.last_error()) {
    ShowError(controller_.last_error()->Message());
  }
  // What the step lacks, the mismatches and every page's rows come back from the controller.
  controller_.Relabel();
  Layout();
}

void WizardPanel::OnKey(wxKeyEvent& event) {
  switch (event.GetKeyCode()) {
    case WXK_ESCAPE:
      OnEscape(event);
      return;
    case WXK_RETURN:
    case WXK_NUMPAD_ENTER:
      if (!event.HasAnyModifiers()) {
        OnEnter(event);
        return;
      }
      break;
    default:
      break;
  }
  escape_armed_ = false;
  event.Skip();
}

void WizardPanel::OnEscape(wxKeyEvent& /*event*/) {
  if (busy_) {
    controller_.CancelChipRead();  // the only long wizard task the officer may stop
    return;
  }
  if (shown_page_ != nullptr && shown_page_->CancelAction()) return;
  // A field the officer has just edited: the first Esc only leaves it (nothing is lost either
  // way, but going back in the middle of typing would surprise).
  auto* field = dynamic_cast<wxTextCtrl*>(FindFocus());
  if (field != nullptr && field->IsModified() && !escape_armed_) {
    escape_armed_ = true;
    field->SetModified(false);
    back_->SetFocus();
    auto* frame = dynamic_cast<wxFrame*>(wxGetTopLevelParent(this));
    if (frame != nullptr && frame->GetStatusBar() != nullptr) {
      frame->SetStatusText(Tr("Press Esc again to go back."));
    }
    return;
  }
  escape_armed_ = false;
  controller_.Back();
}

void WizardPanel::OnEnter(wxKeyEvent& event) {
  escape_armed_ = false;
  wxWindow* focus = FindFocus();
  auto* field = dynamic_cast<wxTextCtrl*>(focus);
  if (ActivatesOnEnter(focus) || (field != nullptr && field->HasFlag(wxTE_PROCESS_ENTER))) {
    event.Skip();  // the control's own Enter: press the button, submit the field
    return;
  }
  if (busy_) return;
  if (shown_page_ != nullptr && shown_page_->DefaultAction()) return;
  controller_.Next();
}

void WizardPanel::Begin(const auth::Session& officer) {
  error_->SetLabel("");
  controller_.Begin(officer);
}

void WizardPanel::SetBusy(bool busy) {
  if (busy && !busy_) {
    wxWindow* focus = FindFocus();
    focus_before_busy_ = IsInside(focus, this) ? focus : nullptr;
  }
  busy_ = busy;
  Enable(!busy);
  if (busy) {
    error_->SetLabel("");
    return;
  }
  // Disabling dropped the keyboard focus: give it back (to the new page's first field when the
  // step changed meanwhile).
  auto usable = [](wxWindow* w) { return w != nullptr && w->IsShownOnScreen() && w->IsEnabled(); };
  if (focus_page_) {
    FocusPage();
  } else if (usable(focus_after_busy_)) {
    focus_after_busy_->SetFocus();
  } else if (usable(focus_before_busy_)) {
    focus_before_busy_->SetFocus();
  }
  focus_before_busy_ = nullptr;
  focus_after_busy_ = nullptr;
}

void WizardPanel::FocusPage() {
  focus_page_ = false;
  if (shown_page_ != nullptr && IsShownOnScreen()) shown_page_->FocusFirst();
}

void WizardPanel::ShowError(const std::string& text) {
  error_->SetLabel(Wx(text));
  error_->Wrap(720);
  Layout();
}

void WizardPanel::ShowStep(Step step, const std::vector<std::string>& missing) {
  step_ = step;
  title_->SetLabel(Tr(enrollment::Title(step)));
  const auto index = static_cast<size_t>(step);
  auto* page = index < step_pages_.size() ? step_pages_[index] : nullptr;
  if (page != nullptr && pages_->GetCurrentPage() != page) {
    if (shown_page_ != nullptr) shown_page_->OnLeave();
    pages_->ChangeSelection(index);
    shown_page_ = page;
    shown_page_->OnEnter();
    focus_page_ = true;
    if (!busy_) FocusPage();
  }
  std::string text;
  if (!missing.empty()) {
    text = i18n::tr("Still missing:");
    for (const auto& line : missing) text += "\n  • " + line;
  }
  missing_->SetLabel(Wx(text));
  if (on_step_) on_step_(step);
  Layout();
}

void WizardPanel::ShowChipProgress(const std::string& file, size_t done, size_t total) {
  chip_page_->ShowProgress(file, done, total);
}

void WizardPanel::ShowChipResult(const ChipSummary& summary) {
  chip_page_->ShowResult(summary);
  Layout();
}

void WizardPanel::OfferCan() { chip_page_->OfferCan(); }

void WizardPanel::ShowEnrollment(const enrollment::Enrollment& enrollment) {
  for (auto* page : step_pages_) page->ShowEnrollment(enrollment);
}

void WizardPanel::ShowMismatches(const std::vector<std::string>& lines) {
  std::string text;
  if (!lines.empty()) {
    text = i18n::tr("The sources disagree; decide which is right:");
    for (const auto& line : lines) text += "\n  • " + line;
  }
  mismatches_->SetLabel(Wx(text));
  const bool shown = GetSizer()->IsShown(resolve_row_);
  if (lines.empty() && shown) resolve_note_->ChangeValue("");
  GetSizer()->Show(resolve_row_, !lines.empty());
  Layout();
}

void WizardPanel::ShowSealed(const std::string& record_number) {
  for (auto* page : step_pages_) page->ShowSealed(record_number);
  Layout();
}

}  // namespace kiosk::ui
