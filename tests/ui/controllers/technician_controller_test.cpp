// The technician screen's controller against a fake view, fake devices and a fake provisioning
// port, with the real encrypted store for settings (the core decides who may change them).
#include "ui/controllers/technician_controller.h"

#include <gtest/gtest.h>

#include "kiosk/auth/operator_directory.h"
#include "kiosk/auth/permissions.h"
#include "kiosk/core/i18n.h"
#include "kiosk/store/key_provider.h"
#include "tests/support/fake_clock.h"
#include "tests/support/temp_dir.h"

namespace kiosk::ui {
namespace {

class FakeTechnicianView final : public TechnicianView {
 public:
  void SetBusy(bool busy) override { busy_now = busy; }
  void ShowError(const std::string& text) override { errors.push_back(text); }
  void ShowSection(TechnicianSection s) override { section = s; }
  void ShowDevices(const std::vector<DeviceRow>& r) override { rows = r; }
  void ShowDevice(const DeviceRow& row) override { shown.push_back(row); }
  void ShowCameraFrame(const cv::Mat& f) override { frame = f; }
  void ShowSettings(const std::vector<store::SettingValue>& s) override { settings = s; }
  void ShowRegistration(const station::RegistrationStatus& s,
                        const std::vector<RegistrationStep>& st) override {
    status = s;
    steps = st;
  }
  void ShowTrust(const std::vector<station::TrustEntry>& e) override { trust = e; }
  void ShowLog(const std::vector<std::string>& l) override { log = l; }
  void ShowBundle(const station::SupportBundleInfo& b) override { bundle = b; }
  void ShowNotice(const std::string& text) override { notices.push_back(text); }

  bool busy_now = false;
  std::vector<std::string> errors, notices, log;
  std::optional<TechnicianSection> section;
  std::vector<DeviceRow> rows, shown;
  cv::Mat frame;
  std::vector<store::SettingValue> settings;
  std::optional<station::RegistrationStatus> status;
  std::vector<RegistrationStep> steps;
  std::vector<station::TrustEntry> trust;
  std::optional<station::SupportBundleInfo> bundle;

  const DeviceRow* Last(DeviceKind kind) const {
    for (auto it = shown.rbegin(); it != shown.rend(); ++it) {
      if (it->kind == kind) return &*it;
    }
    return nullptr;
  }
};

class FakeCamera final : public biometrics::Camera {
 public:
  Result<void> Open() override {
    if (unplugged) return Fail(Error(ErrorCode::kDeviceNotFound, N_("No camera was found.")));
    state_ = biometrics::CameraState::kStreaming;
    return {};
  }
  void Close() override {
    state_ = biometrics::CameraState::kClosed;
    ++closes;
  }
  biometrics::CameraState state() const override { return state_; }
  Result<biometrics::CameraFrame> NextFrame(std::uint64_t, std::chrono::milliseconds) override {
    return biometrics::CameraFrame{cv::Mat(24, 32, CV_8UC3, cv::Scalar(10, 200, 30)), 1, {}};
  }
  std::optional<Error> lost_reason() const override { return std::nullopt; }
  std::string description() const override { return "fake camera 0"; }

