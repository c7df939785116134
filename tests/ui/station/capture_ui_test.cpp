// The wizard's portrait and fingerprint pages driven in-process under Xvfb, on the demo devices
// (the synthetic camera's drawn face, the simulated sensor's drawn prints): a portrait captured by
// itself, a retake, the confirmation, a captured print and a fingerprint exception with its note.
// Screenshots go to $KIOSK_SCREENSHOT_DIR (the build tree).
#include <gtest/gtest.h>
#include <wx/choice.h>
#include <wx/frame.h>
#include <wx/listbox.h>
#include <wx/sizer.h>

#include "drivers/sim/camera/synthetic_camera.h"
#include "drivers/sim/finger/simulated_fingerprint_sensor.h"
#include "drivers/station/chip_sources.h"
#include "kiosk/core/i18n.h"
#include "kiosk/station/sealed_draft_store.h"
#include "kiosk/store/key_provider.h"
#include "kiosk/store/store.h"
#include "tests/support/temp_dir.h"
#include "ui/station/ui_automation.h"
#include "ui/station/wizard_panel.h"
#include "ui/station/wx_task_runner.h"

namespace kiosk::ui {
namespace {

class CaptureUiTest : public ::testing::Test {
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
    ASSERT_TRUE(directory_->BootstrapAdministrator({"admin", "Quản trị viên", auth::Role::kAdministrator},
                                                   SecretString("Admin!2026x")));
    auto admin = directory_->SignIn("admin", SecretString("Admin!2026x"));
    ASSERT_TRUE(admin);
    ASSERT_TRUE(directory_->AddOperator(*admin, {"officer1", "Trần Thị Cán Bộ", auth::Role::kOfficer},
                                        SecretString("Temp!2026a")));
    ASSERT_TRUE(directory_->ChangePassword("officer1", SecretString("Temp!2026a"), SecretString("Mine!2026b")));
    auto officer = directory_->SignIn("officer1", SecretString("Mine!2026b"));
    ASSERT_TRUE(officer);
    officer_ = *officer;
    drafts_ = std::make_unique<station::SealedDraftStore>(
        *store_, std::make_unique<enrollment::FileDraftStore>(dir_ / "drafts"));
    records_ = std::make_unique<batch::Records>(*store_, Config::Policy{});
    auto chip = drivers::MakeDemoChipSource(dir_ / "pki", {}, emrtd::TrustStore{});
    ASSERT_TRUE(chip) << chip.error().ToLogString();
    chip_ = std::move(*chip);
    sim::SyntheticCameraOptions camera;
    camera.approach_frames = 20;  // a moment of guidance, then the face in place
    camera_ = std::make_unique<sim::SyntheticCamera>(camera);
    sensor_ = std::make_unique<sim::SimulatedFingerprintSensor>(
        sim::SimulatedSensorOptions{std::chrono::milliseconds(50)});
    services_.drafts = drafts_.get();
    services_.records = records_.get();
    services_.chip = chip_.get();
    services_.camera = camera_.get();
    services_.fingerprints = sensor_.get();
    services_.clock = &SystemClock::Instance();

    runner_ = std::make_unique<WxTaskRunner>();
    frame_ = new wxFrame(nullptr, wxID_ANY, "capture", wxDefaultPosition, wxSize(1260, 780));
    panel_ = new WizardPanel(frame_, *runner_, services_, {});
    auto* sizer = new wxBoxSizer(wxVERTICAL);
    sizer->Add(panel_, 1, wxEXPAND);
    frame_->SetSizer(sizer);
    frame_->Show();
    WxHarness::Pump();
  }

  void TearDown() override {
    if (frame_ != nullptr) {
      frame_->Destroy();
      WxHarness::Pump();
    }
    runner_.reset();  // joins the worker before the store goes
    (void)i18n::SetLanguage("vi");
  }

  std::string Label(const std::string& name) { return WxHarness::Label(name, frame_); }
  bool Enabled(const std::string& name) {
    auto* w = WxHarness::Find<wxWindow>(name, frame_);
    return w != nullptr && w->IsEnabled();
  }

  // Identify by typing, read the demo chip, arrive at the portrait page.
  void ReachPortrait() {
    panel_->Begin(officer_);
    ASSERT_TRUE(WxHarness::PumpUntil([] { return WxHarness::IsVisible("typed-id"); }));
    WxHarness::Type("typed-id", "001095012345", frame_);
    WxHarness::Type("typed-dob", "14/03/1995", frame_);
    WxHarness::Type("typed-expiry", "14/03/2035", frame_);
    WxHarness::Type("typed-name", "Nguyễn Văn Mẫu", frame_);
    WxHarness::Type("typed-gender", "Nam", frame_);
    ASSERT_TRUE(WxHarness::Click("use-typed", frame_));
    WxHarness::Pump(std::chrono::milliseconds(300));
    ASSERT_TRUE(WxHarness::Click("wizard-next", frame_));
    ASSERT_TRUE(WxHarness::PumpUntil([] { return WxHarness::IsVisible("read-chip"); })) << Label("wizard-error");
    ASSERT_TRUE(WxHarness::Click("read-chip", frame_));
    ASSERT_TRUE(WxHarness::PumpUntil([this] { return !Label("chip-verdict").empty(); }, std::chrono::seconds(15)))
        << Label("wizard-error");
    ASSERT_TRUE(WxHarness::Click("wizard-next", frame_));
    ASSERT_TRUE(WxHarness::PumpUntil([] { return WxHarness::IsVisible("portrait-preview"); })) << Label("wizard-error");
  }

