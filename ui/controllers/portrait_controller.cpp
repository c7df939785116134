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

constexpr const char* kPortraitName = "portrait.jpg";
// The preview shows this many guidance lines: the first failing checks, in the checks' order
// (who is in the picture, then where, then pose, then image quality).
constexpr size_t kGuidanceLines = 2;

cv::Mat ToRgb(const cv::Mat& bgr) {
  cv::Mat rgb;
  cv::cvtColor(bgr, rgb, cv::COLOR_BGR2RGB);
  return rgb;
}

// 0-1 for the record: every check passed (so at least 0.5), and sharper pictures score higher,
// up to four times the sharpness threshold.
double PortraitQuality(const face::FrameReport& report, const face::FaceCheckOptions& options) {
  const double sharp = options.min_sharpness > 0 ? report.sharpness / (4 * options.min_sharpness) : 1;
  return 0.5 + 0.5 * std::clamp(sharp, 0.0, 1.0);
}

// The comparison's score (a cosine similarity) with two decimals, and what its band means.
UiText ComparisonText(const face::FaceComparison& compared) {
  char score[16];
  std::snprintf(score, sizeof score, "%.2f", compared.score);
  switch (compared.band) {
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
      auto token = face::CropToToken(capture.captured_frame(), capture.captured_report().eyes);
      if (!token) {
        spdlog::warn("portrait crop failed, looking again: {}", token.error().ToLogString());
        capture.Retake();
        continue;
      }
      auto jpeg = face::EncodePortrait(*token, face::PortraitFormat::kJpeg, options_.jpeg_quality);
      if (!jpeg) {
        problem(jpeg.error());
        break;
      }
      const double quality = PortraitQuality(capture.captured_report(), checker->options());
      auto bytes = std::make_shared<SecretBytes>(std::move(*jpeg));
      camera_->Close();  // the device is free before anyone is told the capture is done
      post([this, token = *token, bytes, quality] {
        OnCaptured(token, quality);
        StoreCapture(bytes, quality);
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

void PortraitController::StoreCapture(std::shared_ptr<SecretBytes> jpeg, double quality) {
  std::weak_ptr<bool> alive = alive_;
  face::FaceMatcher* matcher = matcher_;
  WizardController& wizard = wizard_;
  PortraitView& view = view_;
  wizard_.Apply([&wizard, &view, alive, matcher, jpeg, quality](enrollment::Workflow& w) -> Result<void> {
    auto ref = wizard.KeepImage(kPortraitName, std::span<const uint8_t>(jpeg->data(), jpeg->size()));
    if (!ref) return Fail(ref.error());
    PortraitComparison comparison;
    auto chip = wizard.ChipFace();
    if (chip && chip->size() > 0) {
      try {
        comparison.chip_face = cv::imdecode(cv::Mat(1, static_cast<int>(chip->size()), CV_8U,
                                                    const_cast<uint8_t*>(chip->data())),
                                            cv::IMREAD_COLOR);
      } catch (const cv::Exception& e) {
        spdlog::warn("chip photo not decodable: {}", e.what());
      }
    }
    if (comparison.chip_face.empty()) {
      comparison.text = UiText::Tr("Not compared: the chip photo is not available.");
    } else if (matcher == nullptr) {
      comparison.text = UiText::Tr("Not compared: this station has no face matcher. Compare the two photos yourself.");
    } else {
      cv::Mat live = cv::imdecode(cv::Mat(1, static_cast<int>(jpeg->size()), CV_8U, jpeg->data()), cv::IMREAD_COLOR);
      auto compared = matcher->Compare(live, comparison.chip_face);
      if (!compared) {
        comparison.text = UiText::Tr("Not compared: {0}", {UiText::Of(compared.error())});
      } else {
        comparison.score = compared->score;
        comparison.band = compared->band;
        comparison.text = ComparisonText(*compared);
      }
    }
    std::optional<double> score = comparison.score;
    if (!comparison.chip_face.empty()) comparison.chip_face = ToRgb(comparison.chip_face);
    wizard.runner().RunOnUiThread([alive, &view, comparison = std::move(comparison)] {
      if (!alive.expired()) view.ShowComparison(comparison);
    });
    if (auto stored = w.SetPortrait(*ref, quality, score); !stored) return stored;
    wizard.Audit(audit::PortraitCaptured(static_cast<int>(quality * 100 + 0.5)));
    return {};
  });
}

void PortraitController::Confirm() {
  if (state_ != PortraitState::kCaptured) return;
  wizard_.Apply([](enrollment::Workflow& w) { return w.ConfirmPortrait(); });
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
