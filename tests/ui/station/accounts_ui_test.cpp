// The administrator's accounts screen in the station's real window under Xvfb: the administrator
// creates an officer, who then signs in with the initial password, must choose a new one, and
// lands on the enrollment screen; then the administrator disables that officer, whose next
// sign-in is refused in words. Screenshots go to $KIOSK_SCREENSHOT_DIR.
#include <gtest/gtest.h>
#include <wx/choice.h>
#include <wx/listbox.h>
#include <wx/listctrl.h>

#include "tests/ui/station/wx_station_fixture.h"
#include "ui/station/account_panels.h"

namespace kiosk::ui {
namespace {

class AccountsUiTest : public testing_support::WxStationFixture {
 protected:
  void SetUp() override {
    ASSERT_NO_FATAL_FAILURE(WxStationFixture::SetUp());
    ASSERT_NO_FATAL_FAILURE(OpenStationAtSignIn());
  }

  AccountsPanel* OpenAccounts() {
    EXPECT_TRUE(SignIn("admin", testing_support::kAdminPassword));
    EXPECT_TRUE(WxHarness::PumpUntil([] { return WxHarness::IsVisible("screens"); }))
        << WxHarness::Label("sign-in-error", frame_);
    EXPECT_TRUE(station_->ShowScreen(Screen::kAccounts));
    auto* list = WxHarness::Find<wxListCtrl>("accounts-list", frame_);
    EXPECT_NE(list, nullptr);
    if (list == nullptr) return nullptr;
    EXPECT_TRUE(WxHarness::PumpUntil([list] { return list->GetItemCount() > 0; }))
        << WxHarness::Label("accounts-error", frame_);
    return dynamic_cast<AccountsPanel*>(WxHarness::Find<wxWindow>("screen-accounts", frame_));
  }

  bool WaitNotice() {
    return WxHarness::PumpUntil([this] {
      return !WxHarness::Label("accounts-notice", frame_).empty() ||
             !WxHarness::Label("accounts-error", frame_).empty();
    });
  }

  void SignOut() {
    ASSERT_TRUE(WxHarness::Click("sign-out", frame_));
    ASSERT_TRUE(WxHarness::PumpUntil([] { return WxHarness::IsVisible("username"); }));
  }
};

TEST_F(AccountsUiTest, AdminCreatesOfficer_OfficerSignsInChangesPassword_ThenDisabledIsRefused) {
  AccountsPanel* panel = OpenAccounts();
  ASSERT_NE(panel, nullptr);
  auto* list = WxHarness::Find<wxListCtrl>("accounts-list", frame_);
  ASSERT_EQ(list->GetItemCount(), 1);
  EXPECT_EQ(std::string(list->GetItemText(0, 2).utf8_str()), "Quản trị viên");  // the role, in Vietnamese
  // The administrator's own row offers no "disable".
  ASSERT_TRUE(panel->SelectAccount("admin"));
  WxHarness::Pump();
  EXPECT_FALSE(WxHarness::Find<wxButton>("account-disable", frame_)->IsEnabled());

  // A weak password is refused with the policy's reason, and nothing is created.
  WxHarness::Type("new-username", "canbo2", frame_);
  WxHarness::Type("new-name", "Lê Thị Thử", frame_);
  WxHarness::Find<wxChoice>("new-role", frame_)->SetSelection(0);
  WxHarness::Type("new-account-password", "yeu", frame_);
  WxHarness::Type("new-account-repeat", "yeu", frame_);
  ASSERT_TRUE(WxHarness::Click("account-create", frame_));
  ASSERT_TRUE(WaitNotice());
  EXPECT_FALSE(WxHarness::Label("accounts-error", frame_).empty());
  EXPECT_EQ(list->GetItemCount(), 1);

  WxHarness::Type("new-account-password", "Tam!2026ab", frame_);
  WxHarness::Type("new-account-repeat", "Tam!2026ab", frame_);
  ASSERT_TRUE(WxHarness::Click("account-create", frame_));
  ASSERT_TRUE(WxHarness::PumpUntil([list] { return list->GetItemCount() == 2; }))
      << WxHarness::Label("accounts-error", frame_);
  ASSERT_TRUE(WxHarness::PumpUntil([this] {
    return WxHarness::Label("accounts-notice", frame_).find("canbo2") != std::string::npos;
  })) << WxHarness::Label("accounts-error", frame_);
  EXPECT_EQ(WxHarness::Label("accounts-error", frame_), "");
  const long row = list->FindItem(-1, "canbo2");
  ASSERT_GE(row, 0);
  EXPECT_EQ(std::string(list->GetItemText(row, 2).utf8_str()), "Cán bộ thu nhận");
  EXPECT_NE(std::string(list->GetItemText(row, 3).utf8_str()).find("đổi mật khẩu"), std::string::npos);
  EXPECT_EQ(WxHarness::Find<wxTextCtrl>("new-username", frame_)->GetValue(), "") << "the form starts over";
  WxHarness::Screenshot(frame_, "ui-accounts-created");
  SignOut();

  // The new officer: initial password, forced change, then the enrollment screen.
  ASSERT_TRUE(SignIn("canbo2", "Tam!2026ab"));
  const bool asked = WxHarness::PumpUntil([] { return WxHarness::IsVisible("current-password"); });
  if (!asked) WxHarness::Screenshot(frame_, "ui-accounts-debug");
  ASSERT_TRUE(asked) << WxHarness::Label("sign-in-error", frame_);
  WxHarness::Type("current-password", "Tam!2026ab", frame_);
  WxHarness::Type("new-password", "Rieng!2026c", frame_);
  WxHarness::Type("repeat-password", "Rieng!2026c", frame_);
  ASSERT_TRUE(WxHarness::Click("form-submit", frame_));
  ASSERT_TRUE(WxHarness::PumpUntil([] { return WxHarness::IsVisible("screens"); }))
      << WxHarness::Label("form-error", frame_);
  EXPECT_TRUE(WxHarness::IsVisible("steps")) << "an officer lands on the enrollment screen";
  EXPECT_NE(WxHarness::Label("who", frame_).find("Lê Thị Thử"), std::string::npos);
  SignOut();

  // The administrator disables the officer; the officer's next sign-in is refused.
  panel = OpenAccounts();
  ASSERT_NE(panel, nullptr);
  ASSERT_TRUE(panel->SelectAccount("canbo2"));
  WxHarness::Pump();
  ASSERT_TRUE(WxHarness::Find<wxButton>("account-disable", frame_)->IsEnabled());
  ASSERT_TRUE(WxHarness::Click("account-disable", frame_));
  ASSERT_TRUE(WxHarness::PumpUntil([this] {
    return WxHarness::Find<wxButton>("account-enable", frame_)->IsEnabled();
  })) << WxHarness::Label("accounts-error", frame_);
  WxHarness::Screenshot(frame_, "ui-accounts-disabled");
  SignOut();
  ASSERT_TRUE(SignIn("canbo2", "Rieng!2026c"));
  ASSERT_TRUE(WaitForSignInRefused());
  EXPECT_FALSE(WxHarness::IsVisible("screens"));
  EXPECT_NE(WxHarness::Label("sign-in-error", frame_).find("khóa"), std::string::npos)
      << WxHarness::Label("sign-in-error", frame_);
}

}  // namespace
}  // namespace kiosk::ui
