#include "ui/station/account_panels.h"

#include <wx/sizer.h>
#include <wx/statbox.h>

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

namespace {

// The roles in the order the new-account form offers them (the officer is the common case).
constexpr auth::Role kRoles[] = {auth::Role::kOfficer, auth::Role::kSupervisor,
                                 auth::Role::kTechnician, auth::Role::kAdministrator};

wxStaticText* Line(wxWindow* parent, const char* name, const wxColour& colour) {
  auto* text = new wxStaticText(parent, wxID_ANY, "");
  text->SetName(name);
  text->SetForegroundColour(colour);
  return text;
}

}  // namespace

void AccountsPanel::OwnPasswordView::SetBusy(bool busy) {
  panel_.own_status_->SetLabel(busy ? Tr("Checking…") : wxString());
}

void AccountsPanel::OwnPasswordView::ShowError(const std::string& text) {
  panel_.own_status_->SetForegroundColour(wxColour(176, 0, 32));
  panel_.own_status_->SetLabel(Wx(text));
  panel_.own_status_->Wrap(300);
  panel_.Layout();
}

AccountsPanel::AccountsPanel(wxWindow* parent, auth::OperatorDirectory& directory,
                             TaskRunner& runner, const Clock& clock, const auth::Session& admin,
                             std::function<void(const auth::Session&)> on_own_password_changed)
    : wxPanel(parent, wxID_ANY),
      controller_(*this, directory, runner, clock, admin),
      own_view_(*this),
      own_password_(own_view_, directory, runner,
                    [this, done = std::move(on_own_password_changed)](const auth::Session& s) {
                      own_status_->SetForegroundColour(wxColour(0, 120, 50));
                      own_status_->SetLabel(Tr("Password changed."));
                      if (done) done(s);
                    }),
      admin_(admin) {
  auto* outer = new wxBoxSizer(wxVERTICAL);
  auto* title = new wxStaticText(this, wxID_ANY, Tr("Accounts"));
  title->SetFont(title->GetFont().Scaled(1.6f).Bold());
  auto* intro = new wxStaticText(
      this, wxID_ANY,
      Tr("The station's operator accounts. Every change is recorded in the audit log. New "
         "accounts and reset passwords must be changed at the next sign-in."));
  intro->Wrap(900);
  outer->Add(title, 0, wxBOTTOM, 6);
  outer->Add(intro, 0, wxBOTTOM, 10);

  list_ = new wxListCtrl(this, wxID_ANY, wxDefaultPosition, wxSize(-1, 200),
                         wxLC_REPORT | wxLC_SINGLE_SEL);
  list_->SetName("accounts-list");
  list_->AppendColumn(Tr("User name"), wxLIST_FORMAT_LEFT, 150);
  list_->AppendColumn(Tr("Full name"), wxLIST_FORMAT_LEFT, 240);
  list_->AppendColumn(Tr("Role"), wxLIST_FORMAT_LEFT, 150);
  list_->AppendColumn(Tr("State"), wxLIST_FORMAT_LEFT, 420);
  outer->Add(list_, 1, wxEXPAND | wxBOTTOM, 8);

  auto* actions = new wxBoxSizer(wxHORIZONTAL);
  disable_ = new wxButton(this, wxID_ANY, Tr("Disable"));
  disable_->SetName("account-disable");
  enable_ = new wxButton(this, wxID_ANY, Tr("Enable"));
  enable_->SetName("account-enable");
  unlock_ = new wxButton(this, wxID_ANY, Tr("Unlock"));
  unlock_->SetName("account-unlock");
  actions->Add(disable_, 0, wxRIGHT, 8);
  actions->Add(enable_, 0, wxRIGHT, 8);
  actions->Add(unlock_, 0);
  outer->Add(actions, 0, wxEXPAND | wxBOTTOM, 6);
  notice_ = Line(this, "accounts-notice", wxColour(0, 120, 50));
  error_ = Line(this, "accounts-error", wxColour(176, 0, 32));
  outer->Add(notice_, 0, wxEXPAND);
  outer->Add(error_, 0, wxEXPAND | wxBOTTOM, 8);

  auto* policy = new wxStaticText(
      this, wxID_ANY,
      Tr("Passwords: 8 to 20 characters with a digit, an upper-case letter, a lower-case letter "
         "and one of !@#$%^*()."));
  outer->Add(policy, 0, wxBOTTOM, 6);
  auto* forms = new wxBoxSizer(wxHORIZONTAL);
  forms->Add(BuildCreateBox(), 1, wxEXPAND | wxRIGHT, 10);
  forms->Add(BuildResetBox(), 1, wxEXPAND | wxRIGHT, 10);
  forms->Add(BuildOwnPasswordBox(), 1, wxEXPAND);
  outer->Add(forms, 0, wxEXPAND);
  SetSizer(outer);

  list_->Bind(wxEVT_LIST_ITEM_SELECTED, [this](wxListEvent&) { RefreshButtons(); });
  list_->Bind(wxEVT_LIST_ITEM_DESELECTED, [this](wxListEvent&) { RefreshButtons(); });
  disable_->Bind(wxEVT_BUTTON, [this](wxCommandEvent&) { controller_.Disable(SelectedAccount()); });
  enable_->Bind(wxEVT_BUTTON, [this](wxCommandEvent&) { controller_.Enable(SelectedAccount()); });
  unlock_->Bind(wxEVT_BUTTON, [this](wxCommandEvent&) { controller_.Unlock(SelectedAccount()); });
  busy_buttons_ = {disable_, enable_, unlock_};
  RefreshButtons();
  controller_.Refresh();
}

