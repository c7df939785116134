#include "tests/ui/station/wx_station_fixture.h"

#include <wx/sizer.h>

#include "drivers/station/chip_sources.h"
#include "kiosk/core/i18n.h"

namespace kiosk::ui::testing_support {

void WxStationFixture::SetUpTestSuite() {
  ASSERT_TRUE(WxHarness::Start()) << "no X display?";
}

void WxStationFixture::SetUp() {
  ASSERT_TRUE(i18n::SetLanguage(setup_.language));
  keys_ =
      std::make_unique<store::FileKeyProvider>(store::FileKeyProvider::DefaultPath(dir_.path()));
  store::StoreOptions options;
  options.data_dir = dir_.path();
  auto opened = store::Store::Open(options, *keys_, SystemClock::Instance());
  ASSERT_TRUE(opened) << opened.error().ToLogString();
  store_ = std::move(*opened);
  directory_ = std::make_unique<auth::OperatorDirectory>(*store_, Config::Policy{},
                                                         auth::PasswordHashCost::ForTests());
  services_.directory = directory_.get();
  services_.clock = &SystemClock::Instance();
  runner_ = std::make_unique<WxTaskRunner>();

  if (setup_.administrator) {
    ASSERT_NO_FATAL_FAILURE(CreateAdmin());
  }
  if (setup_.officer) {
    ASSERT_NO_FATAL_FAILURE(CreateOfficer());
    auto officer = directory_->SignIn("officer1", SecretString(kOperatorPassword));
    ASSERT_TRUE(officer);
    officer_ = *officer;
  }
  if (setup_.enrollment) WireEnrollment();
  if (setup_.demo_chip) {
    ASSERT_NO_FATAL_FAILURE(WireDemoChip());
  }
}

void WxStationFixture::TearDown() {
  if (frame_ != nullptr) {
    frame_->Destroy();
    WxHarness::Pump();
  }
  runner_.reset();  // joins the worker before the store goes
  (void)i18n::SetLanguage("vi");
}

void WxStationFixture::CreateAdmin() {
  ASSERT_TRUE(directory_->BootstrapAdministrator(
      {"admin", "Quản trị viên", auth::Role::kAdministrator}, SecretString(kAdminPassword)));
}

void WxStationFixture::CreateOperator(const std::string& name, const std::string& display,
                                      auth::Role role) {
  auto admin = directory_->SignIn("admin", SecretString(kAdminPassword));
  ASSERT_TRUE(admin);
  ASSERT_TRUE(
      directory_->AddOperator(*admin, {name, display, role}, SecretString(kInitialPassword)));
  ASSERT_TRUE(directory_->ChangePassword(name, SecretString(kInitialPassword),
                                         SecretString(kOperatorPassword)));
}

void WxStationFixture::CreateOfficer() {
  CreateOperator("officer1", "Trần Thị Cán Bộ", auth::Role::kOfficer);
}

void WxStationFixture::WireRecords() {
  if (!records_) records_ = std::make_unique<batch::Records>(*store_, Config::Policy{});
  services_.records = records_.get();
}

void WxStationFixture::WireEnrollment() {
  drafts_ = std::make_unique<station::SealedDraftStore>(
      *store_, std::make_unique<enrollment::FileDraftStore>(dir_ / "drafts"));
  services_.drafts = drafts_.get();
  WireRecords();
}

void WxStationFixture::WireDemoChip() {
  auto chip = drivers::MakeDemoChipSource(dir_ / "pki", {}, emrtd::TrustStore{});
  ASSERT_TRUE(chip) << chip.error().ToLogString();
  chip_ = std::move(*chip);
  services_.chip = chip_.get();
}

void WxStationFixture::OpenStation() {
  station_ = new MainFrame(services_, *runner_, NavigationModel{});
  frame_ = station_;
  station_->Show();
  station_->Start();
  WxHarness::Pump();
}

void WxStationFixture::OpenStationAtSignIn() {
  OpenStation();
  ASSERT_TRUE(WxHarness::PumpUntil([] { return WxHarness::IsVisible("username"); }));
}

void WxStationFixture::OpenStationSignedIn(const std::string& user, const std::string& landing,
                                           const std::string& password) {
  ASSERT_NO_FATAL_FAILURE(OpenStationAtSignIn());
  ASSERT_TRUE(SignIn(user, password));
  ASSERT_TRUE(WxHarness::PumpUntil([&landing] { return WxHarness::IsVisible(landing); }))
      << Label("sign-in-error");
}

void WxStationFixture::OpenInFrame(const std::string& title, const wxSize& size,
                                   const std::function<wxWindow*(wxWindow* frame)>& make_content) {
  auto* frame = new wxFrame(nullptr, wxID_ANY, title, wxDefaultPosition, size);
  frame_ = frame;
  auto* sizer = new wxBoxSizer(wxVERTICAL);
  sizer->Add(make_content(frame), 1, wxEXPAND);
  frame->SetSizer(sizer);
  frame->Show();
  frame->Layout();
  frame->Raise();
  WxHarness::Pump();
}

void WxStationFixture::OpenWizard(const std::string& title) {
  OpenInFrame(title, wxSize(1260, 780), [this](wxWindow* frame) {
    panel_ = new WizardPanel(frame, *runner_, services_, {});
    return panel_;
  });
  panel_->Begin(officer_);
  // Typing before the draft exists would be refused ("start a new enrollment first").
  ASSERT_TRUE(WxHarness::PumpUntil([this] { return panel_->controller().started(); }))
      << Label("wizard-error");
  ASSERT_TRUE(WxHarness::PumpUntil([] { return WxHarness::IsVisible("typed-id"); }))
      << Label("wizard-error");
}

bool WxStationFixture::SignIn(const std::string& user, const std::string& password) {
  WxHarness::Type("username", user, frame_);
  WxHarness::Type("password", password, frame_);
  return WxHarness::Click("sign-in", frame_);
}

bool WxStationFixture::WaitForSignInRefused() {
  return WxHarness::PumpUntil([this] {
    auto* button = WxHarness::Find<wxButton>("sign-in", frame_);
    return button != nullptr && button->IsEnabled() && !Label("sign-in-error").empty();
  });
}

void WxStationFixture::TypeCard(const std::string& expiry) {
  WxHarness::Type("typed-id", "001095012345", frame_);
  WxHarness::Type("typed-dob", "14/03/1995", frame_);
  WxHarness::Type("typed-expiry", expiry, frame_);
  WxHarness::Type("typed-name", "Nguyễn Văn Mẫu", frame_);
  WxHarness::Type("typed-gender", "Nam", frame_);
}

}  // namespace kiosk::ui::testing_support
