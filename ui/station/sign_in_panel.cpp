#include "ui/station/sign_in_panel.h"

#include <wx/sizer.h>

#include "ui/station/wx_text.h"

namespace kiosk::ui {

SignInPanel::SignInPanel(wxWindow* parent, auth::Authenticator* authenticator, TaskRunner& runner,
                         SignInController::SignedIn on_signed_in,
                         std::function<void()> on_language_changed)
    : wxPanel(parent, wxID_ANY),
      controller_(*this, authenticator, runner, std::move(on_signed_in)),
      on_language_changed_(std::move(on_language_changed)) {
  auto* outer = new wxBoxSizer(wxVERTICAL);
  auto* form = new wxFlexGridSizer(2, wxSize(12, 12));
  form->AddGrowableCol(1);

  title_ = new wxStaticText(this, wxID_ANY, "");
  title_->SetFont(title_->GetFont().Scaled(1.8f).Bold());
  subtitle_ = new wxStaticText(this, wxID_ANY, "");
  user_label_ = new wxStaticText(this, wxID_ANY, "");
  password_label_ = new wxStaticText(this, wxID_ANY, "");
  language_label_ = new wxStaticText(this, wxID_ANY, "");
  user_ = new wxTextCtrl(this, wxID_ANY, "", wxDefaultPosition, wxSize(320, -1),
                         wxTE_PROCESS_ENTER);
  user_->SetName("username");
  password_ = new wxTextCtrl(this, wxID_ANY, "", wxDefaultPosition, wxSize(320, -1),
                             wxTE_PASSWORD | wxTE_PROCESS_ENTER);
  password_->SetName("password");
  language_ = new wxChoice(this, wxID_ANY);
  language_->SetName("language");
  language_->Append(wxString::FromUTF8("Tiếng Việt"));
  language_->Append("English");
  language_->SetSelection(i18n::CurrentLanguage() == "en" ? 1 : 0);
  submit_ = new wxButton(this, wxID_OK, "");
  submit_->SetName("sign-in");
  submit_->SetDefault();
  error_ = new wxStaticText(this, wxID_ANY, "");
  error_->SetName("sign-in-error");
  error_->SetForegroundColour(wxColour(176, 0, 32));
  error_->SetFont(error_->GetFont().Scaled(1.2f));

  form->Add(user_label_, 0, wxALIGN_CENTER_VERTICAL);
  form->Add(user_, 1, wxEXPAND);
  form->Add(password_label_, 0, wxALIGN_CENTER_VERTICAL);
  form->Add(password_, 1, wxEXPAND);
  form->Add(language_label_, 0, wxALIGN_CENTER_VERTICAL);
  form->Add(language_, 1, wxEXPAND);

  outer->AddStretchSpacer(1);
  outer->Add(title_, 0, wxALIGN_CENTER | wxBOTTOM, 8);
  outer->Add(subtitle_, 0, wxALIGN_CENTER | wxBOTTOM, 24);
  outer->Add(form, 0, wxALIGN_CENTER);
  outer->Add(submit_, 0, wxALIGN_CENTER | wxTOP, 16);
  outer->Add(error_, 0, wxALIGN_CENTER | wxTOP, 12);
  outer->AddStretchSpacer(2);
  SetSizer(outer);

  user_->Bind(wxEVT_TEXT_ENTER, [this](wxCommandEvent&) { password_->SetFocus(); });
  password_->Bind(wxEVT_TEXT_ENTER, [this](wxCommandEvent&) { OnSubmit(); });
  submit_->Bind(wxEVT_BUTTON, [this](wxCommandEvent&) { OnSubmit(); });
  language_->Bind(wxEVT_CHOICE, [this](wxCommandEvent&) { OnLanguage(); });
  Relabel();
  user_->SetFocus();
}

void SignInPanel::OnSubmit() {
  controller_.SubmitSignIn(Utf8(user_->GetValue()), SecretString(Utf8(password_->GetValue())));
}

void SignInPanel::OnLanguage() {
  controller_.SwitchLanguage(language_->GetSelection() == 1 ? "en" : "vi");
  if (on_language_changed_) on_language_changed_();
}

void SignInPanel::SetBusy(bool busy) {
  submit_->Enable(!busy);
  user_->Enable(!busy);
  password_->Enable(!busy);
  if (busy) error_->SetLabel(Tr("Checking…"));
}

void SignInPanel::ShowError(const std::string& text) {
  error_->SetLabel(Wx(text));
  Layout();
}

void SignInPanel::ClearPassword() { password_->Clear(); }

void SignInPanel::Relabel() {
  title_->SetLabel(Tr("Level-2 e-ID enrollment station"));
  subtitle_->SetLabel(Tr("Sign in to start"));
  user_label_->SetLabel(Tr("User name"));
  password_label_->SetLabel(Tr("Password"));
  language_label_->SetLabel(Tr("Language"));
  submit_->SetLabel(Tr("Sign in"));
  error_->SetLabel("");
  Layout();
}

}  // namespace kiosk::ui