wxTextCtrl* AccountsPanel::AddField(wxWindow* box, wxFlexGridSizer* grid, const char* label_msgid,
                                    const char* name, bool password) {
  grid->Add(new wxStaticText(box, wxID_ANY, Tr(label_msgid)), 0, wxALIGN_CENTER_VERTICAL);
  auto* field = new wxTextCtrl(box, wxID_ANY, "", wxDefaultPosition, wxSize(170, -1),
                               password ? wxTE_PASSWORD : 0);
  field->SetName(name);
  grid->Add(field, 1, wxEXPAND);
  return field;
}

wxSizer* AccountsPanel::BuildCreateBox() {
  auto* sizer = new wxStaticBoxSizer(wxVERTICAL, this, Tr("New account"));
  wxWindow* box = sizer->GetStaticBox();
  auto* grid = new wxFlexGridSizer(2, wxSize(8, 6));
  grid->AddGrowableCol(1);
  new_user_ = AddField(box, grid, N_("User name"), "new-username", false);
  new_name_ = AddField(box, grid, N_("Full name"), "new-name", false);
  grid->Add(new wxStaticText(box, wxID_ANY, Tr("Role")), 0, wxALIGN_CENTER_VERTICAL);
  new_role_ = new wxChoice(box, wxID_ANY);
  new_role_->SetName("new-role");
  for (auth::Role role : kRoles) new_role_->Append(Tr(auth::DisplayName(role)));
  new_role_->SetSelection(0);
  grid->Add(new_role_, 1, wxEXPAND);
  new_password_ = AddField(box, grid, N_("Initial password"), "new-account-password", true);
  new_repeat_ = AddField(box, grid, N_("Repeat the password"), "new-account-repeat", true);
  auto* create = new wxButton(box, wxID_ANY, Tr("Create the account"));
  create->SetName("account-create");
  sizer->Add(grid, 0, wxEXPAND | wxALL, 6);
  sizer->Add(create, 0, wxALIGN_RIGHT | wxALL, 6);
  create->Bind(wxEVT_BUTTON, [this](wxCommandEvent&) {
    NewAccountForm form;
    form.username = Utf8(new_user_->GetValue());
    form.display_name = Utf8(new_name_->GetValue());
    const int role = new_role_->GetSelection();
    form.role = kRoles[role >= 0 && role < 4 ? role : 0];
    form.password = SecretString(Utf8(new_password_->GetValue()));
    form.repeat = SecretString(Utf8(new_repeat_->GetValue()));
    new_password_->Clear();
    new_repeat_->Clear();
    controller_.Create(std::move(form));
  });
  busy_buttons_.push_back(create);
  return sizer;
}

wxSizer* AccountsPanel::BuildResetBox() {
  auto* sizer = new wxStaticBoxSizer(wxVERTICAL, this, Tr("Reset the selected account's password"));
  wxWindow* box = sizer->GetStaticBox();
  auto* grid = new wxFlexGridSizer(2, wxSize(8, 6));
  grid->AddGrowableCol(1);
  reset_password_ = AddField(box, grid, N_("Temporary password"), "reset-password", true);
  reset_repeat_ = AddField(box, grid, N_("Repeat the password"), "reset-repeat", true);
  auto* reset = new wxButton(box, wxID_ANY, Tr("Reset the password"));
  reset->SetName("account-reset");
  sizer->Add(grid, 0, wxEXPAND | wxALL, 6);
  sizer->Add(reset, 0, wxALIGN_RIGHT | wxALL, 6);
  reset->Bind(wxEVT_BUTTON, [this](wxCommandEvent&) {
    SecretString password(Utf8(reset_password_->GetValue()));
    SecretString repeat(Utf8(reset_repeat_->GetValue()));
    reset_password_->Clear();
    reset_repeat_->Clear();
    controller_.ResetPassword(SelectedAccount(), std::move(password), std::move(repeat));
  });
  busy_buttons_.push_back(reset);
  return sizer;
}

