// The technician screen's real windows under Xvfb, opened directly in a frame: first run opens
// on Registration, a CSR is generated from the screen, the camera's live test shows a frame,
// and a support bundle is written. Screenshots go to $KIOSK_SCREENSHOT_DIR.
#include <gtest/gtest.h>
#include <wx/listbox.h>
#include <wx/notebook.h>
#include <wx/statbmp.h>

#include <fstream>

#include "sync/station/provisioning.h"
#include "tests/ui/station/wx_station_fixture.h"
#include "ui/station/technician_panel.h"

namespace kiosk::ui {
namespace {

// A camera giving a synthetic picture (a grey gradient): no device, no citizen.
class GradientCamera final : public biometrics::Camera {
 public:
  Result<void> Open() override {
    state_ = biometrics::CameraState::kStreaming;
    return {};
  }
  void Close() override { state_ = biometrics::CameraState::kClosed; }
  biometrics::CameraState state() const override { return state_; }
  Result<biometrics::CameraFrame> NextFrame(std::uint64_t, std::chrono::milliseconds) override {
    cv::Mat image(120, 160, CV_8UC3);
    for (int y = 0; y < image.rows; ++y) image.row(y).setTo(cv::Scalar(y * 2, 100, 200 - y));
    return biometrics::CameraFrame{image, 1, std::chrono::steady_clock::now()};
  }
  std::optional<Error> lost_reason() const override { return std::nullopt; }
  std::string description() const override { return "gradient test camera"; }

 private:
  std::atomic<biometrics::CameraState> state_ = biometrics::CameraState::kClosed;
};

class TechnicianUiTest : public testing_support::WxStationFixture {
 protected:
  TechnicianUiTest() : WxStationFixture({.language = "en"}) {}

  void SetUp() override {
    ASSERT_NO_FATAL_FAILURE(WxStationFixture::SetUp());
    auto admin = directory_->SignIn("admin", SecretString(testing_support::kAdminPassword));
    ASSERT_TRUE(admin);
    session_ = *admin;

    config_.data_dir = dir_.path();
    sync::ProvisioningOptions p;
    p.config = config_;
    p.store = store_.get();
    p.trust_dir = dir_ / "trust";
    p.probe_server = [](const Config&) {
      return std::vector<diag::Check>{
          {"server", "", diag::Status::kMissing, N_("No central server is configured."), {}}};
    };
    provisioning_ = sync::MakeStationProvisioning(std::move(p));

    services_.config = &config_;
    services_.store = store_.get();
    services_.camera = &camera_;
    services_.provisioning = provisioning_.get();
  }

  void Open() {
    OpenInFrame("technician", wxSize(1280, 800), [this](wxWindow* frame) {
      return MakeTechnicianPanel(frame, services_, *runner_, session_);
    });
  }

  wxNotebook* Tabs() { return WxHarness::Find<wxNotebook>("technician-tabs", frame_); }

  auth::Session session_;
  GradientCamera camera_;
  std::unique_ptr<station::Provisioning> provisioning_;
};

TEST_F(TechnicianUiTest, FirstRun_OpensOnRegistration_GeneratesCsrFromTheScreen) {
  Open();
  ASSERT_NE(Tabs(), nullptr);
  ASSERT_TRUE(WxHarness::PumpUntil([&] { return Tabs()->GetSelection() == 2; }))
      << "selected tab " << Tabs()->GetSelection();
  auto* steps = WxHarness::Find<wxListBox>("registration-steps", frame_);
  ASSERT_TRUE(WxHarness::PumpUntil([&] { return steps->GetCount() == 7; }));
  EXPECT_TRUE(steps->GetString(0).StartsWith(wxString::FromUTF8("○ 1. Station id")));
  WxHarness::Screenshot(frame_, "technician-registration-first-run");

  const auto csr = dir_ / "usb" / "station.csr";
  std::filesystem::create_directories(csr.parent_path());
  WxHarness::Type("station-id", "ST-HN-0042", frame_);
  WxHarness::Type("station-unit", "Công an phường Thử", frame_);
  WxHarness::Type("csr-path", csr.string(), frame_);
  ASSERT_TRUE(WxHarness::Click("generate-csr", frame_));
  ASSERT_TRUE(WxHarness::PumpUntil([&] { return std::filesystem::exists(csr); }));
  ASSERT_TRUE(WxHarness::PumpUntil([&] {
    return WxHarness::Label("technician-message", frame_).find("station.csr") != std::string::npos;
  })) << WxHarness::Label("technician-message", frame_);
  std::ifstream in(csr);
  std::string pem((std::istreambuf_iterator<char>(in)), {});
  EXPECT_EQ(pem.rfind("-----BEGIN CERTIFICATE REQUEST-----", 0), 0u);
  ASSERT_TRUE(WxHarness::PumpUntil(
      [&] { return steps->GetString(1).StartsWith(wxString::FromUTF8("✔")); }));
  EXPECT_TRUE(steps->GetString(0).StartsWith(wxString::FromUTF8("✔")));
  WxHarness::Screenshot(frame_, "technician-registration-csr");
}

TEST_F(TechnicianUiTest, CameraTest_ShowsTheFrameAndWorking) {
  Open();
  Tabs()->ChangeSelection(0);
  WxHarness::Pump();
  ASSERT_TRUE(WxHarness::Click("test-camera", frame_));
  ASSERT_TRUE(WxHarness::PumpUntil(
      [&] { return WxHarness::Label("light-camera", frame_) == "Working"; }))
      << WxHarness::Label("light-camera", frame_) << " / " << WxHarness::Label("status-camera", frame_);
  EXPECT_NE(WxHarness::Label("status-camera", frame_).find("160 × 120"), std::string::npos);
  auto* bitmap = WxHarness::Find<wxStaticBitmap>("camera-frame", frame_);
  ASSERT_NE(bitmap, nullptr);
  EXPECT_TRUE(bitmap->GetBitmap().IsOk());
  // No scanner wired: the row says so instead of pretending.
  ASSERT_TRUE(WxHarness::Click("test-scanner", frame_));
  ASSERT_TRUE(WxHarness::PumpUntil(
      [&] { return WxHarness::Label("light-scanner", frame_) == "Not available"; }));
  WxHarness::Screenshot(frame_, "technician-devices");
}

TEST_F(TechnicianUiTest, SupportBundle_WrittenAndListed) {
  Open();
  Tabs()->ChangeSelection(5);
  WxHarness::Pump();
  const auto bundle = dir_ / "support.tar.gz";
  WxHarness::Type("bundle-path", bundle.string(), frame_);
  ASSERT_TRUE(WxHarness::Click("bundle-create", frame_));
  auto* entries = WxHarness::Find<wxListBox>("bundle-entries", frame_);
  ASSERT_TRUE(WxHarness::PumpUntil([&] { return entries->GetCount() >= 5; }));
  EXPECT_TRUE(std::filesystem::exists(bundle));
  EXPECT_EQ(entries->GetString(0), "versions.txt");
  WxHarness::Screenshot(frame_, "technician-support-bundle");
}

}  // namespace
}  // namespace kiosk::ui
