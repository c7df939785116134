// The wizard and `kiosk-cli enroll` seal the same record: the same citizen's inputs (QR text, the
// same emulated chip, one camera frame, two prints and an exception, a paper image, contact) go
// through the wizard's controllers with fake views and through the CLI's own code path
// (ui/cli/enroll_visit.h, as `kiosk-cli enroll --from` runs it), both into the same store. Every
// sealed item is byte-identical; in record.json only the draft number and the times differ.
#include <gtest/gtest.h>

#include <deque>
#include <fstream>
#include <mutex>

#include <nlohmann/json.hpp>
#include <opencv2/imgcodecs.hpp>

#include "drivers/sim/camera/synthetic_camera.h"
#include "drivers/sim/finger/simulated_fingerprint_sensor.h"
#include "kiosk/biometrics/finger/minutiae_matcher.h"
#include "kiosk/core/paths.h"
#include "kiosk/documents/paper_reader.h"
#include "tests/ui/controllers/capture_test_support.h"
#include "ui/cli/enroll_visit.h"
#include "ui/controllers/fingers_controller.h"
#include "ui/controllers/papers_controller.h"
#include "ui/controllers/portrait_controller.h"

namespace kiosk::ui {
namespace {

using enrollment::Finger;
using enrollment::Step;

// Always the same frame, as many times as asked.
class FixedFrameCamera final : public biometrics::Camera {
 public:
  explicit FixedFrameCamera(cv::Mat frame) : frame_(std::move(frame)) {}
  Result<void> Open() override {
    state_ = biometrics::CameraState::kStreaming;
    return {};
  }
  void Close() override { state_ = biometrics::CameraState::kClosed; }
  biometrics::CameraState state() const override { return state_; }
  Result<biometrics::CameraFrame> NextFrame(std::uint64_t after, std::chrono::milliseconds) override {
    if (state_ != biometrics::CameraState::kStreaming) return Fail(Error::Cancelled());
    return biometrics::CameraFrame{frame_.clone(), after + 1, std::chrono::steady_clock::now()};
  }
  std::optional<Error> lost_reason() const override { return std::nullopt; }
  std::string description() const override { return "fixed frame"; }

 private:
  cv::Mat frame_;
  std::atomic<biometrics::CameraState> state_{biometrics::CameraState::kClosed};
};

// Gives the queued prints in order.
class QueuedPrintSensor final : public biometrics::FingerprintSensor {
 public:
  void Queue(cv::Mat print) {
    std::lock_guard lock(mutex_);
    prints_.push_back(std::move(print));
  }
  Result<std::vector<biometrics::FingerprintDeviceInfo>> Enumerate() override {
    return std::vector<biometrics::FingerprintDeviceInfo>{{"queued", "Queued prints", "test", true}};
  }
  Result<void> Open(const std::string&) override { return {}; }
  Result<biometrics::FingerprintImage> Capture(std::chrono::milliseconds) override {
    std::lock_guard lock(mutex_);
    if (prints_.empty()) return Fail(Error(ErrorCode::kTimeout, "No finger was placed."));
    cv::Mat next = prints_.front();
    prints_.pop_front();
    return biometrics::FingerprintImage{next, 500};
  }
  void Cancel() override {}
  void Close() override {}

 private:
  std::mutex mutex_;
  std::deque<cv::Mat> prints_;
};

class NullPortraitView final : public PortraitView {
 public:
  void ShowState(PortraitState) override {}
  void ShowPreview(const cv::Mat&, const PortraitOverlay&) override {}
  void ShowCaptured(const cv::Mat&, double) override {}
  void ShowComparison(const PortraitComparison&) override { compared = true; }
  void ShowCameraProblem(const UiText& text, bool) override { problems.push_back(text.Render()); }
  bool compared = false;
  std::vector<std::string> problems;
};

class NullFingersView final : public FingersView {
 public:
  void ShowRows(const std::vector<FingerRow>&) override {}
  void ShowSelected(Finger) override {}
  void ShowCapturing(bool capturing) override {
    if (!capturing) ++ended;
  }
  void ShowAttempt(const cv::Mat&, int, bool ok, const UiText& advice) override {
    accepted = ok;
    last_advice = advice.Render();
  }
  void ShowProblem(const UiText& text) override { problems.push_back(text.Render()); }
  int ended = 0;
  bool accepted = false;
  std::string last_advice;
  std::vector<std::string> problems;
};

class NullPapersView final : public PapersView {
 public:
  void ShowError(const UiText& text) override { errors.push_back(text.Render()); }
  void ShowScanning(bool) override {}
  void ShowCapture(const PaperCaptureView&) override { ++captures; }
  void ShowField(const PaperFieldRow&) override {}
  void ClearCapture() override {}
  void ShowPapers(const std::vector<PaperListRow>& rows) override { papers = rows.size(); }
  int captures = 0;
  size_t papers = 0;
  std::vector<std::string> errors;
};

// The demo card's QR text (the chip emulator holds the same citizen).
constexpr const char* kDemoQr = "001095012345||NGUYỄN VĂN MẪU|14031995|Nam|Số 1 Phố Ví Dụ, Hà Nội|10042021";

class SealParityTest : public testing::WizardFixture {
 protected:
  void SetUp() override {
    WizardFixture::SetUp();
    if (::testing::Test::IsSkipped() || HasFatalFailure()) return;
    inputs_ = dir_ / "visit";
    std::filesystem::create_directories(inputs_);
    sim::SyntheticCameraOptions in_place;
    in_place.approach_frames = 0;
    ASSERT_TRUE(cv::imwrite((inputs_ / "portrait.png").string(), sim::RenderSyntheticFaceFrame(in_place, 3)));
    ASSERT_TRUE(cv::imwrite((inputs_ / "thumb.png").string(), sim::DrawSyntheticFingerprint(1)));
    ASSERT_TRUE(cv::imwrite((inputs_ / "index.png").string(), sim::DrawSyntheticFingerprint(7)));
    std::filesystem::copy_file(paths::ResourceDir() / "demo" / "papers" / "gplx.png", inputs_ / "gplx.png");
    const nlohmann::json manifest = {
        {"officer", officer_.username},
        {"card", {{"qr_text", kDemoQr}}},
        {"chip", {{"wait", 1}}},
        {"portrait", "portrait.png"},
        {"fingers",
         {{"right_thumb", "thumb.png"},
          {"right_index", "index.png"},
          {"left_index", {{"exception", "bandaged"}, {"note", "cut at work, back in May"}}}}},
        {"papers", {{{"type", "gplx"}, {"image", "gplx.png"}, {"original_sighted", true}}}},
        {"phone", "0912345678"},
        {"email", ""},
        {"consent", true}};
    std::ofstream(inputs_ / "enrollment.json") << manifest.dump(2);
  }

