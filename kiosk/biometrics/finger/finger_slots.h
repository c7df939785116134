#pragma once
// The fingers to capture for one enrollment and what happened to each: a slot per finger, up to
// max_attempts captures (MOSIP's default is 3), the best attempt kept; or an exception (missing,
// amputated, bandaged, unreadable) recorded with the officer's note and the officer who confirmed
// it. A slot whose attempts are all below the threshold needs the officer's decision: keep the
// best one anyway, or record an exception. The enrollment session (kiosk/enrollment/visit.h)
// holds one FingerSlots per visit.
//
// Thread safety: a FingerSlots is a plain value, not synchronised.

#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "kiosk/biometrics/finger/finger_position.h"
#include "kiosk/biometrics/finger/finger_quality.h"
#include "kiosk/core/result.h"
#include "kiosk/core/secret.h"

namespace kiosk::biometrics::finger {

enum class SlotStatus {
  kPending,          // no acceptable capture yet, attempts left
  kAccepted,         // a capture reached the threshold (or the officer kept the best one)
  kNeedsDecision,    // attempts used up below the threshold: keep best or record an exception
  kException,        // no print, for a confirmed reason
};

struct Attempt {
  int score = 0;
  bool acceptable = false;
};

struct FingerSlot {
  Finger finger = Finger::kRightThumb;
  SlotStatus status = SlotStatus::kPending;
  std::vector<Attempt> attempts;
  std::optional<size_t> best_attempt;   // index into attempts
  SecretBytes best_image;               // encoded image of the best attempt (biometric data)
  bool kept_below_threshold = false;    // the officer kept a low-quality best attempt
  std::optional<FingerException> exception;
  std::string exception_note;           // the officer's words (no citizen data beyond this)
  std::string confirmed_by;             // officer id who confirmed the exception or low quality
};

struct SlotPolicy {
  int max_attempts = 3;
};

class FingerSlots {
 public:
  explicit FingerSlots(std::vector<Finger> fingers = DefaultFingers(), SlotPolicy policy = {});

  // Records one capture's quality and its encoded image. Fails for a finger that is not
  // required, already accepted or excepted, or out of attempts.
  Result<SlotStatus> RecordAttempt(Finger finger, const FingerQuality& quality, SecretBytes image);
  // An exception needs the officer's note (what is wrong; for a bandaged finger, when to come
  // back) and the confirming officer. Allowed in any state but accepted (Reset() first to redo).
  Result<void> RecordException(Finger finger, FingerException reason, std::string note, std::string officer_id);
  // After the attempts are used up: keep the best one despite its score, confirmed by the officer.
  Result<void> KeepBestAttempt(Finger finger, std::string officer_id);

  // The finger is to be done again (the officer redoes an accepted or excepted finger): its
  // attempts, image and exception go; the slot is pending with every attempt available.
  Result<void> Reset(Finger finger);

  const FingerSlot* Find(Finger finger) const;
  const std::vector<FingerSlot>& slots() const { return slots_; }
  // Every slot accepted or excepted: the fingerprint step can be closed.
  bool Complete() const;

 private:
  FingerSlot* Mutable(Finger finger);
  std::vector<FingerSlot> slots_;
  SlotPolicy policy_;
};

}  // namespace kiosk::biometrics::finger
