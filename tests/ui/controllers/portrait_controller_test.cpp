// The portrait step's controller against a fake view, the demo's synthetic camera (a drawn face)
// and a scripted camera for the faults, on the real wizard and encrypted draft store.
#include "ui/controllers/portrait_controller.h"

#include <gtest/gtest.h>

#include <condition_variable>
#include <cstdlib>
#include <mutex>
#include <thread>

#include <opencv2/imgcodecs.hpp>

#include "drivers/sim/camera/synthetic_camera.h"
#include "kiosk/biometrics/face/face_checks.h"
#include "tests/ui/controllers/capture_test_support.h"

namespace kiosk::ui {
namespace {

using enrollment::Step;
using testing::WizardFixture;

class FakePortraitView final : public PortraitView {
 public:
  void ShowState(PortraitState s) override { states.push_back(s); }
  void ShowPreview(const cv::Mat& rgb, const PortraitOverlay& overlay) override {
    ++previews;
    preview_size = rgb.size();
    for (const auto& line : overlay.guidance) guidance.push_back(line.Render());
  }
  void ShowCaptured(const cv::Mat& rgb, double q) override {
    captured = rgb.clone();
    quality = q;
  }
  void ShowComparison(const PortraitComparison& c) override { comparison = c; }
  void ShowCameraProblem(const UiText& text, bool retry) override {
    problems.push_back(text.Render());
    problem_text = text;
    can_retry = retry;
  }
  PortraitState last() const { return states.empty() ? PortraitState::kIdle : states.back(); }
  bool GuidanceContains(const std::string& part) const {
    for (const auto& g : guidance) {
      if (g.find(part) != std::string::npos) return true;
    }
    return false;
  }

  std::vector<PortraitState> states;
  int previews = 0;
  cv::Size preview_size;
  std::vector<std::string> guidance;
  cv::Mat captured;
  double quality = 0;
  std::optional<PortraitComparison> comparison;
  std::vector<std::string> problems;
  UiText problem_text;
  bool can_retry = false;
};

// A camera whose script is a few frames, then the end of the video.
class EndingCamera final : public biometrics::Camera {
 public:
  explicit EndingCamera(int frames) : frames_(frames) {}
  Result<void> Open() override {
    state_ = biometrics::CameraState::kStreaming;
    next_ = 0;
    return {};
  }
  void Close() override { state_ = biometrics::CameraState::kClosed; }
  biometrics::CameraState state() const override { return state_; }
  Result<biometrics::CameraFrame> NextFrame(std::uint64_t, std::chrono::milliseconds) override {
    if (next_ >= frames_) {
      state_ = biometrics::CameraState::kLost;
      return Fail(Error(ErrorCode::kDeviceRemoved, "The camera stream stopped.", "video ended"));
    }
    ++next_;
    return biometrics::CameraFrame{cv::Mat(360, 640, CV_8UC3, cv::Scalar(190, 190, 190)),
                                   static_cast<std::uint64_t>(next_), std::chrono::steady_clock::now()};
  }
  std::optional<Error> lost_reason() const override { return std::nullopt; }
  std::string description() const override { return "ending"; }

 private:
  int frames_;
  int next_ = 0;
  biometrics::CameraState state_ = biometrics::CameraState::kClosed;
};

// A camera that takes its time to open, as a USB device can (up to the driver's 5 s timeout):
// Open() returns only once the test releases it, and Close() waits for an open in progress, as
// OpenCvCamera's does. Frames are a plain wall, one every 10 ms.
class SlowOpeningCamera final : public biometrics::Camera {
 public:
  Result<void> Open() override {
    std::unique_lock lock(mutex_);
    if (opening_ || state_ == biometrics::CameraState::kStreaming) overlapping_opens_ = true;
    opening_ = true;
    ++opens_;
    changed_.notify_all();
    changed_.wait(lock, [this] { return released_; });
    opening_ = false;
    state_ = biometrics::CameraState::kStreaming;
    changed_.notify_all();
    return {};
  }
  void Close() override {
    std::unique_lock lock(mutex_);
    changed_.wait(lock, [this] { return !opening_; });
    state_ = biometrics::CameraState::kClosed;
    changed_.notify_all();
  }
  biometrics::CameraState state() const override {
    std::lock_guard lock(mutex_);
    return state_;
  }
  Result<biometrics::CameraFrame> NextFrame(std::uint64_t after, std::chrono::milliseconds) override {
    std::unique_lock lock(mutex_);
    changed_.wait_for(lock, std::chrono::milliseconds(10),
                      [this] { return state_ != biometrics::CameraState::kStreaming; });
    if (state_ != biometrics::CameraState::kStreaming) return Fail(Error::Cancelled());
    return biometrics::CameraFrame{cv::Mat(360, 640, CV_8UC3, cv::Scalar(190, 190, 190)), after + 1,
                                   std::chrono::steady_clock::now()};
  }
  std::optional<Error> lost_reason() const override { return std::nullopt; }
  std::string description() const override { return "slow to open"; }

