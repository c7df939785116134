#pragma once
#include <wx/frame.h>
#include <wx/listbox.h>
#include <wx/simplebook.h>
#include <wx/stattext.h>

#include <memory>

#include "kiosk/auth/authenticator.h"
#include "ui/controllers/navigation.h"
#include "ui/controllers/task_runner.h"

namespace kiosk::ui {

class SignInPanel;

// The station's window: the sign-in page, then the workspace with the enrollment steps as a
// navigation rail on the left. Each step's page is filled by its capability; a step whose
// capability is not in this build says so instead of pretending.
class MainFrame final : public wxFrame {
 public:
  MainFrame(auth::Authenticator* authenticator, TaskRunner& runner, NavigationModel navigation);

  void ShowSignIn();
  void ShowWorkspace(const auth::Session& session);

 private:
  wxWindow* BuildWorkspace(wxWindow* parent);
  void RefreshRail();
  void ShowStep();
  void Relabel();

  TaskRunner& runner_;
  NavigationModel navigation_;
  auth::Session session_;
  wxSimplebook* book_;
  SignInPanel* sign_in_;
  wxListBox* rail_ = nullptr;
  wxStaticText* step_title_ = nullptr;
  wxStaticText* step_body_ = nullptr;
  wxStaticText* who_ = nullptr;
};

}  // namespace kiosk::ui
