#pragma once
// The lock page (after inactivity) and the placeholder for screens not in this build yet.
#include <wx/bitmap.h>
#include <wx/button.h>
#include <wx/checkbox.h>
#include <wx/listbox.h>
#include <wx/panel.h>
#include <wx/sizer.h>
#include <wx/statbmp.h>
#include <wx/stattext.h>
#include <wx/textctrl.h>
#include <wx/timer.h>

#include <functional>
#include <string>
#include <vector>

#include "ui/controllers/lock_controller.h"
#include "ui/station/station_services.h"

namespace kiosk::ui {

class LockPanel final : public wxPanel, public LockView {
 public:
  LockPanel(wxWindow* parent, auth::Authenticator* authenticator, TaskRunner& runner,
            LockController::Unlocked on_unlocked, std::function<void()> on_sign_out);
  void Lock(const auth::Session& session);

  void SetBusy(bool busy) override;
  void ShowError(const std::string& text) override;
  void ClearPassword() override;

 private:
  LockController controller_;
  std::function<void()> on_sign_out_;
  wxStaticText *title_, *who_, *prompt_, *error_;
  wxTextCtrl* password_;
  wxButton *unlock_, *sign_out_;
};

// A screen whose capability is not in this build yet: says so in words.
wxWindow* MakeComingPanel(wxWindow* parent, const std::string& title_msgid,
                          const std::string& body_msgid);

}  // namespace kiosk::ui
