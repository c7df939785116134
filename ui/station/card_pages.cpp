#include "ui/station/card_pages.h"

#include <wx/button.h>
#include <wx/checkbox.h>
#include <wx/gauge.h>
#include <wx/sizer.h>
#include <wx/stattext.h>
#include <wx/textctrl.h>

#include <vector>

#include "ui/station/wx_text.h"

namespace kiosk::ui {
namespace {

const wxColour kGood(0, 120, 60);
const wxColour kProblem(176, 0, 32);
const wxColour kAdvice(160, 90, 0);

wxButton* NamedButton(wxWindow* parent, const char* name) {
  auto* button = new wxButton(parent, wxID_ANY, "");
  button->SetName(name);
  return button;
}

wxTextCtrl* NamedField(wxWindow* parent, const char* name, int width = 360) {
  auto* field = new wxTextCtrl(parent, wxID_ANY, "", wxDefaultPosition, wxSize(width, -1),
                               wxTE_PROCESS_ENTER);
  field->SetName(name);
  return field;
}

// Identify the card: the QR scanner types its payload and Enter; by hand, Enter moves from field
// to field and, on the last one, submits and goes on to the chip.
class IdentifyPage final : public StepPage {
 public:
  IdentifyPage(wxWindow* parent, WizardController& wizard) : StepPage(parent), wizard_(wizard) {
    SetName("identify-page");
    auto* column = new wxBoxSizer(wxVERTICAL);
    column->Add(labels_.Text(new wxStaticText(this, wxID_ANY, ""),
                             N_("Scan the QR code on the front of the card (the scanner types "
                                "it here), or type the card's data below.")),
                0, wxBOTTOM, 12);
    qr_ = NamedField(this, "qr", 640);
    column->Add(qr_, 0, wxEXPAND | wxBOTTOM, 16);
    auto* grid = new wxFlexGridSizer(2, wxSize(12, 8));
    auto field = [&](const char* label, const char* name) {
      grid->Add(labels_.Text(new wxStaticText(this, wxID_ANY, ""), label), 0, wxALIGN_CENTER_VERTICAL);
      auto* f = NamedField(this, name);
      grid->Add(f, 1, wxEXPAND);
      return f;
    };
    id_ = field(N_("ID number"), "typed-id");
    dob_ = field(N_("Date of birth"), "typed-dob");
    expiry_ = field(N_("Expiry date"), "typed-expiry");
    name_ = field(N_("Full name"), "typed-name");
    gender_ = field(N_("Gender"), "typed-gender");
    column->Add(grid, 0);
    auto* use_typed = labels_.Control(NamedButton(this, "use-typed"), N_("Use the typed data"));
    column->Add(use_typed, 0, wxTOP, 12);
    SetSizer(column);

    // A keyboard-wedge scanner types the whole payload then Enter.
    qr_->Bind(wxEVT_TEXT_ENTER, [this](wxCommandEvent&) { wizard_.SubmitQr(Utf8(qr_->GetValue())); });
    const std::vector<wxTextCtrl*> order = {id_, dob_, expiry_, name_};
    for (size_t i = 0; i < order.size(); ++i) {
      wxTextCtrl* following = i + 1 < order.size() ? order[i + 1] : gender_;
      order[i]->Bind(wxEVT_TEXT_ENTER, [following](wxCommandEvent&) { following->SetFocus(); });
    }
    gender_->Bind(wxEVT_TEXT_ENTER, [this](wxCommandEvent&) { SubmitTyped(true); });
    use_typed->Bind(wxEVT_BUTTON, [this](wxCommandEvent&) { SubmitTyped(false); });
  }

  void ShowEnrollment(const enrollment::Enrollment& e) override {
    // The next citizen starts with an empty form.
    if (e.draft_id == draft_id_) return;
    if (!draft_id_.empty()) {
      for (wxTextCtrl* f : {qr_, id_, dob_, expiry_, name_, gender_}) f->ChangeValue("");
    }
    draft_id_ = e.draft_id;
  }
  bool DefaultAction() override {
    SubmitTyped(true);
    return true;
  }
  void FocusFirst() override { qr_->SetFocus(); }

 private:
  void SubmitTyped(bool proceed) {
    wizard_.SubmitTyped({Utf8(id_->GetValue()), Utf8(dob_->GetValue()), Utf8(expiry_->GetValue()),
                         Utf8(name_->GetValue()), Utf8(gender_->GetValue())},
                        proceed);
  }

