#include "ui/station/account_panels.h"

#include <wx/sizer.h>

#include "ui/station/wx_text.h"

namespace kiosk::ui {

FormPanel::FormPanel(wxWindow* parent, const std::string& title_msgid,
                     const std::string& intro_msgid)
    : wxPanel(parent, wxID_ANY) {
  outer_ = new wxBoxSizer(wxVERTICAL);
  auto* title = new wxStaticText(this, wxID_ANY, Tr(title_msgid));
  title->SetFont(title->GetFont().Scaled(1.8f).Bold());
  auto* intro = new wxStaticText(this, wxID_ANY, Tr(intro_msgid));
  intro->Wrap(640);
  grid_ = new wxFlexGridSizer(2, wxSize(12, 12));
  grid_->AddGrowableCol(1);
  error_ = new wxStaticText(this, wxID_ANY, "");
  error_->SetName("form-error");
  error_->SetForegroundColour(wxColour(176, 0, 32));
  error_->SetFont(error_->GetFont().Scaled(1.2f));
  outer_->AddStretchSpacer(1);
  outer_->Add(title, 0, wxALIGN_CENTER | wxBOTTOM, 8);
  outer_->Add(intro, 0, wxALIGN_CENTER | wxBOTTOM, 24);
  outer_->Add(grid_, 0, wxALIGN_CENTER);
  SetSizer(outer_);
}

wxTextCtrl* FormPanel::AddField(const std::string& label_msgid, const std::string& name,
                                bool password) {
  auto* label = new wxStaticText(this, wxID_ANY, Tr(label_msgid));
  auto* field = new wxTextCtrl(this, wxID_ANY, "", wxDefaultPosition, wxSize(320, -1),
                               (password ? wxTE_PASSWORD : 0) | wxTE_PROCESS_ENTER);
  field->SetName(name);
  grid_->Add(label, 0, wxALIGN_CENTER_VERTICAL);
  grid_->Add(field, 1, wxEXPAND);
  return field;
}

wxButton* FormPanel::Finish(const std::string& button_msgid) {
  button_ = new wxButton(this, wxID_OK, Tr(button_msgid));
  button_->SetName("form-submit");
  button_->SetDefault();
  outer_->Add(button_, 0, wxALIGN_CENTER | wxTOP, 16);
  outer_->Add(error_, 0, wxALIGN_CENTER | wxTOP, 12);
  outer_->AddStretchSpacer(2);
  Layout();
  return button_;
}

void FormPanel::SetBusy(bool busy) {
  if (button_ != nullptr) button_->Enable(!busy);
  if (busy) error_->SetLabel(Tr("Checking…"));
  else error_->SetLabel("");
}

void FormPanel::ShowError(const std::string& text) {
  error_->SetLabel(Wx(text));
  error_->Wrap(640);
  Layout();
}

FirstRunPanel::FirstRunPanel(wxWindow* parent, auth::OperatorDirectory& directory,
                             TaskRunner& runner, std::function<void()> on_created)
    : FormPanel(parent, "First start: create the administrator",
                "This station has no accounts yet. Create the administrator, who then adds the "
                "officers, supervisors and technicians."),
      controller_(*this, directory, runner, std::move(on_created)) {
  user_ = AddField("User name", "admin-username", false);
  name_ = AddField("Full name", "admin-name", false);
  password_ = AddField("Password", "admin-password", true);
  repeat_ = AddField("Repeat the password", "admin-repeat", true);
  auto submit = [this] {
    controller_.Submit(Utf8(user_->GetValue()), Utf8(name_->GetValue()),
                       SecretString(Utf8(password_->GetValue())),
                       SecretString(Utf8(repeat_->GetValue())));
    password_->Clear();
    repeat_->Clear();
  };
  Finish("Create the administrator")->Bind(wxEVT_BUTTON, [submit](wxCommandEvent&) { submit(); });
  repeat_->Bind(wxEVT_TEXT_ENTER, [submit](wxCommandEvent&) { submit(); });
}

ChangePasswordPanel::ChangePasswordPanel(wxWindow* parent, auth::OperatorDirectory& directory,
                                         TaskRunner& runner,
                                         std::function<void(const auth::Session&)> on_changed)
    : FormPanel(parent, "Choose a new password",
                "Your password must be changed before you continue: 8 to 20 characters with a "
                "digit, an upper-case letter, a lower-case letter and one of !@#$%^*()."),
      controller_(*this, directory, runner, std::move(on_changed)) {
  current_ = AddField("Current password", "current-password", true);
  next_ = AddField("New password", "new-password", true);
  repeat_ = AddField("Repeat the password", "repeat-password", true);
  auto submit = [this] {
    controller_.Submit(session_, SecretString(Utf8(current_->GetValue())),
                       SecretString(Utf8(next_->GetValue())),
                       SecretString(Utf8(repeat_->GetValue())));
    current_->Clear();
    next_->Clear();
    repeat_->Clear();
  };
  Finish("Change the password")->Bind(wxEVT_BUTTON, [submit](wxCommandEvent&) { submit(); });
  repeat_->Bind(wxEVT_TEXT_ENTER, [submit](wxCommandEvent&) { submit(); });
}

void ChangePasswordPanel::Start(const auth::Session& session) {
  session_ = session;
  current_->SetFocus();
}

}  // namespace kiosk::ui
