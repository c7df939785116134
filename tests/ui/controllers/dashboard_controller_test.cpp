// The dashboard without a display: counts from the real records store (RecordsFixture), fake
// sync, and fake devices whose live checks drive the status lights. A device that goes away
// turns its light amber or red on the next refresh; the camera the portrait page streams from is
// never opened by the dashboard; the checks run on their own runner, never on the store's.
#include <gtest/gtest.h>

#include <algorithm>
#include <deque>

#include "kiosk/core/i18n.h"
#include "tests/kiosk/batch/records_fixture.h"
#include "ui/controllers/dashboard_controller.h"

namespace kiosk::ui {
namespace {

class FakeDashboard final : public DashboardView {
 public:
  void SetBusy(bool) override {}
  void ShowError(const std::string& text) override { errors.push_back(text); }
  void ShowDashboard(const DashboardFacts& f) override {
    facts = f;
    ++shown;
  }
  const DeviceLight& Light(const std::string& name) const {
    for (const auto& d : facts.devices) {
      if (d.name == name) return d;
    }
    static const DeviceLight none;
    ADD_FAILURE() << "no light " << name;
    return none;
  }
  DashboardFacts facts;
  int shown = 0;
  std::vector<std::string> errors;
};

class FakeSync final : public station::SyncControl {
 public:
  station::SyncState State() override { return state; }
  void SyncNow() override { ++sync_now; }
  void Pause() override {}
  void Resume() override {}
  Result<station::RecordStatus> Status(const std::string&) override {
    return Fail(Error::NotFound("unknown"));
  }
  station::SyncState state;
  int sync_now = 0;
};

class FakeCamera final : public biometrics::Camera {
 public:
  Result<void> Open() override {
    ++opens;
    if (open_error) return Fail(*open_error);
    state_ = biometrics::CameraState::kStreaming;
    return {};
  }
  void Close() override {
    ++closes;
    state_ = biometrics::CameraState::kClosed;
  }
  biometrics::CameraState state() const override { return state_; }
  Result<biometrics::CameraFrame> NextFrame(std::uint64_t, std::chrono::milliseconds) override {
    return Fail(Error(ErrorCode::kTimeout, "no frame in this fake"));
  }
  std::optional<Error> lost_reason() const override { return lost; }
  std::string description() const override { return "device 0"; }