  bool WaitForCapture() {
    return WxHarness::PumpUntil([this] { return Enabled("portrait-confirm"); }, std::chrono::seconds(10));
  }

  kiosk::testing::TempDir dir_;
  std::unique_ptr<store::FileKeyProvider> keys_;
  std::unique_ptr<store::Store> store_;
  std::unique_ptr<auth::OperatorDirectory> directory_;
  auth::Session officer_;
  std::unique_ptr<station::SealedDraftStore> drafts_;
  std::unique_ptr<batch::Records> records_;
  std::unique_ptr<station::ChipSource> chip_;
  std::unique_ptr<sim::SyntheticCamera> camera_;
  std::unique_ptr<sim::SimulatedFingerprintSensor> sensor_;
  StationServices services_;
  std::unique_ptr<WxTaskRunner> runner_;
  wxFrame* frame_ = nullptr;
  WizardPanel* panel_ = nullptr;
};

TEST_F(CaptureUiTest, Portrait_AutoCapture_Retake_Confirm_ThenFingerprintException) {
  ReachPortrait();
  // The guidance is drawn while the citizen settles; the portrait is then taken by itself.
  ASSERT_TRUE(WxHarness::PumpUntil([this] { return !Label("portrait-guidance").empty(); }, std::chrono::seconds(8)));
  WxHarness::Screenshot(frame_, "ui-capture-portrait-live");
  ASSERT_TRUE(WaitForCapture()) << Label("portrait-problem") << Label("wizard-error");
  ASSERT_TRUE(WxHarness::PumpUntil([this] { return !Label("portrait-comparison").empty(); }));
  EXPECT_NE(Label("portrait-comparison").find("Chưa so sánh"), std::string::npos) << Label("portrait-comparison");
  EXPECT_NE(Label("portrait-status").find("Đã chụp"), std::string::npos) << Label("portrait-status");
  WxHarness::Screenshot(frame_, "ui-capture-portrait-taken");

  // Retake: the preview runs again, and a new portrait is taken.
  ASSERT_TRUE(WxHarness::Click("portrait-retake", frame_));
  ASSERT_TRUE(WxHarness::PumpUntil([this] { return !Enabled("portrait-confirm"); }));
  ASSERT_TRUE(WaitForCapture()) << Label("portrait-problem");
  ASSERT_TRUE(WxHarness::PumpUntil([this] { return !Label("portrait-comparison").empty(); }));
  ASSERT_TRUE(WxHarness::Click("portrait-confirm", frame_));
  ASSERT_TRUE(WxHarness::PumpUntil([this] { return Label("portrait-status") == "Đã xác nhận ảnh chân dung."; }))
      << Label("portrait-status") << Label("wizard-error");
  WxHarness::Screenshot(frame_, "ui-capture-portrait-confirmed");

  // Fingerprints: capture the first finger, record an exception for the second.
  ASSERT_TRUE(WxHarness::Click("wizard-next", frame_));
  ASSERT_TRUE(WxHarness::PumpUntil([] { return WxHarness::IsVisible("finger-list"); })) << Label("wizard-error");
  auto* list = WxHarness::Find<wxListBox>("finger-list", frame_);
  ASSERT_NE(list, nullptr);
  ASSERT_GE(list->GetCount(), 2u);
  EXPECT_EQ(list->GetSelection(), 0);
  ASSERT_TRUE(WxHarness::Click("finger-capture", frame_));
  ASSERT_TRUE(WxHarness::PumpUntil([list] { return list->GetString(0).StartsWith(wxString::FromUTF8("✔")); }))
      << Label("finger-problem") << Label("finger-advice") << Label("wizard-error");
  EXPECT_TRUE(list->GetString(0).Contains("/100")) << list->GetString(0);  // the quality stays in the list
  ASSERT_TRUE(WxHarness::PumpUntil([list] { return list->GetSelection() == 1; })) << "moves on to the next finger";

  // An exception needs its note: refused without, recorded with.
  auto* reason = WxHarness::Find<wxChoice>("finger-exception-reason", frame_);
  ASSERT_NE(reason, nullptr);
  reason->SetSelection(1);  // bandaged
  ASSERT_TRUE(WxHarness::Click("finger-exception-record", frame_));
  ASSERT_TRUE(WxHarness::PumpUntil([this] { return !Label("finger-problem").empty(); }));
  EXPECT_NE(Label("finger-problem").find("lý do"), std::string::npos) << Label("finger-problem");
  WxHarness::Type("finger-exception-note", "Vết thương đang lành", frame_);
  ASSERT_TRUE(WxHarness::Click("finger-exception-record", frame_));
  ASSERT_TRUE(WxHarness::PumpUntil([list] { return list->GetString(1).Contains(wxString::FromUTF8("Vết thương đang lành")); }))
      << Label("wizard-error");
  EXPECT_TRUE(list->GetString(1).Contains(wxString::FromUTF8("Đang băng bó"))) << list->GetString(1);
  WxHarness::Screenshot(frame_, "ui-capture-fingers-exception");
}

}  // namespace
}  // namespace kiosk::ui
