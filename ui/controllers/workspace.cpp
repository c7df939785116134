#include "ui/controllers/workspace.h"

#include "kiosk/core/i18n.h"

namespace kiosk::ui {

std::vector<Screen> ScreensFor(auth::Role role) {
  switch (role) {
    case auth::Role::kOfficer: return {Screen::kDashboard, Screen::kEnrollment, Screen::kStatus};
    case auth::Role::kSupervisor: return {Screen::kDashboard, Screen::kReview, Screen::kStatus};
    case auth::Role::kTechnician: return {Screen::kDashboard, Screen::kTechnician};
    case auth::Role::kAdministrator: return {Screen::kDashboard, Screen::kAccounts};
  }
  return {Screen::kDashboard};
}

std::string_view ScreenTitle(Screen screen) {
  switch (screen) {
    case Screen::kDashboard: return N_("Dashboard");
    case Screen::kEnrollment: return N_("Enrollment");
    case Screen::kReview: return N_("Review batches");
    case Screen::kStatus: return N_("Status lookup");
    case Screen::kTechnician: return N_("Technician");
    case Screen::kAccounts: return N_("Accounts");
  }
  return "?";
}

std::string_view ScreenName(Screen screen) {
  switch (screen) {
    case Screen::kDashboard: return "screen-dashboard";
    case Screen::kEnrollment: return "screen-enrollment";
    case Screen::kReview: return "screen-review";
    case Screen::kStatus: return "screen-status";
    case Screen::kTechnician: return "screen-technician";
    case Screen::kAccounts: return "screen-accounts";
  }
  return "screen";
}

}  // namespace kiosk::ui
