#include "ui/controllers/portrait_controller.h"

#include <spdlog/spdlog.h>

#include <algorithm>
#include <cmath>
#include <cstdio>

#include <opencv2/imgcodecs.hpp>
#include <opencv2/imgproc.hpp>

#include "kiosk/biometrics/face/auto_capture.h"
#include "kiosk/biometrics/face/portrait.h"
#include "kiosk/core/i18n.h"

namespace kiosk::ui {

namespace face = biometrics::face;
using Clock = std::chrono::steady_clock;

namespace {

// The preview shows this many guidance lines: the first failing checks, in the checks' order
// (who is in the picture, then where, then pose, then image quality).
constexpr size_t kGuidanceLines = 2;

cv::Mat ToRgb(const cv::Mat& bgr) {
  cv::Mat rgb;
  cv::cvtColor(bgr, rgb, cv::COLOR_BGR2RGB);
  return rgb;
}

// The comparison's score (a cosine similarity) with two decimals, and what its band means.
UiText ComparisonText(double similarity, face::FaceMatchBand band) {
  char score[16];
  std::snprintf(score, sizeof score, "%.2f", similarity);
  switch (band) {
    case face::FaceMatchBand::kSamePersonLikely:
      return UiText::Tr(N_("Similarity to the chip photo: {0}. Same person likely."), std::vector<std::string>{score});
    case face::FaceMatchBand::kUncertain:
      return UiText::Tr(N_("Similarity to the chip photo: {0}. Uncertain: compare the two photos closely."),
                        std::vector<std::string>{score});
    case face::FaceMatchBand::kDifferentLikely:
      break;
  }
  return UiText::Tr(N_("Similarity to the chip photo: {0}. Different person likely: check who holds the card."),
                    std::vector<std::string>{score});
}

}  // namespace

struct PortraitController::Shared {
  std::atomic<bool> frame_in_flight{false};
  // Set on the UI thread when this preview run is stopped: whatever it posted afterwards (a late
  // frame, a camera error, even a capture) is dropped when it reaches the UI thread.
  std::atomic<bool> retired{false};
};

PortraitController::PortraitController(PortraitView& view, WizardController& wizard, biometrics::Camera* camera,
                                       face::FaceMatcher* matcher, PortraitOptions options)
    : view_(view), wizard_(wizard), camera_(camera), matcher_(matcher), options_(std::move(options)) {
  if (!options_.make_checker) options_.make_checker = [] { return face::FaceChecker::LoadDefault(); };
}

PortraitController::~PortraitController() {
  alive_.reset();
  StopPreview();
  // The one place that waits for the camera: the controller goes away with the station, and the
  // threads use it and the camera.
  if (closer_.joinable()) closer_.join();
}

void PortraitController::SetState(PortraitState state) {
  state_ = state;
  view_.ShowState(state);
}

void PortraitController::Enter() {
  entered_ = true;
  if (confirmed_in_enrollment_) {
    SetState(PortraitState::kConfirmed);
    return;
  }
  StartPreview();
}

void PortraitController::Leave() {
  entered_ = false;
  StopPreview();
  if (state_ != PortraitState::kConfirmed) state_ = PortraitState::kIdle;
}

void PortraitController::Retake() {
  if (!entered_) return;
  StartPreview();
}

void PortraitController::StartPreview() {
  StopPreview();
  if (camera_ == nullptr) {
    SetState(PortraitState::kCameraError);
    view_.ShowCameraProblem(UiText::Tr("No camera is configured on this station."), false);
    return;
  }
  SetState(PortraitState::kStarting);
  shared_ = std::make_shared<Shared>();
  // The previous run may still be closing the camera: the new run waits for that on its own
  // thread (never on the UI thread) before opening it again.
  preview_ = std::jthread([this, shared = shared_, previous = std::move(closer_)](std::stop_token stop) mutable {
    if (previous.joinable()) previous.join();
    if (!stop.stop_requested()) RunPreview(stop, shared);
  });
}

void PortraitController::StopPreview() {
  if (!preview_.joinable()) return;
  shared_->retired = true;
  preview_.request_stop();
  // Closing waits for the camera: a real device still opening holds Close() for up to its open
  // timeout (5 s), and the preview thread may be in the middle of a frame. Neither may freeze the
  // UI thread (this is called when the officer leaves the page), so a closer thread does it; the
  // next preview run and the destructor wait for it.
  closer_ = std::jthread([camera = camera_, preview = std::move(preview_)]() mutable {
    camera->Close();  // wakes an Open() or a NextFrame() waiting in the preview thread
    preview.join();   // the preview thread closes the camera again on its way out
  });
}

void PortraitController::RunPreview(std::stop_token stop, std::shared_ptr<Shared> shared) {
  std::weak_ptr<bool> alive = alive_;
  auto post = [this, alive, shared](std::function<void()> fn) {
    wizard_.runner().RunOnUiThread([alive, shared, fn = std::move(fn)] {
      if (!alive.expired() && !shared->retired) fn();
    });
  };
  auto problem = [this, &post](const Error& error) {
    const bool retry = error.code() != ErrorCode::kCorrupt && error.code() != ErrorCode::kNotFound;
    spdlog::warn("portrait preview: {}", error.ToLogString());
    post([this, text = UiText::Of(error), retry] {
      SetState(PortraitState::kCameraError);
      view_.ShowCameraProblem(text, retry);
    });
  };

  if (auto opened = camera_->Open(); !opened) {
    if (!stop.stop_requested()) problem(opened.error());
    return;
  }
  auto checker = options_.make_checker();
  if (!checker) {
    camera_->Close();
    problem(checker.error());
    return;
  }
  post([this] { SetState(PortraitState::kLive); });

  face::AutoCapture capture;
  std::uint64_t sequence = 0;
  Clock::time_point last_post{};
  Clock::time_point window_start = Clock::now();
  int window_frames = 0;
  double fps = 0;
  while (!stop.stop_requested()) {
    auto frame = camera_->NextFrame(sequence, options_.frame_timeout);
    if (stop.stop_requested()) break;
    if (!frame) {
      problem(frame.error());
      break;
    }
    sequence = frame->sequence;
    auto report = checker->Analyze(frame->image);
    if (!report) {
      problem(report.error());
      break;
    }
    ++window_frames;
    if (const auto now = Clock::now(); now - window_start >= std::chrono::seconds(1)) {
      fps = window_frames / std::chrono::duration<double>(now - window_start).count();
      window_start = now;
      window_frames = 0;
    }
    if (capture.Feed(frame->image, *report) == face::CaptureState::kCaptured) {
      // The token crop and its bytes are the session's rule (captures.h), made here off the
      // GUI thread and the wizard's worker.
      auto made = enrollment::MakePortraitCapture(capture.captured_frame(), capture.captured_report(),
                                                  checker->options());
      if (!made) {
        if (made.error().code() == ErrorCode::kInvalidArgument) {
          spdlog::warn("portrait crop failed, looking again: {}", made.error().ToLogString());
          capture.Retake();
          continue;
        }
        problem(made.error());
        break;
      }
      auto portrait = std::make_shared<enrollment::PortraitCapture>(std::move(*made));
      camera_->Close();  // the device is free before anyone is told the capture is done
      post([this, portrait] {
        OnCaptured(portrait->token, portrait->quality);
        StoreCapture(portrait);
      });
      break;
    }
    const auto now = Clock::now();
    if (now - last_post < options_.preview_interval || shared->frame_in_flight.load()) continue;
    last_post = now;
    const cv::Mat& image = frame->image;
    const double sx = static_cast<double>(options_.preview_size.width) / image.cols;
    const double sy = static_cast<double>(options_.preview_size.height) / image.rows;
    cv::Mat small;
    cv::resize(image, small, options_.preview_size, 0, 0, cv::INTER_AREA);
    PortraitOverlay overlay;
    overlay.acceptable = report->Acceptable();
    if (report->faces == 1) {
      const cv::Rect2f& b = report->face_box;
      overlay.face_box = cv::Rect(static_cast<int>(b.x * sx), static_cast<int>(b.y * sy),
                                  static_cast<int>(b.width * sx), static_cast<int>(b.height * sy));
    }
    for (const auto& check : report->checks) {
      if (!check.pass && overlay.guidance.size() < kGuidanceLines) overlay.guidance.push_back(UiText::Tr(check.message_key, check.args));
    }
    if (overlay.acceptable) overlay.guidance.push_back(UiText::Tr("Good: hold still…"));
    overlay.steady = capture.steady_frames();
    overlay.steady_needed = 5;
    overlay.fps = fps;
    shared->frame_in_flight = true;
    post([this, shared, rgb = ToRgb(small), overlay = std::move(overlay)] {
      shared->frame_in_flight = false;
      if (state_ == PortraitState::kLive) view_.ShowPreview(rgb, overlay);
    });
  }
  camera_->Close();
}

void PortraitController::OnCaptured(const cv::Mat& token, double quality) {
  SetState(PortraitState::kCaptured);
  view_.ShowCaptured(ToRgb(token), quality);
}

void PortraitController::StoreCapture(std::shared_ptr<const enrollment::PortraitCapture> portrait) {
  std::weak_ptr<bool> alive = alive_;
  face::FaceMatcher* matcher = matcher_;
  WizardController& wizard = wizard_;
  PortraitView& view = view_;
  wizard_.Apply([&wizard, &view, alive, matcher, portrait](enrollment::Visit& visit) -> Result<void> {
    auto compared = visit.SetPortrait(*portrait, matcher);
    if (!compared) return Fail(compared.error());
    PortraitComparison comparison;
    comparison.score = compared->score;
    if (!compared->chip_face.empty()) comparison.chip_face = ToRgb(compared->chip_face);
    using Status = enrollment::PortraitComparison::Status;
    switch (compared->status) {
      case Status::kNoChipPhoto:
        comparison.text = UiText::Tr("Not compared: the chip photo is not available.");
        break;
      case Status::kNoMatcher:
        comparison.text = UiText::Tr("Not compared: this station has no face matcher. Compare the two photos yourself.");
        break;
      case Status::kFailed:
        comparison.text = UiText::Tr("Not compared: {0}", {UiText::Of(*compared->error)});
        break;
      case Status::kCompared:
        comparison.band = compared->band;
        comparison.text = ComparisonText(*compared->score, compared->band);
        break;
    }
    wizard.runner().RunOnUiThread([alive, &view, comparison = std::move(comparison)] {
      if (!alive.expired()) view.ShowComparison(comparison);
    });
    wizard.Audit(audit::PortraitCaptured(static_cast<int>(portrait->quality * 100 + 0.5)));
    return {};
  });
}

void PortraitController::Confirm() {
  if (state_ != PortraitState::kCaptured) return;
  wizard_.Apply([](enrollment::Visit& visit) { return visit.ConfirmPortrait(); });
}

void PortraitController::OnEnrollment(const enrollment::Enrollment& enrollment) {
  const bool confirmed = enrollment.portrait.image.has_value() && enrollment.portrait.confirmed;
  const bool newly = confirmed && !confirmed_in_enrollment_;
  confirmed_in_enrollment_ = confirmed;
  if (newly && entered_) {
    StopPreview();
    SetState(PortraitState::kConfirmed);
  }
}

}  // namespace kiosk::ui
