#pragma once
// The fingerprint step's screen logic, without any GUI: a presenter over the visit's finger slots
// (enrollment::Visit: attempts per finger, the best attempt, exceptions with a required note, the
// duplicate-finger check). It captures on the sensor off the GUI thread (cancellable), shows the
// quality score with feedback the officer can act on, and hands each capture to the visit.
//
// Threads: captures run on the controller's own thread (the sensor's calls block until a finger
// is placed), and so does the preparation of the print (enrollment::CheckFingerPrint: score, PNG,
// the duplicate check against the kept templates snapshotted on the UI thread when the capture
// starts). The visit decides on the wizard's worker (WizardController::Apply); every view call
// happens on the UI thread. Every public method is called on the UI thread.

#include <atomic>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <thread>
#include <vector>

#include <opencv2/core.hpp>

#include "kiosk/biometrics/finger/finger_matcher.h"
#include "kiosk/biometrics/fingerprint_sensor.h"
#include "ui/controllers/ui_text.h"
#include "ui/controllers/wizard_controller.h"

namespace kiosk::ui {

// One finger's line in the list.
struct FingerRow {
  enrollment::Finger finger = enrollment::Finger::kRightThumb;
  UiText name;            // "Right thumb"
  UiText status;          // "Captured, quality 72", "Exception: bandaged — …", "To capture"
  int quality = -1;       // of the stored or last attempt, -1 when none
  int attempts = 0;
  bool done = false;      // captured at quality or excepted
};

class FingersView {
 public:
  virtual ~FingersView() = default;
  virtual void ShowRows(const std::vector<FingerRow>& rows) = 0;
  virtual void ShowSelected(enrollment::Finger finger) = 0;
  // A capture is waiting for the finger (the Cancel button applies) or ended.
  virtual void ShowCapturing(bool capturing) = 0;
  // The last capture of the selected finger: the print (grey), its score 0-100 and what to do.
  // Texts (here and below) are rendered by the view, again after a language switch.
  virtual void ShowAttempt(const cv::Mat& print_grey, int score, bool acceptable, const UiText& advice) = 0;
  // A problem in words (sensor missing, unplugged, timeout, note missing…).
  virtual void ShowProblem(const UiText& text) = 0;
};

struct FingersOptions {
  std::chrono::milliseconds capture_timeout{15000};
};

class FingersController {
 public:
  // sensor and matcher may be null (none configured; no matcher available).
  FingersController(FingersView& view, WizardController& wizard, biometrics::FingerprintSensor* sensor,
                    biometrics::finger::FingerMatcher* matcher = nullptr, FingersOptions options = {});
  ~FingersController();
  FingersController(const FingersController&) = delete;
  FingersController& operator=(const FingersController&) = delete;

  // The page is shown / left: the sensor is opened on the capture thread, and closed on leave.
  void Enter();
  void Leave();
  void Select(enrollment::Finger finger);
  // Captures the selected finger (retry is the same call).
  void Capture();
  void CancelCapture();
  // note is required; refused with a message in the view when empty.
  void RecordException(enrollment::FingerException exception, const std::string& note);
  // The selected finger's attempts are used up below the threshold: keep the best one anyway
  // (the record is flagged for the supervisor).
  void KeepBestAttempt();
  void OnEnrollment(const enrollment::Enrollment& enrollment);

  std::optional<enrollment::Finger> selected() const { return selected_; }
  bool capturing() const { return capturing_; }

 private:
  void Join();
  void PublishRows();
  void SelectNextOpen();
  // Capture thread.
  void RunCapture(std::stop_token stop, enrollment::Finger finger, bool open_first,
                  enrollment::FingerTemplates others);
  // UI thread: hands a prepared print to the visit, then shows what became of it.
  void Submit(enrollment::Finger finger, cv::Mat print, std::shared_ptr<enrollment::FingerPrintCheck> check);
  const enrollment::FingerProgress* Progress(enrollment::Finger finger) const;

  FingersView& view_;
  WizardController& wizard_;
  biometrics::FingerprintSensor* sensor_;
  biometrics::finger::FingerMatcher* matcher_;
  FingersOptions options_;
  std::vector<enrollment::Finger> required_;
  std::map<enrollment::Finger, enrollment::FingerItem> stored_;
  std::optional<enrollment::Finger> selected_;
  std::string draft_id_;
  bool entered_ = false;
  std::atomic<bool> sensor_open_{false};  // written on the capture thread
  bool capturing_ = false;
  std::jthread capture_;
  std::shared_ptr<bool> alive_ = std::make_shared<bool>(true);
};

// "Right thumb".
UiText FingerName(enrollment::Finger finger);
// "Missing", "Bandaged"….
UiText FingerExceptionName(enrollment::FingerException exception);

}  // namespace kiosk::ui
