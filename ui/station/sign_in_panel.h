#pragma once
#include <wx/choice.h>
#include <wx/panel.h>
#include <wx/stattext.h>
#include <wx/textctrl.h>
#include <wx/button.h>

#include <memory>

#include "ui/controllers/sign_in_controller.h"

namespace kiosk::ui {

// The sign-in screen: user name, password, language. Thin: every action goes to the controller.
class SignInPanel final : public wxPanel, public SignInView {
 public:
  SignInPanel(wxWindow* parent, auth::Authenticator* authenticator, TaskRunner& runner,
              SignInController::SignedIn on_signed_in, std::function<void()> on_language_changed);

  // SignInView
  void SetBusy(bool busy) override;
  void ShowError(const std::string& text) override;
  void ClearPassword() override;
  void Relabel() override;

 private:
  void OnSubmit();
  void OnLanguage();

  SignInController controller_;
  std::function<void()> on_language_changed_;
  wxStaticText* title_;
  wxStaticText* subtitle_;
  wxStaticText* user_label_;
  wxStaticText* password_label_;
  wxStaticText* language_label_;
  wxTextCtrl* user_;
  wxTextCtrl* password_;
  wxChoice* language_;
  wxButton* submit_;
  wxStaticText* error_;
};

}  // namespace kiosk::ui