  WizardController& wizard_;
  std::string draft_id_;
  wxTextCtrl *qr_, *id_, *dob_, *expiry_, *name_, *gender_;
};

// Read the chip: with the key from the identify step, or with the CAN the officer types.
class ChipPage final : public ChipStepPage {
 public:
  ChipPage(wxWindow* parent, WizardController& wizard) : ChipStepPage(parent), wizard_(wizard) {
    SetName("chip-page");
    auto* column = new wxBoxSizer(wxVERTICAL);
    column->Add(labels_.Text(new wxStaticText(this, wxID_ANY, ""),
                             N_("Place the card on the reader and keep it still, then read the chip.")),
                0, wxBOTTOM, 12);
    read_ = labels_.Control(NamedButton(this, "read-chip"), N_("Read the chip"));
    gauge_ = new wxGauge(this, wxID_ANY, 100, wxDefaultPosition, wxSize(480, 20));
    file_ = new wxStaticText(this, wxID_ANY, "");
    verdict_ = new wxStaticText(this, wxID_ANY, "");
    verdict_->SetName("chip-verdict");
    verdict_->SetFont(verdict_->GetFont().Scaled(1.5f).Bold());
    details_ = new wxStaticText(this, wxID_ANY, "");
    details_->SetName("chip-details");
    column->Add(read_, 0, wxBOTTOM, 12);
    column->Add(gauge_, 0, wxBOTTOM, 4);
    column->Add(file_, 0, wxBOTTOM, 16);
    column->Add(verdict_, 0, wxBOTTOM, 8);
    column->Add(details_, 0, wxBOTTOM, 16);

    // The other way in: PACE with the card access number printed on the card front.
    can_intro_ = labels_.Text(new wxStaticText(this, wxID_ANY, ""),
                              N_("If the chip refuses the card's data, type the card access number "
                                 "(CAN): the 6 digits printed on the front of the card."));
    can_intro_->SetName("chip-can-intro");
    auto* can_row = new wxBoxSizer(wxHORIZONTAL);
    can_ = NamedField(this, "chip-can", 120);
    can_->SetMaxLength(6);
    labels_.Hint(can_, N_("6 digits"));
    read_can_ = labels_.Control(NamedButton(this, "read-chip-can"), N_("Read with the CAN"));
    can_row->Add(can_, 0, wxRIGHT | wxALIGN_CENTER_VERTICAL, 8);
    can_row->Add(read_can_, 0, wxALIGN_CENTER_VERTICAL);
    column->Add(can_intro_, 0, wxBOTTOM, 6);
    column->Add(can_row, 0);
    SetSizer(column);

    read_->Bind(wxEVT_BUTTON, [this](wxCommandEvent&) { Read(); });
    read_can_->Bind(wxEVT_BUTTON, [this](wxCommandEvent&) { ReadWithCan(); });
    can_->Bind(wxEVT_TEXT_ENTER, [this](wxCommandEvent&) { ReadWithCan(); });
  }

  void ShowEnrollment(const enrollment::Enrollment& e) override {
    if (e.draft_id == draft_id_) return;
    draft_id_ = e.draft_id;
    ClearResult();
    can_offered_ = false;
    can_->ChangeValue("");
    can_intro_->SetForegroundColour(GetForegroundColour());
  }
  // Enter reads the chip until it was read; then the wizard goes on.
  bool DefaultAction() override {
    if (read_ok_) return false;
    Read();
    return true;
  }
  void FocusFirst() override { (can_offered_ ? static_cast<wxWindow*>(can_) : read_)->SetFocus(); }

  void ShowProgress(const std::string& file, size_t done, size_t total) override {
    file_->SetLabel(Wx(file + "  " + std::to_string(done) + " / " + std::to_string(total)));
    gauge_->SetValue(total == 0 ? 0 : static_cast<int>(100 * done / total));
  }

  void ShowResult(const ChipSummary& s) override {
    read_ok_ = true;
    gauge_->SetValue(100);
    verdict_->SetLabel(Wx(s.verdict));
    verdict_->SetForegroundColour(s.genuine ? kGood : kProblem);
    std::string reasons;
    for (const std::string& reason : s.reasons) reasons += reason + "\n";
    const std::string details = reasons + s.full_name + "\n" + i18n::tr("ID number") + ": " + s.id_number + "\n" +
                                i18n::tr("Date of birth") + ": " + s.date_of_birth + "\n" + s.active +
                                (s.access_note.empty() ? "" : "\n" + s.access_note) +
                                "\n" + std::to_string(s.apdus) + " APDU, " +
                                std::to_string(s.bytes / 1024) + " KB, " + std::to_string(s.ms) + " ms";
    details_->SetLabel(Wx(details));
    Layout();
    FocusProceed();
  }