  cv::Mat Read(const char* name, int flags) { return cv::imread((inputs_ / name).string(), flags); }

  // The CLI's path: the manifest through enroll::DriveVisit, sealed into the store.
  std::string SealThroughTheCli() {
    auto manifest = cli::enroll::LoadManifest(inputs_);
    EXPECT_TRUE(manifest) << manifest.error().ToLogString();
    enrollment::FileDraftStore drafts(dir_ / "cli-drafts");
    auto visit = enrollment::Visit::Start(drafts, clock_, cli::enroll::OfficerOf(*manifest),
                                          cli::enroll::PolicyOf(*manifest));
    EXPECT_TRUE(visit);
    cli::enroll::Devices devices;
    devices.chip = chip_.get();
    devices.finger_matcher = &finger_matcher_;
    cli::enroll::Events events;
    auto driven = cli::enroll::DriveVisit(*visit, *manifest, devices, events);
    EXPECT_TRUE(driven) << driven.error().ToLogString();
    auto stored = visit->Seal(*records_, officer_);
    EXPECT_TRUE(stored) << stored.error().ToLogString();
    return stored ? stored->summary.record_number : std::string();
  }

  // The wizard's path: the same inputs through its controllers, as the station's pages drive them.
  std::string SealThroughTheWizard(const enrollment::Policy& policy) {
    testing::RecordingWizardView view;
    WizardController wizard(view, runner_, *drafts_, *records_, clock_, chip_.get(), policy);
    auto errors = [&view] { return view.errors.empty() ? std::string() : view.errors.back(); };
    wizard.Begin(officer_);
    runner_.Drain();
    wizard.SubmitQr(kDemoQr);
    wizard.Next();
    wizard.ReadChip();
    runner_.Drain();
    wizard.Next();
    runner_.Drain();
    EXPECT_EQ(view.step, Step::kPortrait) << errors();

    {
      FixedFrameCamera camera(Read("portrait.png", cv::IMREAD_COLOR));
      NullPortraitView portrait_view;
      PortraitController portrait(portrait_view, wizard, &camera, nullptr);
      view.on_enrollment = [&portrait](const enrollment::Enrollment& e) { portrait.OnEnrollment(e); };
      portrait.Enter();
      EXPECT_TRUE(runner_.PumpUntil([&] { return portrait_view.compared || !portrait_view.problems.empty(); }));
      portrait.Confirm();
      EXPECT_TRUE(runner_.PumpUntil([&] { return portrait.state() == PortraitState::kConfirmed; })) << errors();
      portrait.Leave();
      view.on_enrollment = nullptr;
    }
    wizard.Next();
    runner_.Drain();
    EXPECT_EQ(view.step, Step::kFingerprints) << errors();

    {
      QueuedPrintSensor sensor;
      NullFingersView fingers_view;
      FingersController fingers(fingers_view, wizard, &sensor, &finger_matcher_);
      view.on_enrollment = [&fingers](const enrollment::Enrollment& e) { fingers.OnEnrollment(e); };
      fingers.OnEnrollment(*view.enrollment);
      fingers.Enter();
      // The manifest's order (its keys sorted): left index, right index, right thumb.
      fingers.Select(Finger::kLeftIndex);
      fingers.RecordException(enrollment::FingerException::kBandaged, "cut at work, back in May");
      runner_.Drain();
      for (const auto& [which, file] : {std::pair{Finger::kRightIndex, "index.png"}, std::pair{Finger::kRightThumb, "thumb.png"}}) {
        const Finger finger = which;  // a plain variable: lambdas capture it
        sensor.Queue(Read(file, cv::IMREAD_GRAYSCALE));
        fingers.Select(finger);
        const int ended = fingers_view.ended;
        fingers.Capture();
        EXPECT_TRUE(runner_.PumpUntil([&] { return fingers_view.ended > ended; }));
        EXPECT_TRUE(runner_.PumpUntil([&] { return view.enrollment->fingers.contains(finger); }))
            << fingers_view.last_advice << errors();
      }
      fingers.Leave();
      view.on_enrollment = nullptr;
    }
    wizard.Next();
    runner_.Drain();
    EXPECT_EQ(view.step, Step::kPapers) << errors();

    {
      NullPapersView papers_view;
      PapersController papers(papers_view, wizard, runner_, nullptr, "");
      view.on_enrollment = [&papers](const enrollment::Enrollment& e) { papers.ShowEnrollment(e); };
      papers.ShowEnrollment(*view.enrollment);
      papers.ChooseType(documents::PaperType::kDrivingLicence);
      papers.ImportImage((inputs_ / "gplx.png").string());
      EXPECT_TRUE(runner_.PumpUntil([&] { return papers_view.captures > 0 || !papers_view.errors.empty(); }));
      papers.Confirm(true);
      EXPECT_TRUE(runner_.PumpUntil([&] { return view.enrollment->papers.size() == 1; }))
          << (papers_view.errors.empty() ? errors() : papers_view.errors.back());
      view.on_enrollment = nullptr;
    }
    wizard.Next();
    wizard.SubmitContact("0912345678", "", true, /*proceed=*/true);
    runner_.Drain();
    EXPECT_EQ(view.step, Step::kReviewSeal) << errors();
    wizard.Seal();
    runner_.Drain();
    EXPECT_TRUE(wizard.receipt().has_value()) << errors();
    return wizard.receipt() ? wizard.receipt()->record_number : std::string();
  }

