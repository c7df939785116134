#pragma once
// First-run (create the administrator) and change-password pages. Thin views over
// ui/controllers/account_controllers.h.
#include <wx/button.h>
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

}  // namespace kiosk::ui