  bool unplugged = false;
  int closes = 0;
  biometrics::CameraState state_ = biometrics::CameraState::kClosed;
};

class FakeSensor final : public biometrics::FingerprintSensor {
 public:
  Result<std::vector<biometrics::FingerprintDeviceInfo>> Enumerate() override { return devices; }
  Result<void> Open(const std::string&) override {
    if (busy) return Fail(Error(ErrorCode::kDeviceBusy, N_("The fingerprint sensor is busy.")));
    return {};
  }
  Result<biometrics::FingerprintImage> Capture(std::chrono::milliseconds) override {
    return Fail(Error::Cancelled());
  }
  void Cancel() override {}
  void Close() override {}
  std::vector<biometrics::FingerprintDeviceInfo> devices{
      {"0", "Virtual image device for debugging", "virtual_image", true}};
  bool busy = false;
};

class FakeScanner final : public documents::DocumentScanner {
 public:
  Result<std::vector<documents::ScannerInfo>> ListDevices() override { return devices; }
  Result<cv::Mat> Scan(const std::string&, const documents::ScanSettings&) override {
    return cv::Mat(10, 10, CV_8UC1);
  }
  std::vector<documents::ScannerInfo> devices;
};

class FakeSync final : public station::SyncControl {
 public:
  station::SyncState State() override { return state; }
  void SyncNow() override {}
  void Pause() override {}
  void Resume() override {}
  Result<station::RecordStatus> Status(const std::string&) override {
    return Fail(Error::NotFound(N_("unknown")));
  }
  station::SyncState state;
};

// Keeps registration in memory; refuses changes to anyone but technicians and administrators,
// as the real one does.
class FakeProvisioning final : public station::Provisioning {
 public:
  Result<station::RegistrationStatus> Status() override { return status; }
  Result<std::filesystem::path> GenerateCsr(const auth::Session& session, const std::string& id,
                                            const std::string& unit,
                                            const std::filesystem::path& save_as) override {
    if (auto r = auth::Require(session, auth::Action::kChangeSettings); !r) return Fail(r.error());
    status.station_id = id;
    status.station_id_set = true;
    status.unit = unit;
    status.has_key = true;
    status.csr_file = save_as;
    return save_as;
  }
  Result<station::CertificateInfo> ImportCentralCa(const auth::Session& session,
                                                   const std::filesystem::path&) override {
    if (auto r = auth::Require(session, auth::Action::kChangeSettings); !r) return Fail(r.error());
    status.central_ca = station::CertificateInfo{"CN=Test Central CA", "CN=Test Central CA",
                                                 "2026-01-01T00:00:00Z", "2036-01-01T00:00:00Z", true};
    return *status.central_ca;
  }
  Result<station::CertificateInfo> ImportCertificate(const auth::Session& session,
                                                     const std::filesystem::path& file) override {
    if (auto r = auth::Require(session, auth::Action::kChangeSettings); !r) return Fail(r.error());
    if (file.filename() == "other.pem") {
      return Fail(Error::InvalidArgument(N_("The certificate does not belong to this station's key.")));
    }
    status.certificate = station::CertificateInfo{"CN=" + status.station_id, "CN=Test Central CA",
                                                  "2026-11-01T00:00:00Z", "2028-11-01T00:00:00Z", true};
    status.certificate_matches_key = true;
    return *status.certificate;
  }
  Result<std::vector<station::TrustEntry>> ListTrust() override { return trust; }
  Result<size_t> ImportTrust(const auth::Session& session, const std::filesystem::path& file) override {
    if (auto r = auth::Require(session, auth::Action::kChangeSettings); !r) return Fail(r.error());
    trust.push_back({file.filename().string(), "CN=CSCA Test", "2026-01-01T00:00:00Z",
                     "2036-01-01T00:00:00Z", true, ""});
    status.trust_anchors = trust.size();
    return size_t{1};
  }
  std::vector<diag::Check> Doctor() override { return {}; }
  std::vector<diag::Check> Probe(std::string_view area) override {
    probed.emplace_back(area);
    if (area == "reader") {
      return {{"reader", "Virtual PCD 00 00", diag::Status::kOk, N_("Reader present"), {}},
              {"card", "Virtual PCD 00 00", diag::Status::kMissing, N_("No card on the reader"), {}}};
    }
    if (area == "server") {
      return {{"server", "https://127.0.0.1:1", diag::Status::kError, N_("Server not reachable"), {}}};
    }
    return {};
  }
  Result<std::vector<std::string>> LogTail(size_t) override { return log; }
  Result<station::SupportBundleInfo> WriteSupportBundle(const auth::Session& session,
                                                        const std::filesystem::path& file) override {
    if (auto r = auth::Require(session, auth::Action::kChangeSettings); !r) return Fail(r.error());
    return station::SupportBundleInfo{file, {"versions.txt", "config.json", "doctor.json"}, 100};
  }

