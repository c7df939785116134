#include "ui/controllers/fingers_controller.h"

#include <spdlog/spdlog.h>

#include <algorithm>

#include <opencv2/imgcodecs.hpp>

#include "kiosk/biometrics/finger/finger_quality.h"
#include "kiosk/core/secret.h"

namespace kiosk::ui {

using enrollment::Finger;
using enrollment::FingerException;

namespace {

std::string Trimmed(const std::string& text) {
  const auto first = text.find_first_not_of(" \t\r\n");
  if (first == std::string::npos) return {};
  return text.substr(first, text.find_last_not_of(" \t\r\n") - first + 1);
}

}  // namespace

FingersController::DuplicateCheck FingersController::CheckForDuplicate(biometrics::finger::FingerMatcher& matcher,
                                                                      const cv::Mat& print,
                                                                      const KeptTemplates& others) {
  DuplicateCheck check;
  auto made = matcher.MakeTemplate(print);
  if (!made) {
    // The error's code and technical detail only: never the print.
    spdlog::warn("fingers: duplicate check skipped, no template of the new print: {}", made.error().ToLogString());
    check.failed = true;
    return check;
  }
  check.template_of_print = *made;
  for (const auto& [other, kept] : others) {
    if (!kept) continue;
    auto same = matcher.SameFingerTemplates(*check.template_of_print, *kept);
    if (!same) {
      spdlog::warn("fingers: duplicate check against {} failed: {}", enrollment::ToString(other),
                   same.error().ToLogString());
      check.failed = true;
      continue;
    }
    if (*same) {
      check.duplicate_of = std::make_pair(other, kept);
      break;
    }
  }
  return check;
}

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
    case FingerException::kBandaged: return UiText::Tr("Bandaged");
    case FingerException::kAmputated: return UiText::Tr("Amputated");
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

void FingersController::PublishRows() {
  std::vector<FingerRow> rows;
  for (Finger finger : required_) {
    FingerRow row;
    row.finger = finger;
    row.name = FingerName(finger);
    const auto tries = attempts_.find(finger);
    if (tries != attempts_.end()) {
      row.attempts = tries->second.count;
      row.quality = tries->second.best;
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
      row.status = UiText::Tr("Captured, quality {0}/100", {std::to_string(it->second.quality)});
    } else if (row.attempts > 0) {
      row.status = UiText::Tr("Attempt {0} of {1}: best quality {2}/100, too low",
                              {std::to_string(row.attempts), std::to_string(options_.max_attempts),
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
  if (attempts_[finger].count >= options_.max_attempts) {
    view_.ShowProblem(UiText::Tr("No attempts left for this finger: record an exception (unreadable) with a note."));
    return;
  }
  Join();
  capturing_ = true;
  view_.ShowCapturing(true);
  // The other fingers' templates as they are now: the capture thread compares against these.
  KeptTemplates others = kept_templates_;
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

void FingersController::RunCapture(std::stop_token stop, Finger finger, bool open_first, KeptTemplates others) {
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
  biometrics::finger::FingerQualityOptions quality_options;
  quality_options.ppi = captured->ppi;
  quality_options.good_score = wizard_.policy().minimum_finger_quality;
  auto quality = biometrics::finger::ScoreFingerprint(captured->image, quality_options);
  std::vector<uint8_t> encoded;
  if (!cv::imencode(".png", captured->image, encoded)) {
    fail(Error::Internal("png encode"));
    return;
  }
  auto png = std::make_shared<SecretBytes>(encoded.data(), encoded.size());
  SecureWipe(encoded.data(), encoded.size());
  // The duplicate check, here rather than on the UI thread (extraction takes tens of ms): the
  // new print's template once, then one comparison per other kept finger.
  DuplicateCheck check;
  if (quality.acceptable && matcher_ != nullptr) check = CheckForDuplicate(*matcher_, captured->image, others);
  post([this, finger, image = captured->image, png, quality = std::move(quality), check = std::move(check)] {
    capturing_ = false;
    view_.ShowCapturing(false);
    auto& tries = attempts_[finger];
    ++tries.count;
    tries.best = std::max(tries.best, quality.score);
    UiText advice = quality.feedback.empty() ? UiText() : UiText::Tr(quality.feedback.front().message_key);
    bool accepted = quality.acceptable;
    // The same finger placed twice (the citizen confused, or a deliberate swap) is refused, unless
    // the matching finger was redone or excepted while this capture ran.
    if (accepted && check.duplicate_of) {
      const auto kept = kept_templates_.find(check.duplicate_of->first);
      if (kept != kept_templates_.end() && kept->second == check.duplicate_of->second) {
        accepted = false;
        advice = UiText::Tr("This print matches the {0} already captured: place the {1}.",
                            {FingerName(kept->first), FingerName(finger)});
      }
    }
    if (accepted && check.failed) {
      // Never block an enrollment on the check itself: the print is kept, the officer told.
      advice = UiText::Lines(
          {advice, UiText::Tr("The check for the same finger captured twice could not run on this print; it was kept.")});
    }
    if (!accepted && tries.count >= options_.max_attempts) {
      advice = UiText::Lines(
          {advice, UiText::Tr("No attempts left for this finger: record an exception (unreadable) with a note.")});
    }
    view_.ShowAttempt(image, quality.score, accepted, advice);
    PublishRows();
    if (accepted) {
      // A redone finger's template replaces the old one; none when the check failed on it.
      if (check.template_of_print) {
        kept_templates_[finger] = check.template_of_print;
      } else {
        kept_templates_.erase(finger);
      }
      const std::string name = "finger." + std::to_string(static_cast<int>(finger)) + ".png";
      const int score = quality.score;
      WizardController& wizard = wizard_;
      wizard_.Apply([&wizard, name, png, finger, score](enrollment::Workflow& w) -> Result<void> {
        auto ref = wizard.KeepImage(name, std::span<const uint8_t>(png->data(), png->size()));
        if (!ref) return Fail(ref.error());
        if (auto stored = w.SetFingerprint(finger, *ref, score); !stored) return stored;
        wizard.Audit(audit::FingerprintCaptured(enrollment::ToString(finger), score));
        return {};
      });
    }
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
  kept_templates_.erase(finger);
  WizardController& wizard = wizard_;
  wizard_.Apply([&wizard, finger, exception, reason](enrollment::Workflow& w) -> Result<void> {
    if (auto recorded = w.RecordFingerException(finger, exception, reason); !recorded) return recorded;
    // The kind of exception only: the officer's note is free text and may describe the citizen.
    wizard.Audit(audit::FingerprintException(enrollment::ToString(finger),
                                             enrollment::ToString(exception)));
    return {};
  });
}

void FingersController::OnEnrollment(const enrollment::Enrollment& enrollment) {
  if (enrollment.draft_id != draft_id_) {
    draft_id_ = enrollment.draft_id;
    attempts_.clear();
    kept_templates_.clear();
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
