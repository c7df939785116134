// The station's windows driven in-process under Xvfb: first run, sign-in, the workspace of each
// role, lockout, the language switch, the inactivity lock, supervisor review and status lookup.
// Screenshots go to $KIOSK_SCREENSHOT_DIR (the build tree).
#include <gtest/gtest.h>
#include <wx/choice.h>
#include <wx/listbox.h>

#include "tests/support/fake_clock.h"
#include "tests/support/sealed_record_json.h"
#include "tests/ui/station/wx_station_fixture.h"

namespace kiosk::ui {
namespace {

using testing_support::kAdminPassword;
using testing_support::kOperatorPassword;

class StationUiTest : public testing_support::WxStationFixture {
 protected:
  // Each test chooses its operators: the first-run test needs a station without any.
  StationUiTest() : WxStationFixture({.administrator = false}) {}

  // The administrator and officer1, past its first password change.
  void CreateStaff() {
    ASSERT_NO_FATAL_FAILURE(CreateAdmin());
    ASSERT_NO_FATAL_FAILURE(CreateOfficer());
  }

  // officer1 signed in at a station wired for enrollment (sealed drafts, records, the demo chip).
  void OfficerAtTheWizard(const std::string& landing) {
    ASSERT_NO_FATAL_FAILURE(CreateStaff());
    WireEnrollment();
    ASSERT_NO_FATAL_FAILURE(WireDemoChip());
    ASSERT_NO_FATAL_FAILURE(OpenStationSignedIn("officer1", landing));
  }

  // Seals a synthetic record straight through the core, as the wizard would.
  std::string SealRecord(bool flagged = false) {
    WireRecords();
    auto officer = directory_->SignIn("officer1", SecretString(kOperatorPassword));
    EXPECT_TRUE(officer);
    batch::SealRequest request;
    const std::string json = kiosk::testing::SealedRecordJson("NGUYEN VAN MAU", flagged);
    request.items.push_back({"record.json", batch::ItemKind::kPersonal,
                             SecretBytes(reinterpret_cast<const uint8_t*>(json.data()), json.size())});
    auto sealed = records_->Seal(*officer, request);
    EXPECT_TRUE(sealed) << sealed.error().ToLogString();
    return sealed ? sealed->record_number : std::string();
  }

  void SelectInList(const std::string& name, int index) {
    auto* list = WxHarness::Find<wxListBox>(name, frame_);
    ASSERT_NE(list, nullptr) << name;
    list->SetSelection(index);
    wxCommandEvent pick(wxEVT_LISTBOX, list->GetId());
    pick.SetEventObject(list);
    pick.SetInt(index);
    list->ProcessWindowEvent(pick);
  }