  station::RegistrationStatus status;
  std::vector<station::TrustEntry> trust;
  std::vector<std::string> log{"2026-11-29 info station started"};
  std::vector<std::string> probed;
};

class FakeChip final : public station::ChipSource {
 public:
  Result<emrtd::ChipReadResult> Read(const emrtd::MrzAccessKey&, Progress, std::stop_token) override {
    return Fail(Error::Cancelled());
  }
  std::string Describe() const override { return "Emulated CCCD"; }
};

class TechnicianControllerTest : public ::testing::Test {
 protected:
  void SetUp() override {
    ASSERT_TRUE(i18n::SetLanguage("en"));
    keys_ = std::make_unique<store::FileKeyProvider>(store::FileKeyProvider::DefaultPath(dir_.path()));
    store::StoreOptions options;
    options.data_dir = dir_.path();
    auto opened = store::Store::Open(options, *keys_, clock_);
    ASSERT_TRUE(opened) << opened.error().ToLogString();
    store_ = std::move(*opened);
    directory_ = std::make_unique<auth::OperatorDirectory>(*store_, Config::Policy{},
                                                           auth::PasswordHashCost::ForTests());
    ASSERT_TRUE(directory_->BootstrapAdministrator({"admin", "Admin", auth::Role::kAdministrator},
                                                   SecretString("Admin!2026x")));
    auto admin = directory_->SignIn("admin", SecretString("Admin!2026x"));
    ASSERT_TRUE(admin);
    for (auto [user, role] : {std::pair{"tech1", auth::Role::kTechnician},
                              std::pair{"officer1", auth::Role::kOfficer}}) {
      ASSERT_TRUE(directory_->AddOperator(*admin, {user, user, role}, SecretString("Temp!2026a")));
      ASSERT_TRUE(directory_->ChangePassword(user, SecretString("Temp!2026a"),
                                             SecretString("Mine!2026b")));
    }
    auto tech = directory_->SignIn("tech1", SecretString("Mine!2026b"));
    ASSERT_TRUE(tech);
    technician_ = *tech;
    auto officer = directory_->SignIn("officer1", SecretString("Mine!2026b"));
    ASSERT_TRUE(officer);
    officer_ = *officer;

    ports_.config = &config_;
    ports_.store = store_.get();
    ports_.chip = &chip_;
    ports_.camera = &camera_;
    ports_.fingerprints = &sensor_;
    ports_.scanner = &scanner_;
    ports_.sync = &sync_;
    ports_.provisioning = &provisioning_;
  }

  std::unique_ptr<TechnicianController> Make(const auth::Session& session) {
    return std::make_unique<TechnicianController>(view_, runner_, ports_, session);
  }

  void Register() {
    provisioning_.status.station_id = "ST-HN-0001";
    provisioning_.status.station_id_set = true;
    provisioning_.status.has_key = true;
    provisioning_.status.certificate =
        station::CertificateInfo{"CN=ST-HN-0001", "CN=CA", "2026-01-01", "2028-01-01", true};
    provisioning_.status.certificate_matches_key = true;
    provisioning_.status.central_ca =
        station::CertificateInfo{"CN=CA", "CN=CA", "2026-01-01", "2036-01-01", true};
  }

