#pragma once
#include <wx/frame.h>
#include <wx/listbox.h>
#include <wx/simplebook.h>
#include <wx/stattext.h>

#include <memory>

#include "kiosk/auth/operator_directory.h"
#include "ui/station/station_services.h"
#include "ui/controllers/wizard_controller.h"
#include "ui/controllers/navigation.h"
#include "ui/controllers/task_runner.h"

namespace kiosk::ui {

class SignInPanel;
class WizardPanel;

// The station's window: the sign-in page, then the workspace with the enrollment steps as a
// navigation rail on the left. Each step's page is filled by its capability; a step whose
// capability is not in this build says so instead of pretending.
class MainFrame final : public wxFrame {
 public:
  // directory: the store's operator accounts; null when the store could not be opened (the
  // sign-in page then says so).
  MainFrame(const StationServices& services, TaskRunner& runner, NavigationModel navigation);

  // Shows the first-run page when the station has no account yet, else the sign-in page;
  // store_problem (translated) is shown there when the store could not be opened.
  void Start(const std::string& store_problem = {});
  void ShowSignIn();
  void ShowWorkspace(const auth::Session& session);

 private:
  wxWindow* BuildWorkspace(wxWindow* parent);
  void RefreshRail();
  void ShowStep();
  void Relabel();
  void OnSignedIn(const auth::Session& session);
  // Replaces the page at `index` (pages built in the current language).
  void ShowPage(wxWindow* page);

  StationServices services_;
  auth::OperatorDirectory* directory_;
  TaskRunner& runner_;
  NavigationModel navigation_;
  auth::Session session_;
  wxSimplebook* book_;
  SignInPanel* sign_in_;
  wxWindow* workspace_ = nullptr;
  wxWindow* transient_ = nullptr;  // first-run or change-password page, rebuilt when shown
  wxListBox* rail_ = nullptr;
  WizardPanel* wizard_ = nullptr;  // null when the store is unavailable
  wxStaticText* step_title_ = nullptr;
  wxStaticText* step_body_ = nullptr;
  wxStaticText* who_ = nullptr;
};

}  // namespace kiosk::ui
