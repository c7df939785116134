// The station's windows driven in-process under Xvfb: first run, sign-in, the step rail, lockout
// and the language switch. Screenshots go to $KIOSK_SCREENSHOT_DIR (the build tree).
#include <gtest/gtest.h>
#include <wx/choice.h>
#include <wx/listbox.h>

#include "drivers/station/chip_sources.h"
#include "kiosk/core/i18n.h"
#include "kiosk/station/sealed_draft_store.h"
#include "kiosk/store/key_provider.h"
#include "kiosk/store/store.h"
#include "tests/support/temp_dir.h"
#include "ui/station/ui_automation.h"
#include "ui/station/main_frame.h"
#include "ui/station/wx_task_runner.h"

namespace kiosk::ui {
namespace {

using kiosk::ui::WxHarness;

class StationUiTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() { ASSERT_TRUE(WxHarness::Start()) << "no X display?"; }

  void SetUp() override {
    ASSERT_TRUE(i18n::SetLanguage("vi"));
    keys_ = std::make_unique<store::FileKeyProvider>(store::FileKeyProvider::DefaultPath(dir_.path()));
    store::StoreOptions options;
    options.data_dir = dir_.path();
    auto opened = store::Store::Open(options, *keys_, SystemClock::Instance());
    ASSERT_TRUE(opened) << opened.error().ToLogString();
    store_ = std::move(*opened);
    directory_ = std::make_unique<auth::OperatorDirectory>(*store_, Config::Policy{},
                                                           auth::PasswordHashCost::ForTests());
    services_.directory = directory_.get();
  }

  // Everything the wizard needs: sealed drafts, records, the demo chip.
  void WireWizard() {
    drafts_ = std::make_unique<station::SealedDraftStore>(
        *store_, std::make_unique<enrollment::FileDraftStore>(dir_ / "drafts"));
    records_ = std::make_unique<batch::Records>(*store_, Config::Policy{});
    auto chip = drivers::MakeDemoChipSource(dir_ / "pki", {}, emrtd::TrustStore{});
    ASSERT_TRUE(chip) << chip.error().ToLogString();
    chip_ = std::move(*chip);
    services_.drafts = drafts_.get();
    services_.records = records_.get();
    services_.chip = chip_.get();
    services_.clock = &SystemClock::Instance();
  }

  void CreateOfficer() {
    CreateAdmin();
    auto admin = directory_->SignIn("admin", SecretString("Admin!2026x"));
    ASSERT_TRUE(admin);
    ASSERT_TRUE(directory_->AddOperator(*admin, {"officer1", "Trần Thị Cán Bộ", auth::Role::kOfficer},
                                        SecretString("Temp!2026a")));
    ASSERT_TRUE(directory_->ChangePassword("officer1", SecretString("Temp!2026a"),
                                           SecretString("Mine!2026b")));
  }

  void TearDown() override {
    if (frame_ != nullptr) {
      frame_->Destroy();
      WxHarness::Pump();
    }
    runner_.reset();  // joins the worker before the store goes
    (void)i18n::SetLanguage("vi");
  }

  void OpenFrame() {
    runner_ = std::make_unique<WxTaskRunner>();
    frame_ = new MainFrame(services_, *runner_, NavigationModel{});
    frame_->Show();
    frame_->Start();
    WxHarness::Pump();
  }

  void CreateAdmin() {
    ASSERT_TRUE(directory_->BootstrapAdministrator(
        {"admin", "Quản trị viên", auth::Role::kAdministrator}, SecretString("Admin!2026x")));
  }

  bool SignIn(const std::string& user, const std::string& password) {
    WxHarness::Type("username", user, frame_);
    WxHarness::Type("password", password, frame_);
    return WxHarness::Click("sign-in", frame_);
  }