  kiosk::testing::TempDir dir_;
  kiosk::testing::FakeClock clock_;
  std::unique_ptr<store::KeyProvider> keys_;
  std::unique_ptr<store::Store> store_;
  std::unique_ptr<auth::OperatorDirectory> directory_;
  auth::Session technician_, officer_;
  Config config_;
  FakeChip chip_;
  FakeCamera camera_;
  FakeSensor sensor_;
  FakeScanner scanner_;
  FakeSync sync_;
  FakeProvisioning provisioning_;
  TechnicianPorts ports_;
  InlineTaskRunner runner_;
  FakeTechnicianView view_;
};

TEST_F(TechnicianControllerTest, Start_UnregisteredStation_OpensOnRegistrationWithStepsInOrder) {
  auto controller = Make(technician_);
  controller->Start();
  ASSERT_EQ(view_.section, TechnicianSection::kRegistration);
  ASSERT_EQ(view_.steps.size(), 7u);
  EXPECT_EQ(view_.steps[0].title, "1. Station id and unit");
  EXPECT_EQ(view_.steps[1].title, "2. Key pair and certificate request");
  EXPECT_EQ(view_.steps[3].title, "4. Station certificate");
  EXPECT_EQ(view_.steps[6].title, "7. Test upload");
  for (const auto& step : view_.steps) EXPECT_FALSE(step.done) << step.title;
  EXPECT_EQ(view_.rows.size(), 5u);
  EXPECT_EQ(view_.rows[0].light, DeviceLight::kUntested);
  EXPECT_EQ(view_.log, provisioning_.log);
  EXPECT_FALSE(view_.settings.empty());
  EXPECT_TRUE(view_.errors.empty()) << view_.errors.front();
}

TEST_F(TechnicianControllerTest, Start_RegisteredStation_OpensOnDevices) {
  Register();
  auto controller = Make(technician_);
  controller->Start();
  EXPECT_EQ(view_.section, TechnicianSection::kDevices);
  EXPECT_TRUE(view_.steps[0].done);
  EXPECT_TRUE(view_.steps[3].done);
  EXPECT_FALSE(view_.steps[4].done);  // no CSCA yet
}

TEST_F(TechnicianControllerTest, FirstRun_WalkedInOrder_EachStepTicksOff) {
  sync_.state.configured = true;
  auto controller = Make(technician_);
  controller->Start();
  controller->GenerateCsr("ST-HN-0001", "Công an phường Test", (dir_ / "station.csr").string());
  ASSERT_TRUE(view_.errors.empty()) << view_.errors.front();
  EXPECT_NE(view_.notices.back().find("station.csr"), std::string::npos);
  EXPECT_TRUE(view_.steps[0].done);
  EXPECT_TRUE(view_.steps[1].done);
  controller->ImportCentralCa((dir_ / "ca.pem").string());
  controller->ImportCertificate((dir_ / "station.pem").string());
  EXPECT_TRUE(view_.steps[2].done);
  EXPECT_TRUE(view_.steps[3].done);
  EXPECT_TRUE(view_.status->Registered());
  controller->ImportTrust((dir_ / "csca.pem").string());
  EXPECT_TRUE(view_.steps[4].done);
  ASSERT_EQ(view_.trust.size(), 1u);
  scanner_.devices = {{"pnm:0", "Noname", "PNM file reader", "virtual device"}};
  sync_.state.last_success = clock_.Now();
  controller->TestAllDevices();
  EXPECT_TRUE(view_.steps[5].done) << view_.steps[5].detail;
  EXPECT_TRUE(view_.steps[6].done);
}

TEST_F(TechnicianControllerTest, ImportCertificate_OfAnotherKey_ShowsWhyAndStaysUnregistered) {
  auto controller = Make(technician_);
  controller->Start();
  controller->ImportCertificate((dir_ / "other.pem").string());
  ASSERT_EQ(view_.errors.size(), 1u);
  EXPECT_EQ(view_.errors[0], "The certificate does not belong to this station's key.");
  EXPECT_FALSE(view_.steps[3].done);
  EXPECT_FALSE(view_.busy_now);
}

TEST_F(TechnicianControllerTest, GenerateCsr_ByOfficer_IsRefusedByTheCore) {
  auto controller = Make(officer_);
  controller->Start();
  view_.errors.clear();
  controller->GenerateCsr("ST-HN-0001", "", (dir_ / "x.csr").string());
  ASSERT_EQ(view_.errors.size(), 1u);
  EXPECT_FALSE(provisioning_.status.station_id_set);
}

TEST_F(TechnicianControllerTest, TestCamera_GrabsOneFrame_ShowsItAndCloses) {
  auto controller = Make(technician_);
  controller->TestDevice(DeviceKind::kCamera);
  const DeviceRow* row = view_.Last(DeviceKind::kCamera);
  ASSERT_NE(row, nullptr);
  EXPECT_EQ(row->light, DeviceLight::kOk);
  EXPECT_EQ(row->subject, "fake camera 0");
  EXPECT_NE(row->status.find("32 × 24"), std::string::npos) << row->status;
  EXPECT_EQ(view_.frame.cols, 32);
  EXPECT_EQ(camera_.closes, 1);
  // The row went through "Testing…" first.
  EXPECT_EQ(view_.shown.front().light, DeviceLight::kTesting);
}

TEST_F(TechnicianControllerTest, TestCamera_Unplugged_ShowsFaultInWords) {
  camera_.unplugged = true;
  auto controller = Make(technician_);
  controller->TestDevice(DeviceKind::kCamera);
  const DeviceRow* row = view_.Last(DeviceKind::kCamera);
  EXPECT_EQ(row->light, DeviceLight::kError);
  EXPECT_EQ(row->status, "No camera was found.");
  EXPECT_TRUE(view_.frame.empty());
}

TEST_F(TechnicianControllerTest, TestDevices_MissingPorts_SayNotAvailable) {
  ports_.camera = nullptr;
  ports_.scanner = nullptr;
  auto controller = Make(technician_);
  controller->TestDevice(DeviceKind::kCamera);
  controller->TestDevice(DeviceKind::kScanner);
  EXPECT_EQ(view_.Last(DeviceKind::kCamera)->light, DeviceLight::kMissing);
  EXPECT_EQ(view_.Last(DeviceKind::kCamera)->status, "No camera is configured on this station.");
  EXPECT_EQ(view_.Last(DeviceKind::kScanner)->light, DeviceLight::kMissing);
}

TEST_F(TechnicianControllerTest, TestFingerprint_BusySensor_IsAFault) {
  sensor_.busy = true;
  auto controller = Make(technician_);
  controller->TestDevice(DeviceKind::kFingerprint);
  EXPECT_EQ(view_.Last(DeviceKind::kFingerprint)->light, DeviceLight::kError);
  EXPECT_EQ(view_.Last(DeviceKind::kFingerprint)->subject, "Virtual image device for debugging");
  sensor_.busy = false;
  controller->TestDevice(DeviceKind::kFingerprint);
  EXPECT_EQ(view_.Last(DeviceKind::kFingerprint)->light, DeviceLight::kOk);
}

TEST_F(TechnicianControllerTest, TestReader_ListsReaderAndMissingCard) {
  auto controller = Make(technician_);
  controller->TestDevice(DeviceKind::kReader);
  const DeviceRow* row = view_.Last(DeviceKind::kReader);
  EXPECT_EQ(row->light, DeviceLight::kMissing);  // the card is missing: not a fault
  EXPECT_NE(row->status.find("Emulated CCCD"), std::string::npos);
  EXPECT_NE(row->status.find("No card on the reader [Virtual PCD 00 00]"), std::string::npos);
}

TEST_F(TechnicianControllerTest, TestServer_Unreachable_IsAFaultWithTheSyncCounts) {
  sync_.state.configured = true;
  sync_.state.queued = 3;
  auto controller = Make(technician_);
  controller->TestDevice(DeviceKind::kServer);
  const DeviceRow* row = view_.Last(DeviceKind::kServer);
  EXPECT_EQ(row->light, DeviceLight::kError);
  EXPECT_NE(row->status.find("Waiting to upload: 3"), std::string::npos) << row->status;
  EXPECT_NE(row->status.find("Server not reachable"), std::string::npos);
}

TEST_F(TechnicianControllerTest, ChangeSetting_ByTechnician_SavedAndAudited) {
  auto controller = Make(technician_);
  controller->ChangeSetting("station.unit", "Công an phường Test");
  ASSERT_TRUE(view_.errors.empty()) << view_.errors.front();
  bool found = false;
  for (const auto& s : view_.settings) {
    if (s.name == "station.unit") {
      found = true;
      EXPECT_EQ(s.value, "Công an phường Test");
      EXPECT_FALSE(s.is_default);
    }
  }
  EXPECT_TRUE(found);
  auto entries = store_->audit().List();
  ASSERT_TRUE(entries);
  EXPECT_EQ(entries->back().action, "settings.change");
}

TEST_F(TechnicianControllerTest, ChangeSetting_BadStationId_ShowsTheRule) {
  auto controller = Make(technician_);
  controller->ChangeSetting("station.id", "bad id!");
  ASSERT_EQ(view_.errors.size(), 1u);
  EXPECT_NE(view_.errors[0].find("1 to 32"), std::string::npos);
}

TEST_F(TechnicianControllerTest, Settings_ForOfficer_AreRefusedByTheCore) {
  auto controller = Make(officer_);
  controller->RefreshSettings();
  ASSERT_EQ(view_.errors.size(), 1u);
  EXPECT_TRUE(view_.settings.empty());
  controller->ChangeSetting("station.unit", "X");
  EXPECT_EQ(view_.errors.size(), 2u);
  auto entries = store_->audit().List();
  ASSERT_TRUE(entries);
  EXPECT_EQ(entries->back().outcome, "denied");
}

TEST_F(TechnicianControllerTest, NoProvisioningPort_SaysSoAndOpensOnDevices) {
  ports_.provisioning = nullptr;
  auto controller = Make(technician_);
  controller->Start();
  EXPECT_EQ(view_.section, TechnicianSection::kDevices);
  ASSERT_FALSE(view_.errors.empty());
  EXPECT_EQ(view_.errors[0], "Station registration is not available in this build.");
}

TEST_F(TechnicianControllerTest, SupportBundle_ShowsItsContentList) {
  auto controller = Make(technician_);
  controller->WriteSupportBundle((dir_ / "b.tar.gz").string());
  ASSERT_TRUE(view_.bundle);
  EXPECT_EQ(view_.bundle->entries.size(), 3u);
  EXPECT_NE(view_.notices.back().find("b.tar.gz"), std::string::npos);
}

}  // namespace
}  // namespace kiosk::ui
