// The fingerprint step's controller against a fake view and the demo's simulated sensor (drawn
// prints), on the real wizard and encrypted draft store.
#include "ui/controllers/fingers_controller.h"

#include <gtest/gtest.h>
#include <spdlog/sinks/ostream_sink.h>
#include <spdlog/spdlog.h>

#include <mutex>
#include <sstream>
#include <set>
#include <thread>

#include "drivers/sim/finger/simulated_fingerprint_sensor.h"
#include "kiosk/biometrics/finger/finger_quality.h"
#include "kiosk/biometrics/finger/minutiae_matcher.h"
#include "tests/ui/controllers/capture_test_support.h"

namespace kiosk::ui {
namespace {

using enrollment::Finger;
using enrollment::FingerException;
using enrollment::Step;
using testing::WizardFixture;

class FakeFingersView final : public FingersView {
 public:
  void ShowRows(const std::vector<FingerRow>& r) override { rows = r; }
  void ShowSelected(Finger f) override { selected = f; }
  void ShowCapturing(bool c) override {
    capturing = c;
    if (!c) ++captures_ended;
  }
  void ShowAttempt(const cv::Mat& print, int s, bool ok, const UiText& a) override {
    last_print = print;
    score = s;
    acceptable = ok;
    advice = a.Render();
    advice_text = a;
    ++attempts;
  }
  // Rendered as the page renders it when shown; the text is kept to render again after a switch.
  void ShowProblem(const UiText& text) override {
    problems.push_back(text.Render());
    problem_text = text;
  }
  const FingerRow* Row(Finger f) const {
    for (const auto& r : rows) {
      if (r.finger == f) return &r;
    }
    return nullptr;
  }

  std::vector<FingerRow> rows;
  std::optional<Finger> selected;
  bool capturing = false;
  int captures_ended = 0, attempts = 0, score = -1;
  bool acceptable = false;
  cv::Mat last_print;
  std::string advice;
  UiText advice_text, problem_text;
  std::vector<std::string> problems;
};

class AlwaysSameFinger final : public biometrics::finger::FingerMatcher {
 public:
  Result<bool> SameFinger(const cv::Mat&, const cv::Mat&) override { return true; }
};

// A matcher whose templates are numbered in the order they were made; "the same finger" when the
// kept template's number is in same_as. Records every call's thread and every comparison.
class NumberedTemplateMatcher final : public biometrics::finger::FingerMatcher {
 public:
  struct Numbered final : biometrics::finger::PrintTemplate {
    explicit Numbered(int n) : number(n) {}
    int number;
  };
  Result<bool> SameFinger(const cv::Mat&, const cv::Mat&) override {
    Record();
    return false;
  }
  Result<std::shared_ptr<const biometrics::finger::PrintTemplate>> MakeTemplate(const cv::Mat&) override {
    Record();
    std::lock_guard lock(mutex);
    if (fail_templates) return Fail(Error::InvalidArgument(N_("No fingerprint image to compare."), "fake"));
    return std::shared_ptr<const biometrics::finger::PrintTemplate>(std::make_shared<Numbered>(++made));
  }
  Result<bool> SameFingerTemplates(const biometrics::finger::PrintTemplate& fresh,
                                   const biometrics::finger::PrintTemplate& kept) override {
    Record();
    std::lock_guard lock(mutex);
    const int kept_number = dynamic_cast<const Numbered&>(kept).number;
    compared_with.push_back(kept_number);
    (void)fresh;
    if (fail_comparisons) return Fail(Error::Internal("fake comparison failure"));
    return same_as.contains(kept_number);
  }
  void Record() {
    std::lock_guard lock(mutex);
    threads.push_back(std::this_thread::get_id());
  }