  void OfferCan() override {
    can_offered_ = true;
    can_intro_->SetForegroundColour(kAdvice);
    can_->SetFocus();
    can_->SelectAll();
    Layout();
  }

 protected:
  void RelabelStatus() override {
    if (!read_ok_) return;
    if (auto summary = wizard_.chip_summary()) {
      wxWindow* focus = FindFocus();
      ShowResult(*summary);
      if (focus != nullptr) focus->SetFocus();
    }
  }

 private:
  void ClearResult() {
    read_ok_ = false;
    verdict_->SetLabel("");
    details_->SetLabel("");
    file_->SetLabel("");
    gauge_->SetValue(0);
  }
  void Read() {
    ClearResult();
    wizard_.ReadChip();
  }
  // The CAN goes to the controller only (which checks its 6 digits): never logged.
  void ReadWithCan() {
    ClearResult();
    wizard_.ReadChipWithCan(Utf8(can_->GetValue()));
  }

  WizardController& wizard_;
  std::string draft_id_;
  bool read_ok_ = false;
  bool can_offered_ = false;
  wxButton *read_, *read_can_;
  wxGauge* gauge_;
  wxStaticText *file_, *verdict_, *details_, *can_intro_;
  wxTextCtrl* can_;
};

// Contact and consent: Enter saves and goes on to the review.
class ContactPage final : public StepPage {
 public:
  ContactPage(wxWindow* parent, WizardController& wizard) : StepPage(parent), wizard_(wizard) {
    SetName("contact-page");
    auto* column = new wxBoxSizer(wxVERTICAL);
    auto* grid = new wxFlexGridSizer(2, wxSize(12, 8));
    grid->Add(labels_.Text(new wxStaticText(this, wxID_ANY, ""), N_("Mobile phone (one per account)")), 0,
              wxALIGN_CENTER_VERTICAL);
    phone_ = NamedField(this, "phone");
    grid->Add(phone_, 1, wxEXPAND);
    grid->Add(labels_.Text(new wxStaticText(this, wxID_ANY, ""), N_("Email (optional)")), 0,
              wxALIGN_CENTER_VERTICAL);
    email_ = NamedField(this, "email");
    grid->Add(email_, 1, wxEXPAND);
    consent_ = labels_.Control(new wxCheckBox(this, wxID_ANY, ""),
                               N_("The citizen agrees to the processing of their data for the account"));
    consent_->SetName("consent");
    auto* save = labels_.Control(NamedButton(this, "save-contact"), N_("Save"));
    column->Add(grid, 0, wxBOTTOM, 12);
    column->Add(consent_, 0, wxBOTTOM, 12);
    column->Add(save, 0);
    SetSizer(column);
    save->Bind(wxEVT_BUTTON, [this](wxCommandEvent&) { Submit(false); });
    phone_->Bind(wxEVT_TEXT_ENTER, [this](wxCommandEvent&) { email_->SetFocus(); });
    email_->Bind(wxEVT_TEXT_ENTER, [this](wxCommandEvent&) { Submit(true); });
  }

  void ShowEnrollment(const enrollment::Enrollment& e) override {
    if (e.draft_id == draft_id_) return;
    if (!draft_id_.empty()) {
      phone_->ChangeValue("");
      email_->ChangeValue("");
      consent_->SetValue(false);
    }
    draft_id_ = e.draft_id;
  }
  bool DefaultAction() override {
    Submit(true);
    return true;
  }
  void FocusFirst() override { phone_->SetFocus(); }

 private:
  void Submit(bool proceed) {
    wizard_.SubmitContact(Utf8(phone_->GetValue()), Utf8(email_->GetValue()), consent_->GetValue(),
                          proceed);
  }

  WizardController& wizard_;
  std::string draft_id_;
  wxTextCtrl *phone_, *email_;
  wxCheckBox* consent_;
};

}  // namespace

StepPage* MakeIdentifyPage(wxWindow* parent, WizardController& wizard) {
  return new IdentifyPage(parent, wizard);
}
ChipStepPage* MakeChipPage(wxWindow* parent, WizardController& wizard) {
  return new ChipPage(parent, wizard);
}
StepPage* MakeContactPage(wxWindow* parent, WizardController& wizard) {
  return new ContactPage(parent, wizard);
}

}  // namespace kiosk::ui
