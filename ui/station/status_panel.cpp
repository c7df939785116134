#include "ui/station/status_panel.h"

#include "ui/station/wx_text.h"

namespace kiosk::ui {

StatusPanel::StatusPanel(wxWindow* parent, const StationServices& services, TaskRunner& runner,
                         const auth::Session& session)
    : wxPanel(parent, wxID_ANY),
      controller_(*this, runner, services.sync, services.records, session) {
  auto* outer = new wxBoxSizer(wxVERTICAL);
  auto* title = new wxStaticText(this, wxID_ANY, Tr("Status lookup"));
  title->SetFont(title->GetFont().Scaled(1.6f).Bold());
  auto* intro = new wxStaticText(
      this, wxID_ANY, Tr("Type the record number printed on the receipt, or scan its QR code."));
  auto* row = new wxBoxSizer(wxHORIZONTAL);
  input_ = new wxTextCtrl(this, wxID_ANY, "", wxDefaultPosition, wxSize(420, -1),
                          wxTE_PROCESS_ENTER);
  input_->SetName("status-input");
  input_->SetFont(input_->GetFont().Scaled(1.3f));
  lookup_ = new wxButton(this, wxID_ANY, Tr("Look up"));
  lookup_->SetName("status-lookup");
  row->Add(input_, 0, wxRIGHT, 12);
  row->Add(lookup_, 0);
  number_ = new wxStaticText(this, wxID_ANY, "");
  number_->SetName("status-number");
  headline_ = new wxStaticText(this, wxID_ANY, "");
  headline_->SetName("status-headline");
  headline_->SetFont(headline_->GetFont().Scaled(2.0f).Bold());
  headline_->SetForegroundColour(wxColour(0, 70, 140));
  details_ = new wxStaticText(this, wxID_ANY, "");
  details_->SetName("status-details");
  details_->SetFont(details_->GetFont().Scaled(1.2f));
  error_ = new wxStaticText(this, wxID_ANY, "");
  error_->SetName("status-error");
  error_->SetForegroundColour(wxColour(176, 0, 32));
  error_->SetFont(error_->GetFont().Scaled(1.3f));

  outer->Add(title, 0, wxBOTTOM, 8);
  outer->Add(intro, 0, wxBOTTOM, 16);
  outer->Add(row, 0, wxBOTTOM, 24);
  outer->Add(number_, 0, wxBOTTOM, 8);
  outer->Add(headline_, 0, wxBOTTOM | wxEXPAND, 12);
  outer->Add(details_, 0, wxBOTTOM, 12);
  outer->Add(error_, 0);
  SetSizer(outer);

  auto submit = [this] {
    error_->SetLabel("");
    controller_.Lookup(Utf8(input_->GetValue()));
  };
  input_->Bind(wxEVT_TEXT_ENTER, [submit](wxCommandEvent&) { submit(); });
  lookup_->Bind(wxEVT_BUTTON, [submit](wxCommandEvent&) { submit(); });
}

void StatusPanel::SetBusy(bool busy) {
  lookup_->Enable(!busy);
  if (busy) {
    headline_->SetLabel("");
    details_->SetLabel(Tr("Looking up…"));
  }
}

void StatusPanel::ShowError(const std::string& text) {
  number_->SetLabel("");
  headline_->SetLabel("");
  details_->SetLabel("");
  error_->SetLabel(Wx(text));
  Layout();
}

void StatusPanel::ShowStatus(const StatusAnswer& answer) {
  error_->SetLabel("");
  number_->SetLabel(Tr("Record number:") + " " + Wx(answer.record_number));
  headline_->SetLabel(Wx(answer.headline));
  headline_->Wrap(GetClientSize().GetWidth() > 100 ? GetClientSize().GetWidth() - 40 : 800);
  wxString details = Tr("At this station:") + " " + Wx(answer.local_state);
  if (!answer.changed_at.empty()) details += "\n" + Tr("Last change:") + " " + Wx(answer.changed_at);
  details_->SetLabel(details);
  input_->SelectAll();  // the next scan replaces this one
  Layout();
}

}  // namespace kiosk::ui
