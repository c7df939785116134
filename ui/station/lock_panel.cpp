#include "ui/station/lock_panel.h"

#include "ui/station/wx_text.h"

namespace kiosk::ui {

LockPanel::LockPanel(wxWindow* parent, auth::Authenticator* authenticator, TaskRunner& runner,
                     LockController::Unlocked on_unlocked, std::function<void()> on_sign_out)
    : wxPanel(parent, wxID_ANY),
      controller_(*this, authenticator, runner, std::move(on_unlocked)),
      on_sign_out_(std::move(on_sign_out)) {
  auto* outer = new wxBoxSizer(wxVERTICAL);
  title_ = new wxStaticText(this, wxID_ANY, "");
  title_->SetFont(title_->GetFont().Scaled(1.8f).Bold());
  who_ = new wxStaticText(this, wxID_ANY, "");
  who_->SetName("lock-who");
  who_->SetFont(who_->GetFont().Scaled(1.4f));
  prompt_ = new wxStaticText(this, wxID_ANY, "");
  password_ = new wxTextCtrl(this, wxID_ANY, "", wxDefaultPosition, wxSize(320, -1),
                             wxTE_PASSWORD | wxTE_PROCESS_ENTER);
  password_->SetName("lock-password");
  unlock_ = new wxButton(this, wxID_ANY, "");
  unlock_->SetName("unlock");
  sign_out_ = new wxButton(this, wxID_ANY, "");
  sign_out_->SetName("lock-sign-out");
  error_ = new wxStaticText(this, wxID_ANY, "");
  error_->SetName("lock-error");
  error_->SetForegroundColour(wxColour(176, 0, 32));
  auto* buttons = new wxBoxSizer(wxHORIZONTAL);
  buttons->Add(unlock_, 0, wxRIGHT, 12);
  buttons->Add(sign_out_, 0);
  outer->AddStretchSpacer(1);
  outer->Add(title_, 0, wxALIGN_CENTER | wxBOTTOM, 12);
  outer->Add(who_, 0, wxALIGN_CENTER | wxBOTTOM, 16);
  outer->Add(prompt_, 0, wxALIGN_CENTER | wxBOTTOM, 8);
  outer->Add(password_, 0, wxALIGN_CENTER | wxBOTTOM, 12);
  outer->Add(buttons, 0, wxALIGN_CENTER | wxBOTTOM, 12);
  outer->Add(error_, 0, wxALIGN_CENTER);
  outer->AddStretchSpacer(2);
  SetSizer(outer);
  auto submit = [this] { controller_.Unlock(SecretString(Utf8(password_->GetValue()))); };
  password_->Bind(wxEVT_TEXT_ENTER, [submit](wxCommandEvent&) { submit(); });
  unlock_->Bind(wxEVT_BUTTON, [submit](wxCommandEvent&) { submit(); });
  sign_out_->Bind(wxEVT_BUTTON, [this](wxCommandEvent&) {
    if (on_sign_out_) on_sign_out_();
  });
}

void LockPanel::Lock(const auth::Session& session) {
  controller_.Lock(session);
  title_->SetLabel(Tr("The station is locked"));
  who_->SetLabel(Wx(session.display_name.empty() ? session.username : session.display_name) +
                 " (" + Wx(session.username) + ")");
  prompt_->SetLabel(Tr("Enter your password to unlock."));
  unlock_->SetLabel(Tr("Unlock"));
  sign_out_->SetLabel(Tr("Sign out"));
  error_->SetLabel("");
  password_->Clear();
  password_->Enable();
  unlock_->Enable();
  Layout();
  password_->SetFocus();
}

void LockPanel::SetBusy(bool busy) {
  unlock_->Enable(!busy);
  password_->Enable(!busy);
  if (busy) error_->SetLabel(Tr("Checking…"));
}

void LockPanel::ShowError(const std::string& text) {
  error_->SetLabel(Wx(text));
  Layout();
  password_->SetFocus();
}

void LockPanel::ClearPassword() { password_->Clear(); }

wxWindow* MakeComingPanel(wxWindow* parent, const std::string& title_msgid,
                          const std::string& body_msgid) {
  auto* panel = new wxPanel(parent, wxID_ANY);
  auto* sizer = new wxBoxSizer(wxVERTICAL);
  auto* title = new wxStaticText(panel, wxID_ANY, Tr(title_msgid));
  title->SetFont(title->GetFont().Scaled(1.6f).Bold());
  auto* body = new wxStaticText(panel, wxID_ANY, Tr(body_msgid));
  body->SetName("coming-soon");
  body->SetFont(body->GetFont().Scaled(1.2f));
  sizer->Add(title, 0, wxBOTTOM, 12);
  sizer->Add(body, 0);
  panel->SetSizer(sizer);
  return panel;
}

}  // namespace kiosk::ui
