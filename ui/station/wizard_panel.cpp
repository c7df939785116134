#include "ui/station/wizard_panel.h"

#include <wx/button.h>
#include <wx/sizer.h>

#include "ui/station/fingers_page.h"
#include "ui/station/papers_page.h"
#include "ui/station/portrait_page.h"
#include "ui/station/review_page.h"
#include "ui/station/wx_text.h"

namespace kiosk::ui {

using enrollment::Step;

namespace {

wxButton* MakeButton(wxWindow* parent, const char* msgid, const char* name) {
  auto* button = new wxButton(parent, wxID_ANY, Tr(msgid));
  button->SetName(name);
  return button;
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
  title_->SetFont(title_->GetFont().Scaled(1.6f).Bold());
  pages_ = new wxSimplebook(this, wxID_ANY);
  // In the order of the Step enum: identify, chip, portrait, fingers, papers, contact, review.
  step_pages_ = {BuildIdentify(pages_),
                 BuildChip(pages_),
                 MakePortraitPage(pages_, controller_, services),
                 MakeFingersPage(pages_, controller_, services),
                 MakePapersPage(pages_, controller_, services),
                 BuildContact(pages_),
                 MakeReviewPage(pages_, controller_, services)};
  for (auto* page : step_pages_) pages_->AddPage(page, page->GetName());
  mismatches_ = new wxStaticText(this, wxID_ANY, "");
  mismatches_->SetForegroundColour(wxColour(160, 90, 0));
  missing_ = new wxStaticText(this, wxID_ANY, "");
  missing_->SetName("missing");
  error_ = new wxStaticText(this, wxID_ANY, "");
  error_->SetName("wizard-error");
  error_->SetForegroundColour(wxColour(176, 0, 32));
  error_->SetFont(error_->GetFont().Scaled(1.2f));

  auto* nav = new wxBoxSizer(wxHORIZONTAL);
  auto* back = MakeButton(this, "Back", "wizard-back");
  auto* next = MakeButton(this, "Next", "wizard-next");
  nav->Add(back, 0, wxRIGHT, 12);
  nav->Add(next, 0);

  column->Add(title_, 0, wxBOTTOM, 12);
  column->Add(pages_, 1, wxEXPAND);
  column->Add(mismatches_, 0, wxTOP, 8);
  column->Add(missing_, 0, wxTOP, 8);
  column->Add(error_, 0, wxTOP, 8);
  column->Add(nav, 0, wxTOP, 16);
  SetSizer(column);

  back->Bind(wxEVT_BUTTON, [this](wxCommandEvent&) { controller_.Back(); });
  next->Bind(wxEVT_BUTTON, [this](wxCommandEvent&) { controller_.Next(); });
  Bind(wxEVT_CHAR_HOOK, [this](wxKeyEvent& e) {
    if (e.GetKeyCode() == WXK_ESCAPE) {
      controller_.Back();
    } else {
      e.Skip();
    }
  });
}

wxTextCtrl* WizardPanel::Field(wxWindow* parent, wxFlexGridSizer* grid, const char* label,
                               const char* name) {
  grid->Add(new wxStaticText(parent, wxID_ANY, Tr(label)), 0, wxALIGN_CENTER_VERTICAL);
  auto* field = new wxTextCtrl(parent, wxID_ANY, "", wxDefaultPosition, wxSize(360, -1),
                               wxTE_PROCESS_ENTER);
  field->SetName(name);
  grid->Add(field, 1, wxEXPAND);
  return field;
}

wxWindow* WizardPanel::BuildIdentify(wxWindow* parent) {
  auto* page = new wxPanel(parent);
  auto* column = new wxBoxSizer(wxVERTICAL);
  column->Add(new wxStaticText(page, wxID_ANY,
                               Tr("Scan the QR code on the front of the card (the scanner types "
                                  "it here), or type the card's data below.")),
              0, wxBOTTOM, 12);
  qr_ = new wxTextCtrl(page, wxID_ANY, "", wxDefaultPosition, wxSize(640, -1), wxTE_PROCESS_ENTER);
  qr_->SetName("qr");
  column->Add(qr_, 0, wxEXPAND | wxBOTTOM, 16);
  auto* grid = new wxFlexGridSizer(2, wxSize(12, 8));
  id_ = Field(page, grid, "ID number", "typed-id");
  dob_ = Field(page, grid, "Date of birth", "typed-dob");
  expiry_ = Field(page, grid, "Expiry date", "typed-expiry");
  name_ = Field(page, grid, "Full name", "typed-name");
  gender_ = Field(page, grid, "Gender", "typed-gender");
  column->Add(grid, 0);
  auto* use_typed = MakeButton(page, "Use the typed data", "use-typed");
  column->Add(use_typed, 0, wxTOP, 12);
  page->SetSizer(column);

  // A keyboard-wedge scanner types the whole payload then Enter.
  qr_->Bind(wxEVT_TEXT_ENTER, [this](wxCommandEvent&) { controller_.SubmitQr(Utf8(qr_->GetValue())); });
  auto submit_typed = [this] {
    controller_.SubmitTyped({Utf8(id_->GetValue()), Utf8(dob_->GetValue()), Utf8(expiry_->GetValue()),
                             Utf8(name_->GetValue()), Utf8(gender_->GetValue())});
  };
  use_typed->Bind(wxEVT_BUTTON, [submit_typed](wxCommandEvent&) { submit_typed(); });
  gender_->Bind(wxEVT_TEXT_ENTER, [submit_typed](wxCommandEvent&) { submit_typed(); });
  return page;
}

wxWindow* WizardPanel::BuildChip(wxWindow* parent) {
  auto* page = new wxPanel(parent);
  auto* column = new wxBoxSizer(wxVERTICAL);
  column->Add(new wxStaticText(page, wxID_ANY,
                               Tr("Place the card on the reader and keep it still, then read the chip.")),
              0, wxBOTTOM, 12);
  auto* read = MakeButton(page, "Read the chip", "read-chip");
  chip_gauge_ = new wxGauge(page, wxID_ANY, 100, wxDefaultPosition, wxSize(480, 20));
  chip_file_ = new wxStaticText(page, wxID_ANY, "");
  chip_verdict_ = new wxStaticText(page, wxID_ANY, "");
  chip_verdict_->SetName("chip-verdict");
  chip_verdict_->SetFont(chip_verdict_->GetFont().Scaled(1.5f).Bold());
  chip_details_ = new wxStaticText(page, wxID_ANY, "");
  chip_details_->SetName("chip-details");
  column->Add(read, 0, wxBOTTOM, 12);
  column->Add(chip_gauge_, 0, wxBOTTOM, 4);
  column->Add(chip_file_, 0, wxBOTTOM, 16);
  column->Add(chip_verdict_, 0, wxBOTTOM, 8);
  column->Add(chip_details_, 0);
  page->SetSizer(column);
  read->Bind(wxEVT_BUTTON, [this](wxCommandEvent&) {
    chip_verdict_->SetLabel("");
    chip_details_->SetLabel("");
    chip_gauge_->SetValue(0);
    controller_.ReadChip();
  });
  return page;
}

wxWindow* WizardPanel::BuildContact(wxWindow* parent) {
  auto* page = new wxPanel(parent);
  auto* column = new wxBoxSizer(wxVERTICAL);
  auto* grid = new wxFlexGridSizer(2, wxSize(12, 8));
  phone_ = Field(page, grid, "Mobile phone (one per account)", "phone");
  email_ = Field(page, grid, "Email (optional)", "email");
  consent_ = new wxCheckBox(page, wxID_ANY,
                            Tr("The citizen agrees to the processing of their data for the account"));
  consent_->SetName("consent");
  auto* save = MakeButton(page, "Save", "save-contact");
  column->Add(grid, 0, wxBOTTOM, 12);
  column->Add(consent_, 0, wxBOTTOM, 12);
  column->Add(save, 0);
  page->SetSizer(column);
  save->Bind(wxEVT_BUTTON, [this](wxCommandEvent&) {
    controller_.SubmitContact(Utf8(phone_->GetValue()), Utf8(email_->GetValue()), consent_->GetValue());
  });
  return page;
}

void WizardPanel::Begin(const auth::Session& officer) {
  error_->SetLabel("");
  controller_.Begin(officer);
}

void WizardPanel::SetBusy(bool busy) {
  Enable(!busy);
  if (busy) error_->SetLabel("");
}

void WizardPanel::ShowError(const std::string& text) {
  error_->SetLabel(Wx(text));
  error_->Wrap(720);
  Layout();
}

void WizardPanel::ShowStep(Step step, const std::vector<std::string>& missing) {
  title_->SetLabel(Tr(enrollment::Title(step)));
  const auto index = static_cast<size_t>(step);
  auto* page = index < step_pages_.size() ? step_pages_[index] : nullptr;
  if (page != nullptr && pages_->GetCurrentPage() != page) {
    if (shown_page_ != nullptr) shown_page_->OnLeave();
    pages_->ChangeSelection(index);
    shown_page_ = dynamic_cast<StepPage*>(page);
    if (shown_page_ != nullptr) shown_page_->OnEnter();
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
  chip_file_->SetLabel(Wx(file + "  " + std::to_string(done) + " / " + std::to_string(total)));
  chip_gauge_->SetValue(total == 0 ? 0 : static_cast<int>(100 * done / total));
}

void WizardPanel::ShowChipResult(const ChipSummary& s) {
  chip_gauge_->SetValue(100);
  chip_verdict_->SetLabel(Wx(s.verdict));
  chip_verdict_->SetForegroundColour(s.genuine ? wxColour(0, 120, 60) : wxColour(176, 0, 32));
  std::string details = s.full_name + "\n" + i18n::tr("ID number") + ": " + s.id_number + "\n" +
                        i18n::tr("Date of birth") + ": " + s.date_of_birth + "\n" + s.active + "\n" +
                        std::to_string(s.apdus) + " APDU, " + std::to_string(s.bytes / 1024) +
                        " KB, " + std::to_string(s.ms) + " ms";
  chip_details_->SetLabel(Wx(details));
  Layout();
}

void WizardPanel::ShowEnrollment(const enrollment::Enrollment& enrollment) {
  for (auto* page : step_pages_) {
    if (auto* step_page = dynamic_cast<StepPage*>(page)) step_page->ShowEnrollment(enrollment);
  }
}

void WizardPanel::ShowMismatches(const std::vector<std::string>& lines) {
  std::string text;
  if (!lines.empty()) {
    text = i18n::tr("The sources disagree; decide which is right:");
    for (const auto& line : lines) text += "\n  • " + line;
  }
  mismatches_->SetLabel(Wx(text));
  Layout();
}

void WizardPanel::ShowSealed(const std::string& record_number) {
  for (auto* page : step_pages_) {
    if (auto* step_page = dynamic_cast<StepPage*>(page)) step_page->ShowSealed(record_number);
  }
  Layout();
}

}  // namespace kiosk::ui
