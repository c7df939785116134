#include "ui/station/main_frame.h"

#include <wx/button.h>
#include <wx/sizer.h>

#include "kiosk/core/i18n.h"
#include "ui/station/sign_in_panel.h"
#include "ui/station/wx_text.h"

namespace kiosk::ui {

MainFrame::MainFrame(auth::Authenticator* authenticator, TaskRunner& runner,
                     NavigationModel navigation)
    : wxFrame(nullptr, wxID_ANY, Tr("Level-2 e-ID enrollment station"), wxDefaultPosition,
              wxSize(1280, 800)),
      runner_(runner),
      navigation_(std::move(navigation)) {
  SetName("kiosk-station");
  book_ = new wxSimplebook(this, wxID_ANY);
  sign_in_ = new SignInPanel(
      book_, authenticator, runner_, [this](const auth::Session& s) { ShowWorkspace(s); },
      [this] { Relabel(); });
  book_->AddPage(sign_in_, "sign-in");
  book_->AddPage(BuildWorkspace(book_), "workspace");
  CreateStatusBar();
  ShowSignIn();
}

wxWindow* MainFrame::BuildWorkspace(wxWindow* parent) {
  auto* panel = new wxPanel(parent);
  auto* row = new wxBoxSizer(wxHORIZONTAL);
  rail_ = new wxListBox(panel, wxID_ANY, wxDefaultPosition, wxSize(280, -1));
  rail_->SetName("steps");
  rail_->SetFont(rail_->GetFont().Scaled(1.2f));
  auto* content = new wxBoxSizer(wxVERTICAL);
  who_ = new wxStaticText(panel, wxID_ANY, "");
  step_title_ = new wxStaticText(panel, wxID_ANY, "");
  step_title_->SetFont(step_title_->GetFont().Scaled(1.6f).Bold());
  step_body_ = new wxStaticText(panel, wxID_ANY, "");
  step_body_->SetFont(step_body_->GetFont().Scaled(1.2f));
  content->Add(who_, 0, wxBOTTOM, 16);
  content->Add(step_title_, 0, wxBOTTOM, 12);
  content->Add(step_body_, 1, wxEXPAND);
  row->Add(rail_, 0, wxEXPAND | wxALL, 12);
  row->Add(content, 1, wxEXPAND | wxALL, 24);
  panel->SetSizer(row);

  rail_->Bind(wxEVT_LISTBOX, [this](wxCommandEvent& e) {
    navigation_.Select(e.GetSelection());
    ShowStep();
  });
  // Keyboard: Enter proceeds to the next step, Esc goes back (the rail keeps arrow keys).
  panel->Bind(wxEVT_CHAR_HOOK, [this](wxKeyEvent& e) {
    if (e.GetKeyCode() == WXK_ESCAPE) {
      if (navigation_.Back()) ShowStep();
    } else if (e.GetKeyCode() == WXK_RETURN || e.GetKeyCode() == WXK_NUMPAD_ENTER) {
      if (navigation_.Next()) ShowStep();
    } else {
      e.Skip();
    }
  });
  return panel;
}

void MainFrame::ShowSignIn() {
  book_->SetSelection(0);
  SetStatusText(Tr("Not signed in"));
}

void MainFrame::ShowWorkspace(const auth::Session& session) {
  session_ = session;
  book_->SetSelection(1);
  RefreshRail();
  ShowStep();
  rail_->SetFocus();
}

void MainFrame::RefreshRail() {
  rail_->Clear();
  int index = 1;
  for (const auto& item : navigation_.Items()) {
    rail_->Append(Wx(std::to_string(index++) + ". " + item.title));
  }
  rail_->SetSelection(static_cast<int>(navigation_.current()));
}

void MainFrame::ShowStep() {
  rail_->SetSelection(static_cast<int>(navigation_.current()));
  step_title_->SetLabel(Tr(enrollment::Title(navigation_.current())));
  step_body_->SetLabel(navigation_.IsAvailable(navigation_.current())
                           ? wxString()
                           : Tr("This step is not available in this build yet."));
  who_->SetLabel(Wx(session_.display_name) + " — " + Tr(auth::DisplayName(session_.role)));
  Layout();
}

void MainFrame::Relabel() {
  SetTitle(Tr("Level-2 e-ID enrollment station"));
  if (book_->GetSelection() == 0) {
    SetStatusText(Tr("Not signed in"));
  } else {
    RefreshRail();
    ShowStep();
  }
}

}  // namespace kiosk::ui
