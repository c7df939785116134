#pragma once
// Which top-level screens each role sees after sign-in. The core refuses what a role may not do
// (auth::Require on every records call); this list only keeps screens a role cannot use out of
// the way, so the officer's day is not cluttered with buttons that would all say "not allowed".

#include <string_view>
#include <vector>

#include "kiosk/auth/role.h"

namespace kiosk::ui {

enum class Screen {
  kDashboard,
  kEnrollment,
  kReview,
  kStatus,
  kTechnician,
  kAccounts,
};

// In the order the switcher shows them; the first is where a sign-in lands.
std::vector<Screen> ScreensFor(auth::Role role);
// English msgid of the screen's title (translate with i18n::tr).
std::string_view ScreenTitle(Screen screen);
// Stable widget name of the screen's page and switcher entry (UI tests, the walk-through).
std::string_view ScreenName(Screen screen);

}  // namespace kiosk::ui
