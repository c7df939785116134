#pragma once
// The fingers to capture for one enrollment and what happened to each: a slot per finger, up to
// max_attempts captures (MOSIP's default is 3), the best attempt kept; or an exception (missing,
// amputated, bandaged, temporarily unusable) recorded with a reason and the officer who confirmed
// it. A slot whose attempts are all below the threshold needs the officer's decision: keep the
// best one anyway, or record an exception.
//
// Finger names follow ISO/IEC 19794-4 positions (1 right thumb … 10 left little finger).
// Thread safety: a FingerSlots is a plain value, not synchronised.

#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "kiosk/biometrics/finger/finger_quality.h"
#include "kiosk/core/result.h"
#include "kiosk/core/secret.h"

namespace kiosk::biometrics::finger {

enum class Finger {
  kRightThumb = 1, kRightIndex, kRightMiddle, kRightRing, kRightLittle,
  kLeftThumb, kLeftIndex, kLeftMiddle, kLeftRing, kLeftLittle,
};

std::string_view ToString(Finger finger);            // "right_thumb", …
std::optional<Finger> ParseFinger(std::string_view name);
// The fingers a level-2 enrollment captures by default (enrollment::Policy uses this list):
// both thumbs and both index fingers. Level 2 does not create an identity: the citizen's ten
// prints were taken when the CCCD was issued and are held centrally; the desk captures what is
// needed to match the person against them. The index fingers are the ones ICAO 9303 puts on the
// chip (DG3), the thumbs are the usual fallback for a worn or injured index; ten prints would
// lengthen every visit for no gain in that match. A unit that wants more changes the policy.
std::vector<Finger> DefaultFingers();

enum class ExceptionReason { kMissing, kAmputated, kBandaged, kTemporarilyUnusable };
std::string_view ToString(ExceptionReason reason);
std::optional<ExceptionReason> ParseExceptionReason(std::string_view name);

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
  std::optional<ExceptionReason> exception;
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
  // An exception needs a reason and the confirming officer; a note is required for
  // "temporarily unusable" (what is wrong, when to come back). Allowed in any non-accepted state.
  Result<void> RecordException(Finger finger, ExceptionReason reason, std::string note, std::string officer_id);
  // After the attempts are used up: keep the best one despite its score, confirmed by the officer.
  Result<void> KeepBestAttempt(Finger finger, std::string officer_id);

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
