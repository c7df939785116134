#pragma once
// First-run (create the administrator), change-password pages and the administrator's accounts
// screen. Thin views over ui/controllers/account_controllers.h.
#include <wx/button.h>
#include <wx/choice.h>
#include <wx/listctrl.h>
#include <wx/panel.h>
#include <wx/stattext.h>
#include <wx/sizer.h>
#include <wx/textctrl.h>

#include "ui/controllers/account_controllers.h"

namespace kiosk::ui {

// A titled form: labelled text fields, one button, one error line.
class FormPanel : public wxPanel, public FormView {
 public:
  FormPanel(wxWindow* parent, const std::string& title_msgid, const std::string& intro_msgid);
  void SetBusy(bool busy) override;
  void ShowError(const std::string& text) override;

 protected:
  wxTextCtrl* AddField(const std::string& label_msgid, const std::string& name, bool password);
  wxButton* Finish(const std::string& button_msgid);

 private:
  wxFlexGridSizer* grid_;
  wxBoxSizer* outer_;
  wxButton* button_ = nullptr;
  wxStaticText* error_;
};

class FirstRunPanel final : public FormPanel {
 public:
  FirstRunPanel(wxWindow* parent, auth::OperatorDirectory& directory, TaskRunner& runner,
                std::function<void()> on_created);

 private:
  FirstRunController controller_;
  wxTextCtrl *user_, *name_, *password_, *repeat_;
};

class ChangePasswordPanel final : public FormPanel {
 public:
  ChangePasswordPanel(wxWindow* parent, auth::OperatorDirectory& directory, TaskRunner& runner,
                      std::function<void(const auth::Session&)> on_changed);
  void Start(const auth::Session& session);

 private:
  ChangePasswordController controller_;
  auth::Session session_;
  wxTextCtrl *current_, *next_, *repeat_;
};

// The administrator's accounts screen: the list of accounts with disable / enable / unlock for
// the selected one, a new-account form, a password reset for the selected one, and the
// administrator's own password change. Widget names (for the UI tests and the walk-through):
// accounts-list, account-disable, account-enable, account-unlock, new-username, new-name,
// new-role, new-account-password, new-account-repeat, account-create, reset-password,
// reset-repeat, account-reset, accounts-notice, accounts-error; own-current, own-new,
// own-repeat, own-password-change, own-password-status.
class AccountsPanel final : public wxPanel, public AccountAdminView {
 public:
  AccountsPanel(wxWindow* parent, auth::OperatorDirectory& directory, TaskRunner& runner,
                const Clock& clock, const auth::Session& admin,
                std::function<void(const auth::Session&)> on_own_password_changed);

  void SetBusy(bool busy) override;
  void ShowError(const std::string& text) override;
  void ShowAccounts(const std::vector<AccountRow>& rows) override;
  void ShowNotice(const std::string& text) override;
  void AccountCreated() override;

  AccountAdminController& controller() { return controller_; }
  // Selects the account's row, as a click would; false when it is not listed.
  bool SelectAccount(const std::string& username);
  std::string SelectedAccount() const;

 private:
  // Routes the own-password form's busy state and errors to its own line.
  class OwnPasswordView final : public FormView {
   public:
    explicit OwnPasswordView(AccountsPanel& panel) : panel_(panel) {}
    void SetBusy(bool busy) override;
    void ShowError(const std::string& text) override;

   private:
    AccountsPanel& panel_;
  };

  wxSizer* BuildCreateBox();
  wxSizer* BuildResetBox();
  wxSizer* BuildOwnPasswordBox();
  wxTextCtrl* AddField(wxWindow* box, wxFlexGridSizer* grid, const char* label_msgid,
                       const char* name, bool password);
  void RefreshButtons();

  AccountAdminController controller_;
  OwnPasswordView own_view_;
  ChangePasswordController own_password_;
  auth::Session admin_;
  std::vector<AccountRow> rows_;
  wxListCtrl* list_;
  wxButton *disable_, *enable_, *unlock_;
  wxStaticText *notice_, *error_, *own_status_;
  wxTextCtrl *new_user_ = nullptr, *new_name_ = nullptr, *new_password_ = nullptr,
             *new_repeat_ = nullptr;
  wxChoice* new_role_ = nullptr;
  wxTextCtrl *reset_password_ = nullptr, *reset_repeat_ = nullptr;
  wxTextCtrl *own_current_ = nullptr, *own_next_ = nullptr, *own_repeat_ = nullptr;
  std::vector<wxButton*> busy_buttons_;
};

}  // namespace kiosk::ui
