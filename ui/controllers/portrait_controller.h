#pragma once
// The portrait step's screen logic, without any GUI: live preview with guidance, auto-capture,
// the captured portrait beside the chip photo, retake and confirm.
//
// Threads:
//  - the preview runs on the controller's OWN thread (opens the camera, reads frames, runs the
//    face checks and auto-capture); never on the GUI thread, never on the wizard's serial worker
//    (which must stay free for the wizard's own work);
//  - the token crop and its JPEG (enrollment::MakePortraitCapture) are made on the preview
//    thread; keeping it and comparing it with the chip photo (enrollment::Visit::SetPortrait)
//    run on the wizard's worker through WizardController::Apply;
//  - every view call happens on the UI thread (TaskRunner::RunOnUiThread). Preview frames are
//    posted at most every `preview_interval`, and never while the previous one is still waiting
//    to be drawn, so a slow screen cannot build a backlog;
//  - stopping (Leave, Retake, a confirmed portrait) never waits on the UI thread: the camera is
//    closed and the preview thread joined on a closer thread, and whatever the stopped run posts
//    late is dropped. The next run waits for that closer before opening the camera again; only
//    the destructor waits for it (the camera must outlive the controller).
//
// Every public method is called on the UI thread.

#include <atomic>
#include <functional>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <thread>
#include <vector>

#include <opencv2/core.hpp>

#include "kiosk/biometrics/camera.h"
#include "kiosk/biometrics/face/face_checks.h"
#include "kiosk/biometrics/face/face_matcher.h"
#include "kiosk/core/secret.h"
#include "ui/controllers/ui_text.h"
#include "ui/controllers/wizard_controller.h"

namespace kiosk::ui {

enum class PortraitState {
  kIdle,        // page not shown, camera closed
  kStarting,    // opening the camera
  kLive,        // preview running, waiting for a good picture
  kCaptured,    // a portrait was taken: retake or confirm
  kConfirmed,   // the officer confirmed it
  kCameraError  // no camera, unplugged, video ended…: words and (when it can help) a retry
};

// What is drawn over one preview frame. Coordinates are in the preview image's pixels.
struct PortraitOverlay {
  std::optional<cv::Rect> face_box;
  bool acceptable = false;               // every check passed on this frame
  std::vector<UiText> guidance;          // the failed checks' messages, most useful first
  int steady = 0, steady_needed = 0;     // auto-capture progress
  double fps = 0;                        // frames analysed per second
};

// The captured portrait beside the chip photo.
struct PortraitComparison {
  cv::Mat chip_face;          // BGR, empty when the chip photo is missing or unreadable
  UiText text;                // the score and what it means, or why not compared
  std::optional<double> score;  // cosine similarity (face_matcher.h)
  std::optional<biometrics::face::FaceMatchBand> band;
};

class PortraitView {
 public:
  virtual ~PortraitView() = default;
  virtual void ShowState(PortraitState state) = 0;
  // preview: RGB 8-bit, already scaled to preview size.
  virtual void ShowPreview(const cv::Mat& preview_rgb, const PortraitOverlay& overlay) = 0;
  // portrait_rgb: the ICAO token crop as it will be stored.
  virtual void ShowCaptured(const cv::Mat& portrait_rgb, double quality) = 0;
  virtual void ShowComparison(const PortraitComparison& comparison) = 0;
  // can_retry says whether Retry() may help. Texts are rendered by the view, again after a
  // language switch.
  virtual void ShowCameraProblem(const UiText& text, bool can_retry) = 0;
};

struct PortraitOptions {
  std::chrono::milliseconds preview_interval{66};   // about 15 preview frames per second
  cv::Size preview_size{640, 360};
  std::chrono::milliseconds frame_timeout{3000};
  // Makes the checker for the preview thread (one per thread: it is not thread-safe). Default:
  // FaceChecker::LoadDefault().
  std::function<Result<biometrics::face::FaceChecker>()> make_checker;
};

class PortraitController {
 public:
  // camera and matcher may be null (no camera configured; no matcher available).
  PortraitController(PortraitView& view, WizardController& wizard, biometrics::Camera* camera,
                     biometrics::face::FaceMatcher* matcher = nullptr, PortraitOptions options = {});
  ~PortraitController();
  PortraitController(const PortraitController&) = delete;
  PortraitController& operator=(const PortraitController&) = delete;

  // The page is shown: starts the preview (or shows the confirmed portrait again).
  void Enter();
  // The page is left: stops the preview at once; the camera is closed in the background.
  void Leave();
  void Retake();
  void Retry() { Retake(); }
  void Confirm();
  // The wizard's state after every change (UI thread).
  void OnEnrollment(const enrollment::Enrollment& enrollment);

  PortraitState state() const { return state_; }

 private:
  struct Shared;
  void StartPreview();
  void StopPreview();
  void SetState(PortraitState state);
  // Preview thread.
  void RunPreview(std::stop_token stop, std::shared_ptr<Shared> shared);
  void OnCaptured(const cv::Mat& token, double quality);  // UI thread
  void StoreCapture(std::shared_ptr<const enrollment::PortraitCapture> portrait);

  PortraitView& view_;
  WizardController& wizard_;
  biometrics::Camera* camera_;
  biometrics::face::FaceMatcher* matcher_;
  PortraitOptions options_;
  PortraitState state_ = PortraitState::kIdle;
  bool entered_ = false;
  bool confirmed_in_enrollment_ = false;
  std::shared_ptr<Shared> shared_;
  std::jthread preview_;
  std::jthread closer_;  // closes the camera and joins the last stopped preview run
  std::shared_ptr<bool> alive_ = std::make_shared<bool>(true);
};

}  // namespace kiosk::ui
