// The wizard's portrait and fingerprint pages driven in-process under Xvfb, on the demo devices
// (the synthetic camera's drawn face, the simulated sensor's drawn prints): a portrait captured by
// itself, a retake, the confirmation, a captured print and a fingerprint exception with its note.
// Screenshots go to $KIOSK_SCREENSHOT_DIR (the build tree).
#include <gtest/gtest.h>
#include <wx/choice.h>
#include <wx/listbox.h>

#include "drivers/sim/camera/synthetic_camera.h"
#include "drivers/sim/finger/simulated_fingerprint_sensor.h"
#include "tests/ui/station/wx_station_fixture.h"

namespace kiosk::ui {
namespace {

class CaptureUiTest : public testing_support::WxStationFixture {
 protected:
  CaptureUiTest() : WxStationFixture({.officer = true, .enrollment = true, .demo_chip = true}) {}

  void SetUp() override {
    ASSERT_NO_FATAL_FAILURE(WxStationFixture::SetUp());
    sim::SyntheticCameraOptions camera;
    camera.approach_frames = 20;  // a moment of guidance, then the face in place
    camera_ = std::make_unique<sim::SyntheticCamera>(camera);
    sensor_ = std::make_unique<sim::SimulatedFingerprintSensor>(
        sim::SimulatedSensorOptions{std::chrono::milliseconds(50)});
    services_.camera = camera_.get();
    services_.fingerprints = sensor_.get();
    ASSERT_NO_FATAL_FAILURE(OpenWizard("capture"));
  }

  bool Enabled(const std::string& name) {
    auto* w = WxHarness::Find<wxWindow>(name, frame_);
    return w != nullptr && w->IsEnabled();
  }

  // Identify by typing, read the demo chip, arrive at the portrait page.
  void ReachPortrait() {
    TypeCard();
    ASSERT_TRUE(WxHarness::Click("use-typed", frame_));
    WxHarness::Pump(std::chrono::milliseconds(300));
    ASSERT_TRUE(WxHarness::Click("wizard-next", frame_));
    ASSERT_TRUE(WxHarness::PumpUntil([] { return WxHarness::IsVisible("read-chip"); })) << Label("wizard-error");
    ASSERT_TRUE(WxHarness::Click("read-chip", frame_));
    ASSERT_TRUE(WxHarness::PumpUntil([this] { return !Label("chip-verdict").empty(); }, std::chrono::seconds(60)))
        << Label("wizard-error");
    ASSERT_TRUE(WxHarness::Click("wizard-next", frame_));
    ASSERT_TRUE(WxHarness::PumpUntil([] { return WxHarness::IsVisible("portrait-preview"); })) << Label("wizard-error");
  }

  bool WaitForCapture() {
    return WxHarness::PumpUntil([this] { return Enabled("portrait-confirm"); }, std::chrono::seconds(60));
  }

  std::unique_ptr<sim::SyntheticCamera> camera_;
  std::unique_ptr<sim::SimulatedFingerprintSensor> sensor_;
};

TEST_F(CaptureUiTest, Portrait_AutoCapture_Retake_Confirm_ThenFingerprintException) {
  ReachPortrait();
  // The guidance is drawn while the citizen settles; the portrait is then taken by itself.
  ASSERT_TRUE(WxHarness::PumpUntil([this] { return !Label("portrait-guidance").empty(); }, std::chrono::seconds(60)));
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