  bool WaitUntilOpening(std::chrono::milliseconds timeout = std::chrono::seconds(60)) {
    std::unique_lock lock(mutex_);
    return changed_.wait_for(lock, timeout, [this] { return opening_; });
  }
  void FinishOpening() {
    std::lock_guard lock(mutex_);
    released_ = true;
    changed_.notify_all();
  }
  bool WaitUntilClosed(std::chrono::milliseconds timeout = std::chrono::seconds(60)) {
    std::unique_lock lock(mutex_);
    return changed_.wait_for(lock, timeout, [this] {
      return !opening_ && state_ == biometrics::CameraState::kClosed;
    });
  }
  int opens() const {
    std::lock_guard lock(mutex_);
    return opens_;
  }
  bool overlapping_opens() const {
    std::lock_guard lock(mutex_);
    return overlapping_opens_;
  }

 private:
  mutable std::mutex mutex_;
  std::condition_variable changed_;
  biometrics::CameraState state_ = biometrics::CameraState::kClosed;
  bool opening_ = false;
  bool released_ = false;
  bool overlapping_opens_ = false;
  int opens_ = 0;
};

// Waits (off the UI thread's queue) until the camera reports closed.
bool EventuallyClosed(const biometrics::Camera& camera) {
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(60);
  while (camera.state() != biometrics::CameraState::kClosed) {
    if (std::chrono::steady_clock::now() > deadline) return false;
    std::this_thread::sleep_for(std::chrono::milliseconds(5));
  }
  return true;
}

class FixedMatcher final : public biometrics::face::FaceMatcher {
 public:
  explicit FixedMatcher(double score) : score_(score) {}
  Result<biometrics::face::FaceComparison> Compare(const cv::Mat& live, const cv::Mat& reference) override {
    compared_live = live.size();
    compared_reference = reference.size();
    biometrics::face::FaceComparison out;
    out.score = score_;
    out.band = biometrics::face::BandOf(score_);
    return out;
  }
  cv::Size compared_live, compared_reference;

 private:
  double score_;
};

class PortraitControllerTest : public WizardFixture {
 protected:
  std::unique_ptr<PortraitController> MakeController(biometrics::Camera* camera,
                                                     biometrics::face::FaceMatcher* matcher = nullptr) {
    auto controller = std::make_unique<PortraitController>(view_, *wizard_, camera, matcher);
    wizard_view_.on_enrollment = [c = controller.get()](const enrollment::Enrollment& e) { c->OnEnrollment(e); };
    return controller;
  }
  bool PortraitStored() {
    return wizard_view_.enrollment && wizard_view_.enrollment->portrait.image.has_value();
  }
  sim::SyntheticCameraOptions InPlace() {
    sim::SyntheticCameraOptions options;
    options.approach_frames = 0;
    return options;
  }