  std::mutex mutex;
  std::vector<std::thread::id> threads;
  std::vector<int> compared_with;
  std::set<int> same_as;
  int made = 0;
  bool fail_templates = false;
  bool fail_comparisons = false;
};

constexpr const char* kCheckSkippedAdvice =
    "The check for the same finger captured twice could not run on this print; it was kept.";

class FingersControllerTest : public WizardFixture {
 protected:
  void Start(biometrics::FingerprintSensor* sensor, biometrics::finger::FingerMatcher* matcher = nullptr) {
    AdvanceToFingers();
    controller_ = std::make_unique<FingersController>(view_, *wizard_, sensor, matcher);
    wizard_view_.on_enrollment = [c = controller_.get()](const enrollment::Enrollment& e) { c->OnEnrollment(e); };
    controller_->OnEnrollment(*wizard_view_.enrollment);
    controller_->Enter();
  }
  // One capture of the selected finger, to its end.
  void CaptureOnce() {
    const int ended = view_.captures_ended;
    controller_->Capture();
    ASSERT_TRUE(view_.capturing);
    ASSERT_TRUE(runner_.PumpUntil([&] { return view_.captures_ended > ended; }));
    runner_.Drain();
  }
  // Captures the finger the view has selected and waits until its print is kept; returns it.
  Finger CaptureAndKeep() {
    const Finger finger = *view_.selected;
    CaptureOnce();
    EXPECT_TRUE(view_.acceptable) << view_.advice;
    EXPECT_TRUE(runner_.PumpUntil([&] { return Stored(finger) != nullptr; })) << Errors();
    return finger;
  }
  const enrollment::FingerItem* Stored(Finger f) {
    if (!wizard_view_.enrollment) return nullptr;
    auto it = wizard_view_.enrollment->fingers.find(f);
    return it == wizard_view_.enrollment->fingers.end() ? nullptr : &it->second;
  }
  void TearDown() override {
    if (controller_) controller_->Leave();
    controller_.reset();
    WizardFixture::TearDown();
  }