  kiosk::testing::FakeClock fake_clock_;  // outlives the frame (its inactivity timer reads it)
};

TEST_F(StationUiTest, FirstRun_CreateAdministrator_ThenSignIn_ShowsTheAdministratorsScreens) {
  OpenStation();
  ASSERT_TRUE(WxHarness::PumpUntil([] { return WxHarness::IsVisible("admin-username"); }))
      << "an empty station must open on the first-run page";
  WxHarness::Type("admin-username", "admin", frame_);
  WxHarness::Type("admin-name", "Quản trị viên", frame_);
  WxHarness::Type("admin-password", kAdminPassword, frame_);
  WxHarness::Type("admin-repeat", kAdminPassword, frame_);
  WxHarness::Screenshot(frame_, "ui-first-run");
  ASSERT_TRUE(WxHarness::Click("form-submit", frame_));
  ASSERT_TRUE(WxHarness::PumpUntil([] { return WxHarness::IsVisible("username"); }))
      << WxHarness::Label("form-error", frame_);
  WxHarness::Screenshot(frame_, "ui-sign-in");

  ASSERT_TRUE(SignIn("admin", kAdminPassword));
  ASSERT_TRUE(WxHarness::PumpUntil([] { return WxHarness::IsVisible("screens"); }))
      << WxHarness::Label("sign-in-error", frame_);
  auto* screens = WxHarness::Find<wxListBox>("screens", frame_);
  ASSERT_NE(screens, nullptr);
  ASSERT_EQ(screens->GetCount(), 2u);
  EXPECT_EQ(std::string(screens->GetString(0).utf8_str()), "1. Tổng quan");
  EXPECT_EQ(std::string(screens->GetString(1).utf8_str()), "2. Tài khoản");
  EXPECT_TRUE(WxHarness::IsVisible("screen-dashboard"));
  EXPECT_FALSE(WxHarness::IsVisible("steps"));  // an administrator does not enroll
  WxHarness::Screenshot(frame_, "ui-workspace-admin");
  // Keyboard: Ctrl+2 goes to the accounts screen, without the mouse.
  wxUIActionSimulator keys;
  WxHarness::Find<wxWindow>("screens", frame_)->SetFocus();
  WxHarness::Pump();
  keys.Char('2', wxMOD_CONTROL);
  ASSERT_TRUE(WxHarness::PumpUntil([] { return WxHarness::IsVisible("screen-accounts"); }));
  ASSERT_TRUE(WxHarness::Click("sign-out", frame_));
  ASSERT_TRUE(WxHarness::PumpUntil([] { return WxHarness::IsVisible("username"); }));
}

TEST_F(StationUiTest, SignIn_FiveWrongPasswords_LockTheAccount) {
  ASSERT_NO_FATAL_FAILURE(CreateAdmin());
  ASSERT_NO_FATAL_FAILURE(OpenStationAtSignIn());
  for (int i = 0; i < 5; ++i) {
    ASSERT_TRUE(SignIn("admin", "Wrong!2026x"));
    ASSERT_TRUE(WaitForSignInRefused());
  }
  // Even the right password is refused now, with the lock explained.
  ASSERT_TRUE(SignIn("admin", kAdminPassword));
  ASSERT_TRUE(WaitForSignInRefused());
  WxHarness::Pump();
  EXPECT_FALSE(WxHarness::IsVisible("steps"));
  std::string error = WxHarness::Label("sign-in-error", frame_);
  EXPECT_NE(error.find("khóa"), std::string::npos) << error;
  WxHarness::Screenshot(frame_, "ui-sign-in-locked");
}

TEST_F(StationUiTest, LanguageSwitch_RelabelsTheSignInPage) {
  ASSERT_NO_FATAL_FAILURE(CreateAdmin());
  ASSERT_NO_FATAL_FAILURE(OpenStationAtSignIn());
  EXPECT_EQ(WxHarness::Label("sign-in", frame_), "Đăng nhập");
  auto* language = WxHarness::Find<wxChoice>("language", frame_);
  ASSERT_NE(language, nullptr);
  language->SetSelection(1);
  wxCommandEvent choose(wxEVT_CHOICE, language->GetId());
  choose.SetEventObject(language);
  choose.SetInt(1);
  language->ProcessWindowEvent(choose);
  WxHarness::Pump();
  EXPECT_EQ(WxHarness::Label("sign-in", frame_), "Sign in");
  WxHarness::Screenshot(frame_, "ui-sign-in-english");
}

TEST_F(StationUiTest, Officer_IdentifiesTheCardAndReadsTheChip_SeesGenuine) {
  ASSERT_NO_FATAL_FAILURE(OfficerAtTheWizard("typed-id"));
  TypeCard();
  WxHarness::Screenshot(frame_, "ui-wizard-identify");
  ASSERT_TRUE(WxHarness::Click("use-typed", frame_));
  WxHarness::Pump(std::chrono::milliseconds(300));
  ASSERT_TRUE(WxHarness::Click("wizard-next", frame_));
  ASSERT_TRUE(WxHarness::PumpUntil([] { return WxHarness::IsVisible("read-chip"); }))
      << WxHarness::Label("wizard-error", frame_);
  ASSERT_TRUE(WxHarness::Click("read-chip", frame_));
  ASSERT_TRUE(WxHarness::PumpUntil([this] { return !WxHarness::Label("chip-verdict", frame_).empty(); },
                                   std::chrono::seconds(30)))
      << WxHarness::Label("wizard-error", frame_);
  EXPECT_NE(WxHarness::Label("chip-verdict", frame_).find("Chip thật"), std::string::npos)
      << WxHarness::Label("chip-verdict", frame_);
  EXPECT_NE(WxHarness::Label("chip-details", frame_).find("001095012345"), std::string::npos);
  WxHarness::Screenshot(frame_, "ui-wizard-chip");
}

TEST_F(StationUiTest, Officer_WrongExpiry_ChipSaysWhatToRecheck) {
  ASSERT_NO_FATAL_FAILURE(OfficerAtTheWizard("typed-id"));
  TypeCard("14/03/2036");  // a year off: the chip refuses the key
  ASSERT_TRUE(WxHarness::Click("use-typed", frame_));
  WxHarness::Pump(std::chrono::milliseconds(300));
  ASSERT_TRUE(WxHarness::Click("wizard-next", frame_));
  ASSERT_TRUE(WxHarness::PumpUntil([] { return WxHarness::IsVisible("read-chip"); }));
  ASSERT_TRUE(WxHarness::Click("read-chip", frame_));
  ASSERT_TRUE(WxHarness::PumpUntil([this] { return !WxHarness::Label("wizard-error", frame_).empty(); },
                                   std::chrono::seconds(30)));
  EXPECT_TRUE(WxHarness::Label("chip-verdict", frame_).empty());
  WxHarness::Screenshot(frame_, "ui-wizard-chip-wrong-key");
}

TEST_F(StationUiTest, Officer_SeesEnrollmentDashboardAndStatus_NotReview) {
  ASSERT_NO_FATAL_FAILURE(OfficerAtTheWizard("steps"));
  auto* screens = WxHarness::Find<wxListBox>("screens", frame_);
  ASSERT_EQ(screens->GetCount(), 3u);
  EXPECT_FALSE(station_->ShowScreen(Screen::kReview));
  ASSERT_TRUE(station_->ShowScreen(Screen::kDashboard));
  ASSERT_TRUE(WxHarness::PumpUntil([this] { return WxHarness::Label("dash-today", frame_) == "0"; }));
  EXPECT_NE(WxHarness::Label("light-reader", frame_), "");
  WxHarness::Screenshot(frame_, "ui-dashboard-officer");
}

TEST_F(StationUiTest, Supervisor_RejectsARecord_OnlyWithAReason) {
  ASSERT_NO_FATAL_FAILURE(CreateStaff());
  ASSERT_NO_FATAL_FAILURE(CreateOperator("super1", "Lê Văn Duyệt", auth::Role::kSupervisor));
  const std::string number = SealRecord(/*flagged=*/true);
  ASSERT_NO_FATAL_FAILURE(OpenStationSignedIn("super1", "screens"));
  ASSERT_TRUE(station_->ShowScreen(Screen::kReview));
  ASSERT_TRUE(WxHarness::PumpUntil([this] {
    auto* list = WxHarness::Find<wxListBox>("records", frame_);
    return list != nullptr && list->IsShownOnScreen() && list->GetCount() == 1;
  }));
  SelectInList("records", 0);
  ASSERT_TRUE(WxHarness::PumpUntil([this, number] {
    return WxHarness::Label("detail-title", frame_).find(number) != std::string::npos;
  }));
  EXPECT_NE(WxHarness::Label("detail-flags", frame_).find("ngoại lệ vân tay"), std::string::npos)
      << WxHarness::Label("detail-flags", frame_);
  WxHarness::Screenshot(frame_, "ui-review-detail");

  ASSERT_TRUE(WxHarness::Click("reject", frame_));
  ASSERT_TRUE(WxHarness::PumpUntil([this] { return !WxHarness::Label("review-error", frame_).empty(); }));
  EXPECT_EQ(WxHarness::Label("review-error", frame_), "Từ chối phải có lý do.");
  EXPECT_EQ(records_->Get(*directory_->SignIn("super1", SecretString(kOperatorPassword)), number)->status,
            batch::RecordStatus::kSealed);

  WxHarness::Type("reject-reason", "Ảnh chân dung bị mờ", frame_);
  ASSERT_TRUE(WxHarness::Click("reject", frame_));
  ASSERT_TRUE(WxHarness::PumpUntil([this, number] {
    return WxHarness::Label("review-info", frame_).find(number) != std::string::npos;
  })) << WxHarness::Label("review-error", frame_);
  auto supervisor = directory_->SignIn("super1", SecretString(kOperatorPassword));
  EXPECT_EQ(records_->Get(*supervisor, number)->status, batch::RecordStatus::kRejected);
  WxHarness::Screenshot(frame_, "ui-review-rejected");

  ASSERT_TRUE(WxHarness::Click("sign-batch", frame_));
  ASSERT_TRUE(WxHarness::PumpUntil([this] {
    return WxHarness::Label("review-info", frame_).find("Đã ký lô") != std::string::npos;
  })) << WxHarness::Label("review-error", frame_);
}

TEST_F(StationUiTest, Inactivity_LocksTheWindow_OnlyTheSamePasswordUnlocks) {
  ASSERT_NO_FATAL_FAILURE(CreateStaff());
  auto& clock = fake_clock_;
  config_.policy.idle_lock_minutes = 2;
  services_.config = &config_;
  services_.clock = &clock;
  ASSERT_NO_FATAL_FAILURE(OpenStationSignedIn("officer1", "screens"));
  clock.Advance(std::chrono::minutes(1));
  WxHarness::Pump(std::chrono::milliseconds(700));
  EXPECT_FALSE(station_->locked());
  clock.Advance(std::chrono::minutes(1));
  ASSERT_TRUE(WxHarness::PumpUntil([] { return WxHarness::IsVisible("lock-password"); }));
  EXPECT_TRUE(station_->locked());
  EXPECT_FALSE(WxHarness::IsVisible("screens"));
  EXPECT_NE(WxHarness::Label("lock-who", frame_).find("Trần Thị Cán Bộ"), std::string::npos);
  WxHarness::Screenshot(frame_, "ui-locked");

  WxHarness::Type("lock-password", "Wrong!2026z", frame_);
  ASSERT_TRUE(WxHarness::Click("unlock", frame_));
  ASSERT_TRUE(WxHarness::PumpUntil([this] {
    return WxHarness::Label("lock-error", frame_).find("Sai") != std::string::npos;
  })) << WxHarness::Label("lock-error", frame_);
  EXPECT_TRUE(station_->locked());

  WxHarness::Type("lock-password", kOperatorPassword, frame_);
  ASSERT_TRUE(WxHarness::Click("unlock", frame_));
  ASSERT_TRUE(WxHarness::PumpUntil([] { return WxHarness::IsVisible("screens"); }))
      << WxHarness::Label("lock-error", frame_);
  EXPECT_FALSE(station_->locked());
}

TEST_F(StationUiTest, StatusLookup_ShowsTheCitizensStatus_AndRefusesGarbage) {
  ASSERT_NO_FATAL_FAILURE(CreateStaff());
  const std::string number = SealRecord();
  ASSERT_NO_FATAL_FAILURE(OpenStationSignedIn("officer1", "screens"));
  ASSERT_TRUE(station_->ShowScreen(Screen::kStatus));
  ASSERT_TRUE(WxHarness::PumpUntil([] { return WxHarness::IsVisible("status-input"); }));
  WxHarness::Type("status-input", "xin chào", frame_);
  ASSERT_TRUE(WxHarness::Click("status-lookup", frame_));
  ASSERT_TRUE(WxHarness::PumpUntil([this] { return !WxHarness::Label("status-error", frame_).empty(); }));
  EXPECT_TRUE(WxHarness::Label("status-headline", frame_).empty());

  // A receipt QR arrives through the keyboard wedge: the number among other fields.
  WxHarness::Type("status-input", "HS|" + number + "|2026", frame_);
  ASSERT_TRUE(WxHarness::Click("status-lookup", frame_));
  ASSERT_TRUE(WxHarness::PumpUntil([this] { return !WxHarness::Label("status-headline", frame_).empty(); }));
  EXPECT_NE(WxHarness::Label("status-headline", frame_).find("đang được kiểm tra"), std::string::npos)
      << WxHarness::Label("status-headline", frame_);
  EXPECT_NE(WxHarness::Label("status-number", frame_).find(number), std::string::npos);
  EXPECT_TRUE(WxHarness::Label("status-error", frame_).empty());
  WxHarness::Screenshot(frame_, "ui-status-lookup");
}

}  // namespace
}  // namespace kiosk::ui