  FakePortraitView view_;
};

TEST(SyntheticCamera, FaceInPlace_PassesEveryPortraitCheck) {
  auto checker = biometrics::face::FaceChecker::LoadDefault();
  ASSERT_TRUE(checker) << checker.error().ToLogString();
  sim::SyntheticCameraOptions options;
  options.approach_frames = 0;
  auto report = checker->Analyze(sim::RenderSyntheticFaceFrame(options, 3));
  ASSERT_TRUE(report);
  std::string failed;
  for (const auto& c : report->checks) {
    if (!c.pass) failed += c.name + ": " + c.EnglishMessage() + "\n";
  }
  const auto& b = report->face_box;
  EXPECT_TRUE(report->Acceptable()) << failed << "box " << b.x << "," << b.y << " " << b.width << "x" << b.height
                                    << " eyes " << (report->eyes.left ? report->eyes.left->x : -1) << ","
                                    << (report->eyes.left ? report->eyes.left->y : -1) << " / "
                                    << (report->eyes.right ? report->eyes.right->x : -1) << ","
                                    << (report->eyes.right ? report->eyes.right->y : -1);
  if (const char* dump = std::getenv("KIOSK_DUMP_SYNTHETIC_FACE")) {
    cv::imwrite(dump, sim::RenderSyntheticFaceFrame(options, 3));
  }
}

TEST(SyntheticCamera, Approach_FaceTooSmallAndOffCentre) {
  auto checker = biometrics::face::FaceChecker::LoadDefault();
  ASSERT_TRUE(checker);
  auto report = checker->Analyze(sim::RenderSyntheticFaceFrame({}, 0));
  ASSERT_TRUE(report);
  EXPECT_FALSE(report->Acceptable());
}

TEST_F(PortraitControllerTest, GoodFace_AutoCaptures_StoresTheJpeg_ShowsTheChipPhotoNotCompared) {
  AdvanceToPortrait();
  sim::SyntheticCamera camera(InPlace());
  auto controller = MakeController(&camera);
  controller->Enter();
  ASSERT_TRUE(runner_.PumpUntil([&] { return !view_.captured.empty() || !view_.problems.empty(); }))
      << "no capture";
  ASSERT_TRUE(view_.problems.empty()) << view_.problems.front();
  EXPECT_EQ(controller->state(), PortraitState::kCaptured);
  EXPECT_EQ(view_.captured.cols * 4, view_.captured.rows * 3) << "ICAO token is 3:4";
  ASSERT_TRUE(runner_.PumpUntil([&] { return view_.comparison.has_value() && PortraitStored(); })) << Errors();
  EXPECT_FALSE(view_.comparison->chip_face.empty()) << "the demo chip's DG2 is shown beside";
  EXPECT_NE(view_.comparison->text.Render().find("Not compared"), std::string::npos) << view_.comparison->text.Render();
  EXPECT_FALSE(view_.comparison->score.has_value());
  const auto& portrait = wizard_view_.enrollment->portrait;
  EXPECT_FALSE(portrait.face_match.has_value());
  EXPECT_GE(portrait.quality, 0.5);
  EXPECT_LE(portrait.quality, 1.0);
  EXPECT_FALSE(portrait.confirmed);
  auto bytes = wizard_->LoadImage(*portrait.image);
  ASSERT_TRUE(bytes) << bytes.error().ToLogString();
  ASSERT_GT(bytes->size(), 1000u);
  EXPECT_EQ(bytes->data()[0], 0xFF);
  EXPECT_EQ(bytes->data()[1], 0xD8) << "a JPEG";
  EXPECT_EQ(camera.state(), biometrics::CameraState::kClosed) << "the camera is released after the capture";

  controller->Confirm();
  ASSERT_TRUE(runner_.PumpUntil([&] { return controller->state() == PortraitState::kConfirmed; })) << Errors();
  EXPECT_TRUE(wizard_view_.enrollment->portrait.confirmed);
  controller->Leave();
}

TEST_F(PortraitControllerTest, Approach_GuidesTheCitizenBeforeCapturing) {
  AdvanceToPortrait();
  sim::SyntheticCameraOptions options;
  options.approach_frames = 40;
  sim::SyntheticCamera camera(options);
  auto controller = MakeController(&camera);
  controller->Enter();
  ASSERT_TRUE(runner_.PumpUntil([&] { return !view_.captured.empty() || !view_.problems.empty(); },
                                std::chrono::seconds(60)));
  ASSERT_TRUE(view_.problems.empty()) << view_.problems.front();
  EXPECT_GT(view_.previews, 0);
  EXPECT_EQ(view_.preview_size, cv::Size(640, 360));
  EXPECT_TRUE(view_.GuidanceContains("move closer") || view_.GuidanceContains("not centred"))
      << (view_.guidance.empty() ? "no guidance" : view_.guidance.front());
  controller->Leave();
}

TEST_F(PortraitControllerTest, Retake_TakesANewPortraitThatReplacesTheFirst) {
  AdvanceToPortrait();
  sim::SyntheticCamera camera(InPlace());
  auto controller = MakeController(&camera);
  controller->Enter();
  ASSERT_TRUE(runner_.PumpUntil([&] { return PortraitStored() && view_.comparison.has_value(); })) << Errors();
  controller->Confirm();
  ASSERT_TRUE(runner_.PumpUntil([&] { return controller->state() == PortraitState::kConfirmed; }));

  view_.captured.release();
  controller->Retake();
  EXPECT_EQ(view_.last(), PortraitState::kStarting);
  // The synthetic face stands still, so the new photo may be byte-identical to the first: what
  // the officer relies on is a new capture that replaces the confirmed one and needs confirming.
  ASSERT_TRUE(runner_.PumpUntil([&] {
    return !view_.captured.empty() && PortraitStored() && !wizard_view_.enrollment->portrait.confirmed;
  })) << Errors();
  EXPECT_FALSE(view_.captured.empty());
  EXPECT_FALSE(wizard_view_.enrollment->portrait.confirmed) << "a retaken portrait needs confirming again";
  EXPECT_EQ(controller->state(), PortraitState::kCaptured);
  controller->Leave();
}

TEST_F(PortraitControllerTest, WithAMatcher_ShowsTheScoreAndStoresIt) {
  AdvanceToPortrait();
  sim::SyntheticCamera camera(InPlace());
  FixedMatcher matcher(0.83);
  auto controller = MakeController(&camera, &matcher);
  controller->Enter();
  ASSERT_TRUE(runner_.PumpUntil([&] { return PortraitStored() && view_.comparison.has_value(); })) << Errors();
  EXPECT_NE(view_.comparison->text.Render().find("0.83"), std::string::npos) << view_.comparison->text.Render();
  EXPECT_NE(view_.comparison->text.Render().find("Same person likely"), std::string::npos);
  EXPECT_EQ(view_.comparison->band, biometrics::face::FaceMatchBand::kSamePersonLikely);
  ASSERT_TRUE(wizard_view_.enrollment->portrait.face_match.has_value());
  EXPECT_DOUBLE_EQ(*wizard_view_.enrollment->portrait.face_match, 0.83);
  EXPECT_GT(matcher.compared_reference.area(), 0) << "compared with the chip photo";
  controller->Leave();
}

TEST_F(PortraitControllerTest, WithoutChipPhoto_SaysNotCompared) {
  AdvanceToPortrait(/*read_chip=*/false);
  sim::SyntheticCamera camera(InPlace());
  FixedMatcher matcher(0.9);
  auto controller = MakeController(&camera, &matcher);
  controller->Enter();
  ASSERT_TRUE(runner_.PumpUntil([&] { return PortraitStored() && view_.comparison.has_value(); })) << Errors();
  EXPECT_TRUE(view_.comparison->chip_face.empty());
  EXPECT_NE(view_.comparison->text.Render().find("chip photo is not available"), std::string::npos);
  controller->Leave();
  // The view renders the comparison again after a language switch, without a new capture.
  ASSERT_TRUE(i18n::SetLanguage("vi"));
  EXPECT_EQ(view_.comparison->text.Render(), "Chưa so sánh: không có ảnh trong chip.");
  ASSERT_TRUE(i18n::SetLanguage("en"));
  EXPECT_EQ(view_.comparison->text.Render(), "Not compared: the chip photo is not available.");
}

TEST_F(PortraitControllerTest, NoCamera_SaysSoAndOffersNoRetry) {
  AdvanceToPortrait();
  auto controller = MakeController(nullptr);
  controller->Enter();
  EXPECT_EQ(controller->state(), PortraitState::kCameraError);
  ASSERT_EQ(view_.problems.size(), 1u);
  EXPECT_EQ(view_.problems[0], "No camera is configured on this station.");
  EXPECT_FALSE(view_.can_retry);
  // The problem on screen follows a language switch (the view renders it again).
  ASSERT_TRUE(i18n::SetLanguage("vi"));
  EXPECT_EQ(view_.problem_text.Render(), "Trạm chưa được cấu hình camera.");
  ASSERT_TRUE(i18n::SetLanguage("en"));
  EXPECT_EQ(view_.problem_text.Render(), "No camera is configured on this station.");
}

TEST_F(PortraitControllerTest, Unplugged_ShowsWhyAndRetryRecovers) {
  AdvanceToPortrait();
  sim::SyntheticCameraOptions never_in_place;
  never_in_place.approach_frames = 100000;  // the face stays small: no capture
  sim::SyntheticCamera camera(never_in_place);
  auto controller = MakeController(&camera);
  controller->Enter();
  ASSERT_TRUE(runner_.PumpUntil([&] { return view_.previews > 0; }));
  camera.SimulateUnplug();
  ASSERT_TRUE(runner_.PumpUntil([&] { return !view_.problems.empty(); }));
  EXPECT_EQ(view_.problems.back(), "The camera was disconnected. Plug it in again.");
  EXPECT_TRUE(view_.can_retry);
  EXPECT_EQ(controller->state(), PortraitState::kCameraError);
  // The error's words (its key) follow a language switch: the view renders them again.
  ASSERT_TRUE(i18n::SetLanguage("vi"));
  EXPECT_EQ(view_.problem_text.Render(), "Camera đã bị ngắt kết nối. Hãy cắm lại.");
  ASSERT_TRUE(i18n::SetLanguage("en"));
  EXPECT_EQ(view_.problem_text.Render(), "The camera was disconnected. Plug it in again.");

  const int before = view_.previews;
  controller->Retry();
  ASSERT_TRUE(runner_.PumpUntil([&] { return view_.previews > before; })) << "the preview runs again";
  EXPECT_EQ(controller->state(), PortraitState::kLive);
  controller->Leave();
  EXPECT_TRUE(EventuallyClosed(camera)) << "the camera is released once the page is left";
}

TEST_F(PortraitControllerTest, VideoEnds_SaysTheStreamStopped) {
  AdvanceToPortrait();
  EndingCamera camera(3);
  auto controller = MakeController(&camera);
  controller->Enter();
  ASSERT_TRUE(runner_.PumpUntil([&] { return !view_.problems.empty(); }));
  EXPECT_EQ(view_.problems.back(), "The camera stream stopped.");
  EXPECT_TRUE(view_.can_retry);
  controller->Leave();
}

TEST_F(PortraitControllerTest, Preview_IsRateLimited_AndStopsOnLeave) {
  AdvanceToPortrait();
  sim::SyntheticCameraOptions never_in_place;
  never_in_place.approach_frames = 100000;
  sim::SyntheticCamera camera(never_in_place);
  auto controller = MakeController(&camera);
  controller->Enter();
  ASSERT_TRUE(runner_.PumpUntil([&] { return view_.previews > 0; }));
  const int start = view_.previews;
  runner_.PumpUntil([] { return false; }, std::chrono::milliseconds(1000));
  EXPECT_LE(view_.previews - start, 17) << "about 15 preview frames a second at most";
  controller->Leave();
  EXPECT_TRUE(EventuallyClosed(camera));
  const int after_leave = view_.previews;
  runner_.PumpUntil([] { return false; }, std::chrono::milliseconds(200));
  EXPECT_EQ(view_.previews, after_leave) << "nothing drawn after the page is left";
}

TEST_F(PortraitControllerTest, LeaveWhileTheCameraIsStillOpening_ReturnsAtOnce_AndShowsNothingLate) {
  AdvanceToPortrait();
  SlowOpeningCamera camera;
  auto controller = MakeController(&camera);
  controller->Enter();
  ASSERT_TRUE(camera.WaitUntilOpening());
  // Should Leave() wait for the camera, the test would hang: release it after a while anyway.
  std::jthread safety([&camera](std::stop_token stop) {
    for (int i = 0; i < 300 && !stop.stop_requested(); ++i) std::this_thread::sleep_for(std::chrono::milliseconds(10));
    camera.FinishOpening();
  });

  const auto before = std::chrono::steady_clock::now();
  controller->Leave();
  const auto took = std::chrono::steady_clock::now() - before;
  EXPECT_LT(took, std::chrono::milliseconds(200)) << "leaving the page must not wait for the camera";
  EXPECT_EQ(controller->state(), PortraitState::kIdle);

  const size_t states_at_leave = view_.states.size();
  safety.request_stop();
  safety.join();  // the camera finishes opening now, after the page was left
  ASSERT_TRUE(camera.WaitUntilClosed()) << "the stopped run closes the camera it opened late";
  runner_.PumpUntil([] { return false; }, std::chrono::milliseconds(300));
  EXPECT_EQ(view_.previews, 0) << "no frame of the stopped run is drawn";
  EXPECT_EQ(view_.states.size(), states_at_leave) << "no state change from the stopped run";
  EXPECT_TRUE(view_.problems.empty());
}

TEST_F(PortraitControllerTest, EnterAgainWhileTheCameraIsStillClosing_OpensItOnlyAfterwards) {
  AdvanceToPortrait();
  SlowOpeningCamera camera;
  auto controller = MakeController(&camera);
  controller->Enter();
  ASSERT_TRUE(camera.WaitUntilOpening());
  controller->Leave();
  controller->Enter();  // back to the page before the first open has finished
  EXPECT_EQ(controller->state(), PortraitState::kStarting);
  camera.FinishOpening();
  ASSERT_TRUE(runner_.PumpUntil([&] { return view_.previews > 0; })) << "the new run previews";
  EXPECT_EQ(controller->state(), PortraitState::kLive);
  EXPECT_EQ(camera.opens(), 2);
  EXPECT_FALSE(camera.overlapping_opens()) << "the new run waited for the old one to close the camera";
  EXPECT_TRUE(view_.GuidanceContains("No face found")) << "a plain wall";
  controller->Leave();
  EXPECT_TRUE(EventuallyClosed(camera));
}

TEST_F(PortraitControllerTest, DestroyedWhileTheCameraIsOpening_WaitsForItAndClosesIt) {
  AdvanceToPortrait();
  SlowOpeningCamera camera;
  auto controller = MakeController(&camera);
  controller->Enter();
  ASSERT_TRUE(camera.WaitUntilOpening());
  std::jthread release([&camera] {
    std::this_thread::sleep_for(std::chrono::milliseconds(100));
    camera.FinishOpening();
  });
  wizard_view_.on_enrollment = nullptr;
  controller.reset();  // the camera must outlive the controller: the destructor waits for it
  EXPECT_EQ(camera.state(), biometrics::CameraState::kClosed);
}

// The portrait step audits the stored capture with its quality; nothing about the citizen.
TEST_F(PortraitControllerTest, StoredCapture_AuditedWithQuality_WithoutCitizenData) {
  audit::AuditLogStationAuditor auditor(store().audit());
  wizard_->SetAuditor(&auditor);
  AdvanceToPortrait();
  sim::SyntheticCamera camera(InPlace());
  auto controller = MakeController(&camera);
  controller->Enter();
  ASSERT_TRUE(runner_.PumpUntil([&] { return PortraitStored(); })) << Errors();
  controller->Leave();
  auto entries = store().audit().List();
  ASSERT_TRUE(entries);
  std::vector<std::string> captures;
  for (const auto& e : *entries) {
    if (e.action == "capture.portrait") captures.push_back(e.outcome + " " + e.detail);
    for (const auto& text : {e.record, e.detail}) {
      EXPECT_EQ(text.find("001095012345"), std::string::npos) << text;
      EXPECT_EQ(text.find("MẪU"), std::string::npos) << text;
    }
  }
  const int quality = static_cast<int>(wizard_view_.enrollment->portrait.quality * 100 + 0.5);
  EXPECT_EQ(captures, std::vector<std::string>{"ok quality " + std::to_string(quality)});
}

}  // namespace
}  // namespace kiosk::ui