  biometrics::CameraState state_ = biometrics::CameraState::kClosed;
  std::optional<Error> open_error;
  std::optional<Error> lost;
  int opens = 0, closes = 0;
};

class FakeSensor final : public biometrics::FingerprintSensor {
 public:
  Result<std::vector<biometrics::FingerprintDeviceInfo>> Enumerate() override {
    ++enumerations;
    if (error) return Fail(*error);
    return devices;
  }
  Result<void> Open(const std::string&) override {
    ++opens;
    return {};
  }
  Result<biometrics::FingerprintImage> Capture(std::chrono::milliseconds) override {
    return Fail(Error(ErrorCode::kTimeout, "no finger"));
  }
  void Cancel() override {}
  void Close() override {}
  std::vector<biometrics::FingerprintDeviceInfo> devices = {{"0", "Virtual image device", "virtual_image", true}};
  std::optional<Error> error;
  int enumerations = 0, opens = 0;
};

class FakeScanner final : public documents::DocumentScanner {
 public:
  Result<std::vector<documents::ScannerInfo>> ListDevices() override {
    if (error) return Fail(*error);
    return devices;
  }
  Result<cv::Mat> Scan(const std::string&, const documents::ScanSettings&) override {
    return Fail(Error::Unsupported("not in this fake"));
  }
  std::vector<documents::ScannerInfo> devices = {{"pnm:0", "Demo", "Paper tray", "virtual device"}};
  std::optional<Error> error;
};

class FakeChip final : public station::ChipSource {
 public:
  Result<emrtd::ChipReadResult> Read(const emrtd::MrzAccessKey&, Progress, std::stop_token) override {
    return Fail(Error::Unsupported("not in this fake"));
  }
  std::string Describe() const override { return "Virtual PCD 00 00"; }
};

// Only the live probes matter here; the rest of the port answers "not available".
class FakeProvisioning final : public station::Provisioning {
 public:
  Result<station::RegistrationStatus> Status() override { return station::RegistrationStatus{}; }
  Result<std::filesystem::path> GenerateCsr(const auth::Session&, const std::string&,
                                            const std::string&, const std::filesystem::path&) override {
    return Fail(Error::Unsupported("fake"));
  }
  Result<station::CertificateInfo> ImportCentralCa(const auth::Session&,
                                                   const std::filesystem::path&) override {
    return Fail(Error::Unsupported("fake"));
  }
  Result<station::CertificateInfo> ImportCertificate(const auth::Session&,
                                                     const std::filesystem::path&) override {
    return Fail(Error::Unsupported("fake"));
  }
  Result<std::vector<station::TrustEntry>> ListTrust() override {
    return std::vector<station::TrustEntry>{};
  }
  Result<size_t> ImportTrust(const auth::Session&, const std::filesystem::path&) override {
    return Fail(Error::Unsupported("fake"));
  }
  std::vector<diag::Check> Doctor() override { return {}; }
  std::vector<diag::Check> Probe(std::string_view area) override {
    probed.emplace_back(area);
    if (area == "reader") return reader;
    if (area == "server") return server;
    return {};
  }
  Result<std::vector<std::string>> LogTail(size_t) override { return std::vector<std::string>{}; }
  Result<station::SupportBundleInfo> WriteSupportBundle(const auth::Session&,
                                                        const std::filesystem::path&) override {
    return Fail(Error::Unsupported("fake"));
  }

  std::vector<diag::Check> reader = {
      {"reader", "Virtual PCD 00 00", diag::Status::kOk, "Card reader connected.", {}},
      {"card", "Virtual PCD 00 00", diag::Status::kMissing, "No card on the reader.", {}}};
  std::vector<diag::Check> server = {
      {"server", "https://127.0.0.1:18443", diag::Status::kOk, "Central server reachable.", {}}};
  std::vector<std::string> probed;
};

// Holds work until the test runs it: a probe round "in flight", as on the real probe worker.
class HeldRunner final : public TaskRunner {
 public:
  void Run(std::function<void()> work, std::function<void()> done) override {
    held.push_back({std::move(work), std::move(done)});
  }
  void RunOnUiThread(std::function<void()> fn) override { fn(); }
  void RunAll() {
    while (!held.empty()) {
      auto job = std::move(held.front());
      held.pop_front();
      job.first();
      job.second();
    }
  }
  std::deque<std::pair<std::function<void()>, std::function<void()>>> held;
};

class DashboardControllerTest : public batch::testing_support::RecordsFixture {
 protected:
  void SetUp() override {
    RecordsFixture::SetUp();
    ASSERT_TRUE(i18n::SetLanguage("en"));
    sources_.records = records_.get();
    sources_.clock = &clock_;
  }
  void TearDown() override { (void)i18n::SetLanguage("vi"); }

  // Every device wired to a fake, checked on the inline probe runner.
  void WireDevices() {
    sources_.devices.chip = &chip_;
    sources_.devices.camera = &camera_;
    sources_.devices.fingerprints = &sensor_;
    sources_.devices.scanner = &scanner_;
    sources_.devices.sync = &sync_;
    sources_.devices.provisioning = &provisioning_;
    sources_.sync = &sync_;
    sources_.probe_runner = &probes_;
    sync_.state.configured = true;
  }

  std::string SealOne() {
    auto sealed = records_->Seal(officer_, Request());
    EXPECT_TRUE(sealed) << sealed.error().ToLogString();
    return sealed ? sealed->record_number : "";
  }

