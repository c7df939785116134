#include "ui/station/main_frame.h"

#include <wx/button.h>
#include <wx/sizer.h>

#include "kiosk/core/i18n.h"
#include "ui/station/account_panels.h"
#include "ui/station/sign_in_panel.h"
#include "ui/station/wizard_panel.h"
#include "ui/station/wx_text.h"

namespace kiosk::ui {

MainFrame::MainFrame(const StationServices& services, TaskRunner& runner,
                     NavigationModel navigation)
    : wxFrame(nullptr, wxID_ANY, Tr("Level-2 e-ID enrollment station"), wxDefaultPosition,
              wxSize(1280, 800)),
      services_(services),
      directory_(services.directory),
      runner_(runner),
      navigation_(std::move(navigation)) {
  SetName("kiosk-station");
  book_ = new wxSimplebook(this, wxID_ANY);
  sign_in_ = new SignInPanel(
      book_, directory_, runner_, [this](const auth::Session& s) { OnSignedIn(s); },
      [this] { Relabel(); });
  book_->AddPage(sign_in_, "sign-in");
  workspace_ = BuildWorkspace(book_);
  book_->AddPage(workspace_, "workspace");
  CreateStatusBar();
  ShowSignIn();
}

void MainFrame::Start(const std::string& store_problem) {
  if (directory_ == nullptr) {
    if (!store_problem.empty()) sign_in_->ShowError(store_problem);
    return;
  }
  auto needs = std::make_shared<Result<bool>>(false);
  runner_.Run([this, needs] { *needs = directory_->NeedsBootstrap(); },
              [this, needs] {
                if (*needs && **needs) {
                  ShowPage(new FirstRunPanel(book_, *directory_, runner_, [this] { ShowSignIn(); }));
                  SetStatusText(Tr("First start"));
                }
              });
}

void MainFrame::ShowPage(wxWindow* page) {
  if (transient_ != nullptr) {
    book_->DeletePage(static_cast<size_t>(book_->FindPage(transient_)));
  }
  transient_ = page;
  book_->AddPage(page, "transient");
  book_->ChangeSelection(static_cast<size_t>(book_->FindPage(page)));
  page->SetFocus();  // a panel hands the focus to its first field
}

void MainFrame::OnSignedIn(const auth::Session& session) {
  if (session.must_change_password && directory_ != nullptr) {
    auto* page = new ChangePasswordPanel(book_, *directory_, runner_,
                                         [this](const auth::Session& s) { ShowWorkspace(s); });
    ShowPage(page);
    page->Start(session);
    SetStatusText(Tr("Choose a new password"));
    return;
  }
  ShowWorkspace(session);
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
  if (services_.drafts != nullptr && services_.records != nullptr && services_.clock != nullptr) {
    wizard_ = new WizardPanel(panel, runner_, services_, [this](enrollment::Step step) {
                                navigation_.Select(static_cast<int>(step));
                                if (rail_ != nullptr) rail_->SetSelection(static_cast<int>(step));
                              });
    content->Add(wizard_, 1, wxEXPAND);
    step_title_->Hide();
    step_body_->Hide();
  } else {
    content->Add(step_title_, 0, wxBOTTOM, 12);
    content->Add(step_body_, 1, wxEXPAND);
  }
  row->Add(rail_, 0, wxEXPAND | wxALL, 12);
  row->Add(content, 1, wxEXPAND | wxALL, 24);
  panel->SetSizer(row);

  rail_->Bind(wxEVT_LISTBOX, [this](wxCommandEvent& e) {
    if (wizard_ != nullptr) {
      wizard_->controller().GoTo(static_cast<enrollment::Step>(e.GetSelection()));
      return;
    }
    navigation_.Select(e.GetSelection());
    ShowStep();
  });
  // Without a wizard: Enter proceeds to the next step, Esc goes back (the rail keeps arrows).
  if (wizard_ != nullptr) return panel;
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
  book_->ChangeSelection(static_cast<size_t>(book_->FindPage(sign_in_)));
  SetStatusText(Tr("Not signed in"));
}

void MainFrame::ShowWorkspace(const auth::Session& session) {
  session_ = session;
  book_->ChangeSelection(static_cast<size_t>(book_->FindPage(workspace_)));
  SetStatusText(Wx(session.display_name) + Wx(" — ") + Tr(auth::DisplayName(session.role)));
  RefreshRail();
  ShowStep();
  rail_->SetFocus();
  if (wizard_ != nullptr) wizard_->Begin(session);
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
  who_->SetLabel(Wx(session_.display_name) + Wx(" — ") + Tr(auth::DisplayName(session_.role)));
  if (wizard_ != nullptr) return;  // the wizard shows its own page
  step_title_->SetLabel(Tr(enrollment::Title(navigation_.current())));
  step_body_->SetLabel(navigation_.IsAvailable(navigation_.current())
                           ? wxString()
                           : Tr("This step is not available in this build yet."));
  Layout();
}

void MainFrame::Relabel() {
  SetTitle(Tr("Level-2 e-ID enrollment station"));
  if (book_->GetCurrentPage() == sign_in_) {
    SetStatusText(Tr("Not signed in"));
  } else {
    RefreshRail();
    ShowStep();
  }
}

}  // namespace kiosk::ui