  sim::SimulatedFingerprintSensor sensor_{sim::SimulatedSensorOptions{std::chrono::milliseconds(10)}};
  FakeFingersView view_;
  std::unique_ptr<FingersController> controller_;
};

TEST(SimulatedFingerprint, DrawnPrint_IsAcceptable_SmudgedIsNot) {
  EXPECT_TRUE(biometrics::finger::ScoreFingerprint(sim::DrawSyntheticFingerprint(1)).acceptable);
  EXPECT_TRUE(biometrics::finger::ScoreFingerprint(sim::DrawSyntheticFingerprint(7)).acceptable);
  EXPECT_FALSE(biometrics::finger::ScoreFingerprint(sim::DrawSyntheticFingerprint(1, 0.9)).acceptable);
}

TEST_F(FingersControllerTest, Enter_ListsEveryRequiredFinger_AndSelectsTheFirst) {
  Start(&sensor_);
  ASSERT_EQ(view_.rows.size(), wizard_->policy().required_fingers.size());
  EXPECT_EQ(view_.selected, wizard_->policy().required_fingers.front());
  EXPECT_EQ(view_.rows.front().status.Render(), "To capture");
  EXPECT_FALSE(view_.rows.front().name.empty());
}

TEST_F(FingersControllerTest, GoodPrint_IsScored_StoredAsPng_AndTheNextFingerSelected) {
  Start(&sensor_);
  const Finger first = *view_.selected;
  CaptureOnce();
  EXPECT_TRUE(view_.acceptable) << view_.advice;
  EXPECT_GE(view_.score, 40);
  EXPECT_FALSE(view_.last_print.empty());
  ASSERT_TRUE(runner_.PumpUntil([&] { return Stored(first) != nullptr; })) << Errors();
  const auto* item = Stored(first);
  ASSERT_TRUE(item->image.has_value());
  EXPECT_EQ(item->quality, view_.score);
  auto bytes = wizard_->LoadImage(*item->image);
  ASSERT_TRUE(bytes) << bytes.error().ToLogString();
  ASSERT_GT(bytes->size(), 8u);
  EXPECT_EQ(bytes->data()[1], 'P');
  EXPECT_EQ(bytes->data()[2], 'N');
  EXPECT_EQ(bytes->data()[3], 'G');
  EXPECT_NE(view_.Row(first)->status.Render().find("Captured, quality"), std::string::npos);
  EXPECT_TRUE(view_.Row(first)->done);
  EXPECT_NE(view_.selected, first) << "moves on to the next finger";
}

TEST_F(FingersControllerTest, PoorPrints_ThreeAttempts_ThenAnExceptionWithANote) {
  Start(&sensor_);
  const Finger finger = *view_.selected;
  sensor_.SimulatePoorPrints(true);
  for (int i = 0; i < 3; ++i) {
    CaptureOnce();
    EXPECT_FALSE(view_.acceptable);
    EXPECT_FALSE(view_.advice.empty()) << "the officer is told what to do";
  }
  EXPECT_NE(view_.Row(finger)->status.Render().find("Attempt 3 of 3"), std::string::npos) << view_.Row(finger)->status.Render();
  EXPECT_EQ(Stored(finger), nullptr) << "a poor print is never stored";
  controller_->Capture();
  EXPECT_FALSE(view_.capturing);
  ASSERT_FALSE(view_.problems.empty());
  EXPECT_NE(view_.problems.back().find("No attempts left"), std::string::npos);

  controller_->RecordException(FingerException::kUnreadable, "   ");
  EXPECT_EQ(view_.problems.back(), "Say why this finger cannot be captured.");
  controller_->RecordException(FingerException::kUnreadable, "worn ridges (bricklayer)");
  ASSERT_TRUE(runner_.PumpUntil([&] { return Stored(finger) != nullptr; })) << Errors();
  EXPECT_EQ(Stored(finger)->exception, FingerException::kUnreadable);
  EXPECT_EQ(Stored(finger)->exception_note, "worn ridges (bricklayer)");
  EXPECT_EQ(view_.Row(finger)->status.Render(), "Exception: Unreadable (worn ridges (bricklayer))");
}

// The fingerprint step audits what it stored: a capture with its quality, an exception with its
// kind; never the officer's note (free text) nor anything about the citizen.
TEST_F(FingersControllerTest, CaptureAndException_AuditedWithoutCitizenData) {
  audit::AuditLogStationAuditor auditor(store().audit());
  wizard_->SetAuditor(&auditor);
  Start(&sensor_);
  const Finger first = CaptureAndKeep();
  ASSERT_FALSE(HasFailure());
  const Finger second = *view_.selected;
  ASSERT_NE(second, first);
  controller_->RecordException(FingerException::kBandaged, "NGUYỄN VĂN MẪU cut it at work");
  ASSERT_TRUE(runner_.PumpUntil([&] { return Stored(second) != nullptr; })) << Errors();

  auto entries = store().audit().List();
  ASSERT_TRUE(entries);
  std::vector<std::string> captures;
  for (const auto& e : *entries) {
    if (e.action == "capture.fingerprint") captures.push_back(e.outcome + " " + e.detail);
    for (const auto& text : {e.record, e.detail}) {
      EXPECT_EQ(text.find("001095012345"), std::string::npos) << text;
      EXPECT_EQ(text.find("MẪU"), std::string::npos) << text;
      EXPECT_EQ(text.find("cut it"), std::string::npos) << text;
    }
  }
  EXPECT_EQ(captures, (std::vector<std::string>{
                          "ok " + std::string(enrollment::ToString(first)) + "; quality " +
                              std::to_string(Stored(first)->quality),
                          "exception " + std::string(enrollment::ToString(second)) + "; bandaged"}));
}

TEST_F(FingersControllerTest, Cancel_EndsAWaitingCapture) {
  Start(&sensor_);
  sensor_.SimulateNoFinger(true);
  controller_->Capture();
  ASSERT_TRUE(view_.capturing);
  runner_.PumpUntil([] { return false; }, std::chrono::milliseconds(100));
  controller_->CancelCapture();
  // The bound guards a hang only; "cancelled" (not the sensor's own time-out) proves the cancel
  // ended the wait.
  ASSERT_TRUE(runner_.PumpUntil([&] { return !view_.capturing; }, std::chrono::seconds(60)));
  ASSERT_FALSE(view_.problems.empty());
  EXPECT_EQ(view_.problems.back(), "Capture cancelled.");
  EXPECT_EQ(view_.attempts, 0) << "a cancelled capture is not an attempt";
}

TEST_F(FingersControllerTest, SensorUnplugged_SaysSoInWords) {
  sensor_.SimulateUnplug(true);
  Start(&sensor_);
  CaptureOnce();
  ASSERT_FALSE(view_.problems.empty());
  EXPECT_EQ(view_.problems.back(), "No fingerprint sensor is connected.");
}

TEST_F(FingersControllerTest, NoSensor_SaysSo) {
  Start(nullptr);
  ASSERT_FALSE(view_.problems.empty());
  EXPECT_EQ(view_.problems.back(), "No fingerprint sensor is configured on this station.");
  controller_->Capture();
  EXPECT_FALSE(view_.capturing);
}

TEST_F(FingersControllerTest, SameFingerTwice_WithAMatcher_IsRefused) {
  AlwaysSameFinger matcher;
  Start(&sensor_, &matcher);
  const Finger first = CaptureAndKeep();
  ASSERT_FALSE(HasFailure());
  const Finger second = *view_.selected;
  ASSERT_NE(second, first);
  CaptureOnce();
  EXPECT_FALSE(view_.acceptable);
  EXPECT_NE(view_.advice.find("matches the " + FingerName(first).Render()), std::string::npos) << view_.advice;
  runner_.Drain();
  EXPECT_EQ(Stored(second), nullptr);
}

TEST_F(FingersControllerTest, EveryFingerDone_TheStepCanBeLeft) {
  Start(&sensor_);
  const auto required = wizard_->policy().required_fingers;
  for (size_t i = 0; i < required.size(); ++i) {
    const Finger finger = *view_.selected;
    if (i == 0) {
      controller_->RecordException(FingerException::kBandaged, "cut, healing");
    } else {
      CaptureOnce();
      ASSERT_TRUE(view_.acceptable) << view_.advice;
    }
    ASSERT_TRUE(runner_.PumpUntil([&] { return Stored(finger) != nullptr; })) << Errors();
  }
  wizard_->Next();
  runner_.Drain();
  EXPECT_EQ(wizard_view_.step, Step::kPapers) << Errors();
}

// The station's own matcher (as station_app wires it) with the citizen placing the first finger
// again on the second slot: refused with both fingers named; the right finger is then accepted.
TEST_F(FingersControllerTest, SameFingerPlacedAgain_StationMatcher_IsRefusedThenTheRightOneAccepted) {
  biometrics::finger::MinutiaeMatcher matcher;
  Start(&sensor_, &matcher);
  const Finger first = CaptureAndKeep();
  ASSERT_FALSE(HasFailure());
  const Finger second = *view_.selected;
  sensor_.SimulateSameFingerAgain(true);
  CaptureOnce();
  EXPECT_GE(view_.score, 40) << "refused for the duplicate, not for its quality";
  EXPECT_FALSE(view_.acceptable);
  EXPECT_EQ(view_.advice, "This print matches the " + FingerName(first).Render() + " already captured: place the " +
                              FingerName(second).Render() + ".");
  runner_.Drain();
  EXPECT_EQ(Stored(second), nullptr);
  sensor_.SimulateSameFingerAgain(false);
  CaptureOnce();
  EXPECT_TRUE(view_.acceptable) << view_.advice;
  ASSERT_TRUE(runner_.PumpUntil([&] { return Stored(second) != nullptr; })) << Errors();
}

// The duplicate check runs on the capture thread: the UI thread (the test's, which pumps the
// posted callbacks) never calls the matcher; the duplicate is still refused naming both fingers.
TEST_F(FingersControllerTest, DuplicateCheck_RunsOffTheUiThread_AndStillRefusesNamingBothFingers) {
  NumberedTemplateMatcher matcher;
  Start(&sensor_, &matcher);
  const Finger first = CaptureAndKeep();
  ASSERT_FALSE(HasFailure());
  const Finger second = *view_.selected;
  matcher.same_as = {1};
  CaptureOnce();
  EXPECT_FALSE(view_.acceptable);
  EXPECT_EQ(view_.advice, "This print matches the " + FingerName(first).Render() + " already captured: place the " +
                              FingerName(second).Render() + ".");
  runner_.Drain();
  EXPECT_EQ(Stored(second), nullptr);
  std::lock_guard lock(matcher.mutex);
  ASSERT_EQ(matcher.threads.size(), 3u) << "one template per capture, one comparison";
  for (const auto& id : matcher.threads) EXPECT_NE(id, std::this_thread::get_id());
  EXPECT_EQ(matcher.compared_with, std::vector<int>{1}) << "the kept print is not analysed again";
}

TEST_F(FingersControllerTest, MatcherCannotCompare_PrintAccepted_WithAdviceThatTheCheckDidNotRun) {
  NumberedTemplateMatcher matcher;
  Start(&sensor_, &matcher);
  const Finger first = CaptureAndKeep();
  ASSERT_FALSE(HasFailure());
  const Finger second = *view_.selected;
  matcher.fail_comparisons = true;
  std::ostringstream logged;
  auto previous = spdlog::default_logger();
  auto capture = std::make_shared<spdlog::logger>("fingers-test", std::make_shared<spdlog::sinks::ostream_sink_mt>(logged));
  spdlog::set_default_logger(capture);
  CaptureOnce();
  spdlog::set_default_logger(previous);
  EXPECT_TRUE(view_.acceptable);
  EXPECT_NE(view_.advice.find(kCheckSkippedAdvice), std::string::npos) << view_.advice;
  ASSERT_TRUE(runner_.PumpUntil([&] { return Stored(second) != nullptr; })) << Errors();
  // Not silent: the failure is logged with its code and detail (and nothing of the print).
  EXPECT_NE(logged.str().find("duplicate check against " + std::string(enrollment::ToString(first)) + " failed"),
            std::string::npos) << logged.str();
  EXPECT_NE(logged.str().find("fake comparison failure"), std::string::npos) << logged.str();
}

TEST_F(FingersControllerTest, MatcherCannotMakeATemplate_PrintAccepted_WithAdviceThatTheCheckDidNotRun) {
  NumberedTemplateMatcher matcher;
  matcher.fail_templates = true;
  Start(&sensor_, &matcher);
  const Finger first = *view_.selected;
  CaptureOnce();
  EXPECT_TRUE(view_.acceptable);
  EXPECT_NE(view_.advice.find(kCheckSkippedAdvice), std::string::npos) << view_.advice;
  ASSERT_TRUE(runner_.PumpUntil([&] { return Stored(first) != nullptr; })) << Errors();
}

// The officer redoes the first finger: its new template replaces the old one, so the next finger
// is compared with the new print only.
TEST_F(FingersControllerTest, RedoneFinger_ItsTemplateIsReplaced) {
  NumberedTemplateMatcher matcher;
  Start(&sensor_, &matcher);
  const Finger first = CaptureAndKeep();
  ASSERT_FALSE(HasFailure());
  const Finger second = *view_.selected;
  controller_->Select(first);
  CaptureOnce();  // template 2 replaces template 1
  ASSERT_TRUE(view_.acceptable) << view_.advice;
  runner_.Drain();
  controller_->Select(second);
  matcher.same_as = {1};  // like the first finger's old print: no longer kept
  CaptureOnce();
  EXPECT_TRUE(view_.acceptable) << view_.advice;
  ASSERT_TRUE(runner_.PumpUntil([&] { return Stored(second) != nullptr; })) << Errors();
  {
    std::lock_guard lock(matcher.mutex);
    EXPECT_EQ(matcher.compared_with, std::vector<int>{2});
  }
  // An exception on the first finger drops its template: nothing left to compare the third with.
  controller_->Select(first);
  controller_->RecordException(FingerException::kBandaged, "cut, healing");
  runner_.Drain();
  const auto required = wizard_->policy().required_fingers;
  ASSERT_GE(required.size(), 3u);
  controller_->Select(required[2] == first || required[2] == second ? required[0] : required[2]);
  matcher.same_as = {2};
  CaptureOnce();
  EXPECT_TRUE(view_.acceptable) << view_.advice;
  std::lock_guard lock(matcher.mutex);
  EXPECT_EQ(matcher.compared_with, (std::vector<int>{2, 3})) << "the second finger's template (3) only";
}

// The advice and the rows the controller wrote follow a language switch: the view renders them
// again (finger names inside a sentence included), with no new capture.
TEST_F(FingersControllerTest, LanguageSwitch_AdviceProblemAndRowsRenderAgainInTheNewLanguage) {
  NumberedTemplateMatcher matcher;
  Start(&sensor_, &matcher);
  const Finger first = CaptureAndKeep();
  ASSERT_FALSE(HasFailure());
  const Finger second = *view_.selected;
  matcher.same_as = {1};
  CaptureOnce();
  ASSERT_FALSE(view_.acceptable);
  const std::string english_advice = view_.advice;
  const std::string first_en = FingerName(first).Render();
  controller_->RecordException(FingerException::kBandaged, "  ");
  ASSERT_EQ(view_.problems.back(), "Say why this finger cannot be captured.");

  ASSERT_TRUE(i18n::SetLanguage("vi"));
  const std::string first_vi = FingerName(first).Render(), second_vi = FingerName(second).Render();
  EXPECT_NE(first_vi, first_en);
  EXPECT_EQ(view_.advice_text.Render(), "Vân tay này trùng với " + first_vi + " đã lấy: hãy đặt " + second_vi + ".");
  EXPECT_EQ(view_.problem_text.Render(), i18n::tr("Say why this finger cannot be captured."));
  EXPECT_NE(view_.problem_text.Render(), "Say why this finger cannot be captured.") << "a Vietnamese catalog is loaded";
  EXPECT_EQ(view_.Row(first)->name.Render(), first_vi);
  EXPECT_TRUE(view_.Row(first)->status.Render().starts_with("Đã lấy, chất lượng ")) << view_.Row(first)->status.Render();
  EXPECT_EQ(view_.Row(second)->status.Render().find("Attempt"), std::string::npos) << view_.Row(second)->status.Render();

  ASSERT_TRUE(i18n::SetLanguage("en"));
  EXPECT_EQ(view_.advice_text.Render(), english_advice);
  EXPECT_EQ(view_.problem_text.Render(), "Say why this finger cannot be captured.");
  EXPECT_TRUE(view_.Row(first)->status.Render().starts_with("Captured, quality ")) << view_.Row(first)->status.Render();
}

}  // namespace
}  // namespace kiosk::ui
