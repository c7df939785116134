#pragma once
#include <wx/button.h>
#include <wx/choice.h>
#include <wx/eventfilter.h>
#include <wx/frame.h>
#include <wx/listbox.h>
#include <wx/simplebook.h>
#include <wx/stattext.h>
#include <wx/timer.h>

#include <memory>
#include <vector>

#include "kiosk/auth/idle_lock.h"
#include "kiosk/auth/operator_directory.h"
#include "ui/controllers/navigation.h"
#include "ui/controllers/task_runner.h"
#include "ui/controllers/wizard_controller.h"
#include "ui/controllers/workspace.h"
#include "ui/station/station_services.h"

namespace kiosk::ui {

class SignInPanel;
class WizardPanel;
class LockPanel;

// The station's window: the sign-in page, then the workspace of the signed-in role: a screen
// switcher on the left (Ctrl+1…9 from the keyboard) and the chosen screen: dashboard, the
// enrollment wizard (with its step rail), supervisor review, status lookup, technician or
// accounts. Inactivity locks the window (policy.idle_lock_minutes); the lock page asks the same
// operator's password again. The core enforces the roles; hiding screens only mirrors it.
class MainFrame final : public wxFrame {
 public:
  MainFrame(const StationServices& services, TaskRunner& runner, NavigationModel navigation);
  ~MainFrame() override;

  // Shows the first-run page when the station has no account yet, else the sign-in page;
  // store_problem (translated) is shown there when the store could not be opened.
  void Start(const std::string& store_problem = {});
  void ShowSignIn();
  void ShowWorkspace(const auth::Session& session);
  // Switches to one of the signed-in role's screens; false when the role has no such screen.
  bool ShowScreen(Screen screen);
  void LockNow();
  void SignOut();
  bool locked() const { return locked_; }

 private:
  // Resets the inactivity countdown on every key press and mouse action anywhere in the app.
  class ActivityFilter final : public wxEventFilter {
   public:
    explicit ActivityFilter(MainFrame& frame) : frame_(frame) {}
    int FilterEvent(wxEvent& event) override;

   private:
    MainFrame& frame_;
  };

  wxWindow* BuildWorkspace(wxWindow* parent);
  wxWindow* BuildEnrollment(wxWindow* parent);
  wxWindow* BuildScreen(Screen screen);
  wxWindow* BuildAccounts(wxWindow* parent);
  void BuildSessionScreens();
  void DropSessionScreens();
  void RefreshSwitcher();
  void RefreshRail();
  void ShowStep();
  void Relabel();
  void SwitchLanguage(const std::string& lang);
  void OnSignedIn(const auth::Session& session);
  void OnUnlocked(const auth::Session& session);
  void CheckIdle();
  // Replaces the transient page (first run, change password) and shows it.
  void ShowPage(wxWindow* page);

  StationServices services_;
  auth::OperatorDirectory* directory_;
  TaskRunner& runner_;
  // The dashboard's device checks: a worker of their own (a slow device never delays the store's
  // work), owned here so closing a dashboard never waits for one.
  std::unique_ptr<TaskRunner> device_probes_;
  NavigationModel navigation_;
  auth::Session session_;
  bool signed_in_ = false;
  bool locked_ = false;
  std::unique_ptr<auth::IdleLock> idle_;
  std::unique_ptr<ActivityFilter> activity_;
  wxTimer idle_timer_;
  wxSimplebook* book_;
  SignInPanel* sign_in_;
  LockPanel* lock_ = nullptr;
  wxWindow* workspace_ = nullptr;
  wxWindow* transient_ = nullptr;  // first-run or change-password page, rebuilt when shown
  // Workspace
  wxStaticText* who_ = nullptr;
  wxChoice* language_ = nullptr;
  wxButton* lock_button_ = nullptr;
  wxButton* sign_out_ = nullptr;
  wxListBox* switcher_ = nullptr;
  wxSimplebook* screens_ = nullptr;
  std::vector<Screen> role_screens_;
  std::vector<wxWindow*> screen_pages_;  // parallel to role_screens_
  Screen current_screen_ = Screen::kDashboard;
  // Enrollment screen (built once: the wizard keeps its draft across screen switches)
  wxWindow* enrollment_ = nullptr;
  wxListBox* rail_ = nullptr;
  WizardPanel* wizard_ = nullptr;  // null when the store is unavailable
  wxStaticText* step_title_ = nullptr;
  wxStaticText* step_body_ = nullptr;
};

}  // namespace kiosk::ui