  kiosk::testing::TempDir dir_;
  std::unique_ptr<store::FileKeyProvider> keys_;
  std::unique_ptr<store::Store> store_;
  std::unique_ptr<auth::OperatorDirectory> directory_;
  std::unique_ptr<station::SealedDraftStore> drafts_;
  std::unique_ptr<batch::Records> records_;
  std::unique_ptr<station::ChipSource> chip_;
  StationServices services_;
  std::unique_ptr<WxTaskRunner> runner_;
  MainFrame* frame_ = nullptr;
};

TEST_F(StationUiTest, FirstRun_CreateAdministrator_ThenSignIn_ShowsTheStepRail) {
  OpenFrame();
  ASSERT_TRUE(WxHarness::PumpUntil([] { return WxHarness::IsVisible("admin-username"); }))
      << "an empty station must open on the first-run page";
  WxHarness::Type("admin-username", "admin", frame_);
  WxHarness::Type("admin-name", "Quản trị viên", frame_);
  WxHarness::Type("admin-password", "Admin!2026x", frame_);
  WxHarness::Type("admin-repeat", "Admin!2026x", frame_);
  WxHarness::Screenshot(frame_, "ui-first-run");
  ASSERT_TRUE(WxHarness::Click("form-submit", frame_));
  ASSERT_TRUE(WxHarness::PumpUntil([] { return WxHarness::IsVisible("username"); }))
      << WxHarness::Label("form-error", frame_);
  WxHarness::Screenshot(frame_, "ui-sign-in");

  ASSERT_TRUE(SignIn("admin", "Admin!2026x"));
  ASSERT_TRUE(WxHarness::PumpUntil([] { return WxHarness::IsVisible("steps"); }))
      << WxHarness::Label("sign-in-error", frame_);
  auto* rail = WxHarness::Find<wxListBox>("steps", frame_);
  ASSERT_NE(rail, nullptr);
  ASSERT_EQ(rail->GetCount(), 7u);
  EXPECT_EQ(std::string(rail->GetString(0).utf8_str()), "1. Nhận diện thẻ");
  EXPECT_EQ(std::string(rail->GetString(6).utf8_str()), "7. Xem lại và niêm phong");
  WxHarness::Screenshot(frame_, "ui-workspace");
}

TEST_F(StationUiTest, SignIn_FiveWrongPasswords_LockTheAccount) {
  CreateAdmin();
  OpenFrame();
  ASSERT_TRUE(WxHarness::PumpUntil([] { return WxHarness::IsVisible("username"); }));
  for (int i = 0; i < 5; ++i) {
    ASSERT_TRUE(SignIn("admin", "Wrong!2026x"));
    ASSERT_TRUE(WxHarness::PumpUntil([this] {
      auto* b = WxHarness::Find<wxButton>("sign-in", frame_);
      return b != nullptr && b->IsEnabled() && !WxHarness::Label("sign-in-error", frame_).empty();
    }));
  }
  // Even the right password is refused now, with the lock explained.
  ASSERT_TRUE(SignIn("admin", "Admin!2026x"));
  ASSERT_TRUE(WxHarness::PumpUntil([this] {
    auto* b = WxHarness::Find<wxButton>("sign-in", frame_);
    return b != nullptr && b->IsEnabled();
  }));
  WxHarness::Pump();
  EXPECT_FALSE(WxHarness::IsVisible("steps"));
  std::string error = WxHarness::Label("sign-in-error", frame_);
  EXPECT_NE(error.find("khóa"), std::string::npos) << error;
  WxHarness::Screenshot(frame_, "ui-sign-in-locked");
}

TEST_F(StationUiTest, LanguageSwitch_RelabelsTheSignInPage) {
  CreateAdmin();
  OpenFrame();
  ASSERT_TRUE(WxHarness::PumpUntil([] { return WxHarness::IsVisible("username"); }));
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
  CreateOfficer();
  WireWizard();
  OpenFrame();
  ASSERT_TRUE(WxHarness::PumpUntil([] { return WxHarness::IsVisible("username"); }));
  ASSERT_TRUE(SignIn("officer1", "Mine!2026b"));
  ASSERT_TRUE(WxHarness::PumpUntil([] { return WxHarness::IsVisible("typed-id"); }))
      << WxHarness::Label("sign-in-error", frame_);
  WxHarness::Type("typed-id", "001095012345", frame_);
  WxHarness::Type("typed-dob", "14/03/1995", frame_);
  WxHarness::Type("typed-expiry", "14/03/2035", frame_);
  WxHarness::Type("typed-name", "Nguyễn Văn Mẫu", frame_);
  WxHarness::Type("typed-gender", "Nam", frame_);
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
  CreateOfficer();
  WireWizard();
  OpenFrame();
  ASSERT_TRUE(WxHarness::PumpUntil([] { return WxHarness::IsVisible("username"); }));
  ASSERT_TRUE(SignIn("officer1", "Mine!2026b"));
  ASSERT_TRUE(WxHarness::PumpUntil([] { return WxHarness::IsVisible("typed-id"); }));
  WxHarness::Type("typed-id", "001095012345", frame_);
  WxHarness::Type("typed-dob", "14/03/1995", frame_);
  WxHarness::Type("typed-expiry", "14/03/2036", frame_);
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

}  // namespace
}  // namespace kiosk::ui