wxSizer* AccountsPanel::BuildOwnPasswordBox() {
  auto* sizer = new wxStaticBoxSizer(wxVERTICAL, this, Tr("Your own password"));
  wxWindow* box = sizer->GetStaticBox();
  auto* grid = new wxFlexGridSizer(2, wxSize(8, 6));
  grid->AddGrowableCol(1);
  own_current_ = AddField(box, grid, N_("Current password"), "own-current", true);
  own_next_ = AddField(box, grid, N_("New password"), "own-new", true);
  own_repeat_ = AddField(box, grid, N_("Repeat the password"), "own-repeat", true);
  auto* change = new wxButton(box, wxID_ANY, Tr("Change the password"));
  change->SetName("own-password-change");
  own_status_ = new wxStaticText(box, wxID_ANY, "");
  own_status_->SetName("own-password-status");
  sizer->Add(grid, 0, wxEXPAND | wxALL, 6);
  sizer->Add(change, 0, wxALIGN_RIGHT | wxALL, 6);
  sizer->Add(own_status_, 0, wxALL, 6);
  change->Bind(wxEVT_BUTTON, [this](wxCommandEvent&) {
    own_password_.Submit(admin_, SecretString(Utf8(own_current_->GetValue())),
                         SecretString(Utf8(own_next_->GetValue())),
                         SecretString(Utf8(own_repeat_->GetValue())));
    own_current_->Clear();
    own_next_->Clear();
    own_repeat_->Clear();
  });
  return sizer;
}

void AccountsPanel::SetBusy(bool busy) {
  for (wxButton* b : busy_buttons_) b->Enable(!busy);
  if (busy) {
    error_->SetLabel("");
  } else {
    RefreshButtons();
  }
}

void AccountsPanel::ShowError(const std::string& text) {
  notice_->SetLabel("");
  error_->SetLabel(Wx(text));
  error_->Wrap(960);
  Layout();
}

void AccountsPanel::ShowNotice(const std::string& text) {
  error_->SetLabel("");
  notice_->SetLabel(Wx(text));
  notice_->Wrap(960);
  Layout();
}

void AccountsPanel::AccountCreated() {
  new_user_->Clear();
  new_name_->Clear();
  new_role_->SetSelection(0);
}

void AccountsPanel::ShowAccounts(const std::vector<AccountRow>& rows) {
  const std::string keep = SelectedAccount();
  rows_ = rows;
  list_->DeleteAllItems();
  for (size_t i = 0; i < rows_.size(); ++i) {
    const auto& row = rows_[i];
    const long at = list_->InsertItem(static_cast<long>(i), Wx(row.username));
    list_->SetItem(at, 1, Wx(row.display_name));
    list_->SetItem(at, 2, Wx(row.role_text));
    list_->SetItem(at, 3, Wx(row.state_text));
    if (row.disabled || row.locked_out) list_->SetItemTextColour(at, wxColour(176, 0, 32));
  }
  if (!keep.empty()) SelectAccount(keep);
  RefreshButtons();
}

bool AccountsPanel::SelectAccount(const std::string& username) {
  for (size_t i = 0; i < rows_.size(); ++i) {
    if (rows_[i].username != username) continue;
    list_->SetItemState(static_cast<long>(i), wxLIST_STATE_SELECTED | wxLIST_STATE_FOCUSED,
                        wxLIST_STATE_SELECTED | wxLIST_STATE_FOCUSED);
    list_->EnsureVisible(static_cast<long>(i));
    RefreshButtons();
    return true;
  }
  return false;
}

std::string AccountsPanel::SelectedAccount() const {
  const long at = list_->GetNextItem(-1, wxLIST_NEXT_ALL, wxLIST_STATE_SELECTED);
  if (at < 0 || static_cast<size_t>(at) >= rows_.size()) return {};
  return rows_[static_cast<size_t>(at)].username;
}

void AccountsPanel::RefreshButtons() {
  const AccountRow* row = controller_.Find(SelectedAccount());
  disable_->Enable(row != nullptr && row->CanDisable());
  enable_->Enable(row != nullptr && row->CanEnable());
  unlock_->Enable(row != nullptr && row->CanUnlock());
}

}  // namespace kiosk::ui