  InlineTaskRunner runner_, probes_;
  DashboardSources sources_;
  FakeDashboard view_;
  FakeSync sync_;
  FakeCamera camera_;
  FakeSensor sensor_;
  FakeScanner scanner_;
  FakeChip chip_;
  FakeProvisioning provisioning_;
};

TEST_F(DashboardControllerTest, CountsTodayAndAwaiting_AndSaysSyncIsNotConfigured) {
  SealOne();
  auto second = SealOne();
  ASSERT_TRUE(records_->Approve(supervisor_, second));
  sources_.probe_runner = &probes_;  // devices: none wired
  DashboardController dashboard(view_, runner_, sources_, officer_);
  dashboard.Refresh();
  EXPECT_TRUE(view_.facts.records_available);
  EXPECT_EQ(view_.facts.enrolled_today, 2);
  EXPECT_EQ(view_.facts.awaiting_approval, 1);
  EXPECT_EQ(view_.facts.last_success, "Never");
  ASSERT_EQ(view_.facts.devices.size(), 5u);
  for (const auto& d : view_.facts.devices) {
    EXPECT_EQ(d.light, Light::kOff) << d.name << ": nothing is configured";
    EXPECT_EQ(d.word, "Not available") << d.name;
    EXPECT_FALSE(d.detail.empty()) << d.name;
  }
  EXPECT_EQ(view_.Light("camera").detail, "No camera is configured on this station.");
  EXPECT_EQ(view_.facts.devices[4].name, "server");
  dashboard.SyncNow();
  ASSERT_EQ(view_.errors.size(), 1u);
  EXPECT_NE(view_.errors[0].find("not configured"), std::string::npos);
}

TEST_F(DashboardControllerTest, YesterdaysRecordsAreNotToday_AndASyncErrorIsARedServerLight) {
  SealOne();
  clock_.Advance(std::chrono::hours(24));
  sync_.state.configured = true;
  sync_.state.queued = 3;
  sync_.state.acknowledged = 10;
  sync_.state.last_success = clock_.Now() - std::chrono::hours(1);
  sync_.state.last_error = "The central server did not answer.";
  sources_.sync = &sync_;
  sources_.devices.sync = &sync_;
  sources_.probe_runner = &probes_;
  DashboardController dashboard(view_, runner_, sources_, supervisor_);
  dashboard.SyncNow();
  EXPECT_EQ(sync_.sync_now, 1);
  EXPECT_EQ(view_.facts.enrolled_today, 0);
  EXPECT_EQ(view_.facts.awaiting_approval, 1);
  EXPECT_NE(view_.facts.sync_line.find("3 queued"), std::string::npos) << view_.facts.sync_line;
  EXPECT_EQ(view_.facts.last_success, StationTimeText(*sync_.state.last_success));
  EXPECT_EQ(view_.Light("server").light, Light::kFault);
  EXPECT_EQ(view_.Light("server").word, "Fault");
  EXPECT_EQ(view_.Light("server").detail, "The central server did not answer.");
}

TEST_F(DashboardControllerTest, LiveChecks_EveryDeviceWorking_IsGreenInPlainWords) {
  WireDevices();
  DashboardController dashboard(view_, runner_, sources_, officer_);
  dashboard.Refresh();
  for (const auto& d : view_.facts.devices) {
    EXPECT_EQ(d.light, Light::kOk) << d.name << ": " << d.detail;
    EXPECT_EQ(d.word, "Working") << d.name;
  }
  // The reader is ready with no card on it: green, and it says so.
  EXPECT_EQ(view_.Light("reader").detail, "No card on the reader. [Virtual PCD 00 00]");
  EXPECT_EQ(view_.Light("camera").detail, "The camera opens normally.");
  EXPECT_EQ(view_.Light("fingerprint").detail, "Virtual image device");
  EXPECT_EQ(view_.Light("server").detail, "Central server reachable. [https://127.0.0.1:18443]");
  EXPECT_EQ(camera_.opens, 1);
  EXPECT_EQ(camera_.closes, 1) << "the camera is given back at once";
  EXPECT_EQ(sensor_.opens, 0) << "the dashboard only enumerates the sensor";
  EXPECT_EQ(provisioning_.probed, (std::vector<std::string>{"reader", "server"}));
}

TEST_F(DashboardControllerTest, DeviceGoesAway_NextRefreshTurnsItsLightAmberOrRed) {
  WireDevices();
  DashboardController dashboard(view_, runner_, sources_, officer_);
  dashboard.Refresh();
  ASSERT_EQ(view_.Light("camera").light, Light::kOk);

  // Unplugged between two refreshes.
  camera_.open_error = Error(ErrorCode::kDeviceNotFound, "Camera not found or cannot be opened.");
  sensor_.devices.clear();
  scanner_.error = Error(ErrorCode::kIo, "The scanner stopped answering.");
  provisioning_.reader = {{"reader", "", diag::Status::kMissing,
                           "No card reader is connected. Plug in the reader, then retry.", {}}};
  provisioning_.server = {{"server", "https://127.0.0.1:18443", diag::Status::kError,
                           "Central server unreachable: {0}.", {"timeout"}}};
  const int shown_before = view_.shown;
  dashboard.Refresh();
  EXPECT_GT(view_.shown, shown_before);
  EXPECT_EQ(view_.Light("camera").light, Light::kOff);
  EXPECT_EQ(view_.Light("camera").word, "Not available");
  EXPECT_EQ(view_.Light("camera").detail, "Camera not found or cannot be opened.");
  EXPECT_EQ(view_.Light("fingerprint").light, Light::kOff);
  EXPECT_EQ(view_.Light("fingerprint").detail, "No fingerprint sensor is connected.");
  EXPECT_EQ(view_.Light("scanner").light, Light::kFault);
  EXPECT_EQ(view_.Light("scanner").detail, "The scanner stopped answering.");
  EXPECT_EQ(view_.Light("reader").light, Light::kOff);
  EXPECT_EQ(view_.Light("reader").detail, "No card reader is connected. Plug in the reader, then retry.");
  EXPECT_EQ(view_.Light("server").light, Light::kFault);
  EXPECT_EQ(view_.Light("server").detail, "Central server unreachable: timeout. [https://127.0.0.1:18443]");

  // Plugged back in: green again on the next check.
  camera_.open_error.reset();
  dashboard.CheckDevices();
  EXPECT_EQ(view_.Light("camera").light, Light::kOk);
}

TEST_F(DashboardControllerTest, CameraStreamingForThePortrait_IsNotTakenFromIt) {
  WireDevices();
  camera_.state_ = biometrics::CameraState::kStreaming;
  DashboardController dashboard(view_, runner_, sources_, officer_);
  dashboard.Refresh();
  EXPECT_EQ(view_.Light("camera").light, Light::kOk);
  EXPECT_EQ(view_.Light("camera").detail, "In use by the portrait step.");
  EXPECT_EQ(camera_.opens, 0);
  EXPECT_EQ(camera_.closes, 0) << "closing it would stop the portrait preview";

  // Unplugged while streaming: the camera says it is lost, and why.
  camera_.state_ = biometrics::CameraState::kLost;
  camera_.lost = Error(ErrorCode::kDeviceRemoved, "The camera was unplugged.");
  dashboard.Refresh();
  EXPECT_EQ(view_.Light("camera").light, Light::kOff);
  EXPECT_EQ(view_.Light("camera").detail, "The camera was unplugged.");
  EXPECT_EQ(camera_.opens, 0);
}

TEST_F(DashboardControllerTest, SimulatedChip_NeedsNoPcscReader) {
  WireDevices();
  sources_.devices.chip_is_simulated = true;
  provisioning_.reader = {{"reader", "pcscd", diag::Status::kError, "pcscd is not running.", {}}};
  DashboardController dashboard(view_, runner_, sources_, officer_);
  dashboard.Refresh();
  EXPECT_EQ(view_.Light("reader").light, Light::kOk);
  EXPECT_EQ(view_.Light("reader").detail, "Chip source: Virtual PCD 00 00");
  EXPECT_EQ(std::count(provisioning_.probed.begin(), provisioning_.probed.end(), "reader"), 0);
}

TEST_F(DashboardControllerTest, ChecksRunOnTheirOwnRunner_CountsDoNotWaitForThem) {
  WireDevices();
  HeldRunner held;
  sources_.probe_runner = &held;
  DashboardController dashboard(view_, runner_, sources_, officer_);
  SealOne();
  dashboard.Refresh();
  // The counts are shown while the device checks are still queued: lights say "checking".
  EXPECT_EQ(view_.facts.enrolled_today, 1);
  EXPECT_TRUE(dashboard.checking_devices());
  EXPECT_EQ(view_.Light("camera").light, Light::kChecking);
  EXPECT_EQ(view_.Light("camera").word, "Checking…");
  EXPECT_EQ(camera_.opens, 0);
  // More refreshes and a "check now" while a round is in flight start no second round at once,
  // but one more right after it.
  dashboard.Refresh();
  dashboard.CheckDevices();
  EXPECT_EQ(held.held.size(), 1u);
  held.RunAll();
  EXPECT_FALSE(dashboard.checking_devices());
  EXPECT_EQ(camera_.opens, 2) << "the round in flight, then the one asked for meanwhile";
  EXPECT_EQ(view_.Light("camera").light, Light::kOk);
}

TEST_F(DashboardControllerTest, ClosedDashboard_StopsTheRoundAndShowsNothing) {
  WireDevices();
  HeldRunner held;
  sources_.probe_runner = &held;
  auto dashboard = std::make_unique<DashboardController>(view_, runner_, sources_, officer_);
  dashboard->Refresh();
  const int shown = view_.shown;
  dashboard.reset();
  held.RunAll();
  EXPECT_EQ(view_.shown, shown);
  EXPECT_EQ(camera_.opens, 0) << "no device is touched for a dashboard that is gone";
}

TEST_F(DashboardControllerTest, WithoutAProbeRunner_LightsSayNotChecked) {
  WireDevices();
  sources_.probe_runner = nullptr;
  DashboardController dashboard(view_, runner_, sources_, officer_);
  dashboard.Refresh();
  for (const auto& d : view_.facts.devices) {
    EXPECT_EQ(d.light, Light::kOff) << d.name;
    EXPECT_EQ(d.word, "Not checked") << d.name;
  }
  EXPECT_EQ(camera_.opens, 0);
}

TEST_F(DashboardControllerTest, Lights_InVietnamese) {
  ASSERT_TRUE(i18n::SetLanguage("vi"));
  WireDevices();
  scanner_.error = Error(ErrorCode::kIo, "The scanner stopped answering.");
  DashboardController dashboard(view_, runner_, sources_, officer_);
  dashboard.Refresh();
  for (const auto& d : view_.facts.devices) {
    EXPECT_NE(d.word, "Working") << d.name;
    EXPECT_NE(d.word, "Fault") << d.name;
    EXPECT_NE(d.label, std::string(d.name)) << d.name;
  }
  EXPECT_EQ(view_.Light("camera").label, "Camera");  // the same word in Vietnamese
  EXPECT_EQ(view_.Light("reader").label, "Đầu đọc thẻ");
}

TEST(StationTime, IsVietNamTime) {
  // 2026-01-15 17:30 UTC is 00:30 the next day in Viet Nam.
  Clock::WallTime at{std::chrono::seconds(1768498200)};
  EXPECT_EQ(StationTimeText(at), "2026-01-16 00:30");
}

}  // namespace
}  // namespace kiosk::ui
