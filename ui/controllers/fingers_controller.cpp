#include "ui/controllers/fingers_controller.h"

#include <spdlog/spdlog.h>

#include <algorithm>

#include <opencv2/imgcodecs.hpp>

#include "kiosk/core/secret.h"

namespace kiosk::ui {

using enrollment::Finger;
using enrollment::FingerException;
using biometrics::finger::SlotStatus;

namespace {

UiText NoAttemptsLeft() {
  return UiText::Tr("No attempts left for this finger: keep the best attempt, or record an exception (unreadable) with a note.");
}

std::string Trimmed(const std::string& text) {
  const auto first = text.find_first_not_of(" \t\r\n");
  if (first == std::string::npos) return {};
  return text.substr(first, text.find_last_not_of(" \t\r\n") - first + 1);
}

}  // namespace

UiText FingerName(Finger finger) {
  switch (finger) {
    case Finger::kRightThumb: return UiText::Tr("Right thumb");
    case Finger::kRightIndex: return UiText::Tr("Right index finger");
    case Finger::kRightMiddle: return UiText::Tr("Right middle finger");
    case Finger::kRightRing: return UiText::Tr("Right ring finger");
    case Finger::kRightLittle: return UiText::Tr("Right little finger");
    case Finger::kLeftThumb: return UiText::Tr("Left thumb");
    case Finger::kLeftIndex: return UiText::Tr("Left index finger");
    case Finger::kLeftMiddle: return UiText::Tr("Left middle finger");
    case Finger::kLeftRing: return UiText::Tr("Left ring finger");
    case Finger::kLeftLittle: return UiText::Tr("Left little finger");
  }
  return UiText::Literal(std::string(ToString(finger)));
}

UiText FingerExceptionName(FingerException exception) {
  switch (exception) {
    case FingerException::kMissing: return UiText::Tr("Missing");
    case FingerException::kAmputated: return UiText::Tr("Amputated");
    case FingerException::kBandaged: return UiText::Tr("Bandaged");
    case FingerException::kUnreadable: return UiText::Tr("Unreadable");
  }
  return UiText::Literal(std::string(ToString(exception)));
}

FingersController::FingersController(FingersView& view, WizardController& wizard,
                                     biometrics::FingerprintSensor* sensor,
                                     biometrics::finger::FingerMatcher* matcher, FingersOptions options)
    : view_(view),
      wizard_(wizard),
      sensor_(sensor),
      matcher_(matcher),
      options_(options),
      required_(wizard.policy().required_fingers) {}

FingersController::~FingersController() {
  alive_.reset();
  if (sensor_ != nullptr) sensor_->Cancel();
  Join();
  if (sensor_ != nullptr && sensor_open_) sensor_->Close();
}

void FingersController::Join() {
  if (capture_.joinable()) capture_.join();
}

void FingersController::Enter() {
  entered_ = true;
  PublishRows();
  if (!selected_) SelectNextOpen();
  if (sensor_ == nullptr) {
    view_.ShowProblem(UiText::Tr("No fingerprint sensor is configured on this station."));
    return;
  }
  if (sensor_open_ || capturing_) return;
  // Open the sensor now, off the GUI thread, so a missing one is reported before the first capture.
  Join();
  std::weak_ptr<bool> alive = alive_;
  capture_ = std::jthread([this, alive] {
    auto opened = sensor_->Open("");
    if (opened) {
      sensor_open_ = true;
      return;
    }
    wizard_.runner().RunOnUiThread([this, alive, error = opened.error()] {
      if (!alive.expired() && !capturing_) view_.ShowProblem(UiText::Of(error));
    });
  });
}

void FingersController::Leave() {
  entered_ = false;
  CancelCapture();
  Join();
  if (sensor_ != nullptr && sensor_open_) sensor_->Close();
  sensor_open_ = false;
}

void FingersController::Select(Finger finger) {
  if (capturing_) return;
  selected_ = finger;
  view_.ShowSelected(finger);
}

void FingersController::SelectNextOpen() {
  for (Finger finger : required_) {
    auto it = stored_.find(finger);
    const bool done = it != stored_.end() && (it->second.image || it->second.exception);
    if (!done) {
      Select(finger);
      return;
    }
  }
}

const enrollment::FingerProgress* FingersController::Progress(Finger finger) const {
  for (const auto& progress : wizard_.finger_progress()) {
    if (progress.finger == finger) return &progress;
  }
  return nullptr;
}

void FingersController::PublishRows() {
  std::vector<FingerRow> rows;
  for (Finger finger : required_) {
    FingerRow row;
    row.finger = finger;
    row.name = FingerName(finger);
    const auto* progress = Progress(finger);
    if (progress != nullptr) {
      row.attempts = progress->attempts;
      row.quality = progress->best_score;
    }
    const auto it = stored_.find(finger);
    if (it != stored_.end() && it->second.exception) {
      row.done = true;
      row.quality = -1;
      row.status = UiText::Tr("Exception: {0} ({1})", {FingerExceptionName(*it->second.exception),
                                                        UiText::Literal(it->second.exception_note)});
    } else if (it != stored_.end() && it->second.image) {
      row.done = true;
      row.quality = it->second.quality;
      row.status = it->second.kept_below_threshold
                       ? UiText::Tr("Kept below the threshold, quality {0}/100", {std::to_string(it->second.quality)})
                       : UiText::Tr("Captured, quality {0}/100", {std::to_string(it->second.quality)});
    } else if (row.attempts > 0 && progress != nullptr) {
      row.status = UiText::Tr("Attempt {0} of {1}: best quality {2}/100, too low",
                              {std::to_string(row.attempts), std::to_string(progress->max_attempts),
                               std::to_string(row.quality)});
    } else {
      row.status = UiText::Tr("To capture");
    }
    rows.push_back(std::move(row));
  }
  view_.ShowRows(rows);
}

void FingersController::Capture() {
  if (capturing_ || !entered_) return;
  if (sensor_ == nullptr) {
    view_.ShowProblem(UiText::Tr("No fingerprint sensor is configured on this station."));
    return;
  }
  if (!selected_) {
    view_.ShowProblem(UiText::Tr("Choose a finger first."));
    return;
  }
  const Finger finger = *selected_;
  if (const auto* progress = Progress(finger); progress != nullptr && progress->status == SlotStatus::kNeedsDecision) {
    view_.ShowProblem(NoAttemptsLeft());
    return;
  }
  Join();
  capturing_ = true;
  view_.ShowCapturing(true);
  // The other fingers' templates as the visit keeps them now: the capture thread compares
  // against these, and the visit refuses a match only if that template is still kept.
  enrollment::FingerTemplates others = wizard_.finger_templates();
  others.erase(finger);
  capture_ = std::jthread([this, finger, open_first = !sensor_open_, others = std::move(others)](
                              std::stop_token stop) mutable { RunCapture(stop, finger, open_first, std::move(others)); });
}

void FingersController::CancelCapture() {
  if (capturing_ && sensor_ != nullptr) {
    capture_.request_stop();
    sensor_->Cancel();
  }
}

void FingersController::RunCapture(std::stop_token stop, Finger finger, bool open_first,
                                   enrollment::FingerTemplates others) {
  std::weak_ptr<bool> alive = alive_;
  auto post = [this, alive](std::function<void()> fn) {
    wizard_.runner().RunOnUiThread([alive, fn = std::move(fn)] {
      if (!alive.expired()) fn();
    });
  };
  auto fail = [this, &post](const Error& error) {
    post([this, error] {
      capturing_ = false;
      view_.ShowCapturing(false);
      view_.ShowProblem(error.code() == ErrorCode::kCancelled ? UiText::Tr("Capture cancelled.") : UiText::Of(error));
    });
  };
  if (open_first) {
    if (auto opened = sensor_->Open(""); !opened) {
      fail(opened.error());
      return;
    }
    sensor_open_ = true;
  }
  if (stop.stop_requested()) {
    fail(Error::Cancelled());
    return;
  }
  auto captured = sensor_->Capture(options_.capture_timeout);
  if (!captured) {
    if (captured.error().code() == ErrorCode::kDeviceRemoved) sensor_open_ = false;
    fail(captured.error());
    return;
  }
  auto check = enrollment::CheckFingerPrint(captured->image, captured->ppi,
                                           wizard_.policy().minimum_finger_quality, matcher_, others);
  if (!check) {
    fail(check.error());
    return;
  }
  post([this, finger, image = captured->image,
        check = std::make_shared<enrollment::FingerPrintCheck>(std::move(*check))] {
    capturing_ = false;
    view_.ShowCapturing(false);
    Submit(finger, image, check);
  });
}

void FingersController::Submit(Finger finger, cv::Mat print, std::shared_ptr<enrollment::FingerPrintCheck> check) {
  std::weak_ptr<bool> alive = alive_;
  WizardController& wizard = wizard_;
  wizard_.Apply([this, &wizard, alive, finger, print, check](enrollment::Visit& visit) -> Result<void> {
    auto outcome = visit.RecordFingerAttempt(finger, std::move(*check));
    if (!outcome) return Fail(outcome.error());
    if (outcome->kept) wizard.Audit(audit::FingerprintCaptured(enrollment::ToString(finger), outcome->score));
    wizard.runner().RunOnUiThread([this, alive, finger, print, outcome = *outcome] {
      if (alive.expired()) return;
      UiText advice = outcome.feedback_key.empty() ? UiText() : UiText::Tr(outcome.feedback_key);
      if (outcome.duplicate_of) {
        advice = UiText::Tr("This print matches the {0} already captured: place the {1}.",
                            {FingerName(*outcome.duplicate_of), FingerName(finger)});
      } else if (outcome.kept && outcome.duplicate_check_failed) {
        // Never block an enrollment on the check itself: the print is kept, the officer told.
        advice = UiText::Lines(
            {advice, UiText::Tr("The check for the same finger captured twice could not run on this print; it was kept.")});
      } else if (!outcome.kept && !outcome.attempts_left) {
        advice = UiText::Lines({advice, NoAttemptsLeft()});
      }
      view_.ShowAttempt(print, outcome.score, outcome.kept, advice);
    });
    return {};
  });
}

void FingersController::RecordException(FingerException exception, const std::string& note) {
  if (!selected_) {
    view_.ShowProblem(UiText::Tr("Choose a finger first."));
    return;
  }
  const std::string reason = Trimmed(note);
  if (reason.empty()) {
    view_.ShowProblem(UiText::Tr("Say why this finger cannot be captured."));
    return;
  }
  const Finger finger = *selected_;
  WizardController& wizard = wizard_;
  wizard_.Apply([&wizard, finger, exception, reason](enrollment::Visit& visit) -> Result<void> {
    if (auto recorded = visit.RecordFingerException(finger, exception, reason); !recorded) return recorded;
    // The kind of exception only: the officer's note is free text and may describe the citizen.
    wizard.Audit(audit::FingerprintException(enrollment::ToString(finger), enrollment::ToString(exception)));
    return {};
  });
}

void FingersController::KeepBestAttempt() {
  if (!selected_) {
    view_.ShowProblem(UiText::Tr("Choose a finger first."));
    return;
  }
  const Finger finger = *selected_;
  WizardController& wizard = wizard_;
  wizard_.Apply([&wizard, finger](enrollment::Visit& visit) -> Result<void> {
    if (auto kept = visit.KeepBestFingerAttempt(finger); !kept) return kept;
    const auto& item = visit.enrollment().fingers.at(finger);
    wizard.Audit(audit::FingerprintCaptured(enrollment::ToString(finger), item.quality));
    return {};
  });
}

void FingersController::OnEnrollment(const enrollment::Enrollment& enrollment) {
  if (enrollment.draft_id != draft_id_) {
    draft_id_ = enrollment.draft_id;
    selected_.reset();
  }
  stored_ = enrollment.fingers;
  required_ = wizard_.policy().required_fingers;
  PublishRows();
  const bool selected_done = selected_ && stored_.contains(*selected_) &&
                             (stored_[*selected_].image || stored_[*selected_].exception);
  if (!capturing_ && (!selected_ || selected_done)) SelectNextOpen();
}

}  // namespace kiosk::ui