  std::string Item(const std::string& record, const std::string& field) {
    auto bytes = records_->ReadItem(supervisor_, record, field);
    EXPECT_TRUE(bytes) << field << ": " << bytes.error().ToLogString();
    return bytes ? std::string(bytes->data(), bytes->data() + bytes->size()) : std::string();
  }

  std::filesystem::path inputs_;
  biometrics::finger::MinutiaeMatcher finger_matcher_;
};

TEST_F(SealParityTest, WizardAndCli_SealByteIdenticalContentForTheSameInputs) {
  if (!documents::PaperReader::Create()) GTEST_SKIP() << "tesseract-ocr-vie not installed";
  const std::string from_cli = SealThroughTheCli();
  ASSERT_FALSE(from_cli.empty());
  auto manifest = cli::enroll::LoadManifest(inputs_);
  ASSERT_TRUE(manifest);
  const std::string from_wizard = SealThroughTheWizard(cli::enroll::PolicyOf(*manifest));
  ASSERT_FALSE(from_wizard.empty());
  ASSERT_NE(from_cli, from_wizard);

  auto cli_items = records_->Items(supervisor_, from_cli);
  auto wizard_items = records_->Items(supervisor_, from_wizard);
  ASSERT_TRUE(cli_items && wizard_items);
  std::map<std::string, batch::ItemKind> cli_layout, wizard_layout;
  for (const auto& item : *cli_items) cli_layout[item.field] = item.kind;
  for (const auto& item : *wizard_items) wizard_layout[item.field] = item.kind;
  EXPECT_EQ(cli_layout, wizard_layout);
  // What the record holds: the chip's files, the portrait, two prints, the paper's page, the flags.
  for (const char* field : {"record.json", "portrait.jpg", "finger.right_thumb.png", "finger.right_index.png",
                            "paper.0.front.jpg", "chip.011d", "chip.0102", "review.flags"}) {
    EXPECT_TRUE(cli_layout.contains(field)) << field;
  }
  for (const auto& [field, kind] : cli_layout) {
    if (field == "record.json") continue;
    EXPECT_TRUE(Item(from_cli, field) == Item(from_wizard, field)) << field << " differs";
  }
  // record.json: the same but for the draft's number and the times.
  auto strip = [](const std::string& text) {
    auto json = nlohmann::json::parse(text);
    for (const char* key : {"draft_id", "created_at", "sealed_at"}) json.erase(key);
    return json.dump();
  };
  EXPECT_EQ(strip(Item(from_cli, "record.json")), strip(Item(from_wizard, "record.json")));
  const auto flags = records_->ReviewFlags(supervisor_, from_wizard);
  ASSERT_TRUE(flags);
  EXPECT_NE(std::find(flags->begin(), flags->end(), "biometric_exception"), flags->end());
  EXPECT_NE(std::find(flags->begin(), flags->end(), "portrait_not_compared"), flags->end());
}

}  // namespace
}  // namespace kiosk::ui
