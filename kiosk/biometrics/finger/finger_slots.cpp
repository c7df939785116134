#include "kiosk/biometrics/finger/finger_slots.h"

#include <algorithm>
#include <array>

#include "kiosk/core/i18n.h"

namespace kiosk::biometrics::finger {

namespace {

constexpr std::array<std::string_view, 10> kFingerNames = {
    "right_thumb", "right_index", "right_middle", "right_ring", "right_little",
    "left_thumb",  "left_index",  "left_middle",  "left_ring",  "left_little"};

constexpr std::array<std::string_view, 4> kReasonNames = {"missing", "amputated", "bandaged",
                                                          "temporarily_unusable"};

Error SlotError(std::string key, Finger finger) {
  return Error(ErrorCode::kPolicyViolation, std::move(key), std::string(ToString(finger)))
      .WithArg(std::string(ToString(finger)));
}

}  // namespace

std::string_view ToString(Finger finger) { return kFingerNames[static_cast<size_t>(finger) - 1]; }

std::optional<Finger> ParseFinger(std::string_view name) {
  for (size_t i = 0; i < kFingerNames.size(); ++i) {
    if (kFingerNames[i] == name) return static_cast<Finger>(i + 1);
  }
  return std::nullopt;
}

std::vector<Finger> DefaultFingers() {
  return {Finger::kRightThumb, Finger::kRightIndex, Finger::kLeftThumb, Finger::kLeftIndex};
}

std::string_view ToString(ExceptionReason reason) { return kReasonNames[static_cast<size_t>(reason)]; }

std::optional<ExceptionReason> ParseExceptionReason(std::string_view name) {
  for (size_t i = 0; i < kReasonNames.size(); ++i) {
    if (kReasonNames[i] == name) return static_cast<ExceptionReason>(i);
  }
  return std::nullopt;
}

FingerSlots::FingerSlots(std::vector<Finger> fingers, SlotPolicy policy) : policy_(policy) {
  for (Finger f : fingers) {
    if (Find(f) != nullptr) continue;  // a finger listed twice gets one slot
    FingerSlot slot;
    slot.finger = f;
    slots_.push_back(std::move(slot));
  }
}

const FingerSlot* FingerSlots::Find(Finger finger) const {
  auto it = std::find_if(slots_.begin(), slots_.end(), [finger](const FingerSlot& s) { return s.finger == finger; });
  return it == slots_.end() ? nullptr : &*it;
}

FingerSlot* FingerSlots::Mutable(Finger finger) { return const_cast<FingerSlot*>(Find(finger)); }

Result<SlotStatus> FingerSlots::RecordAttempt(Finger finger, const FingerQuality& quality, SecretBytes image) {
  FingerSlot* slot = Mutable(finger);
  if (slot == nullptr) return Fail(SlotError(N_("The finger {0} is not required."), finger));
  if (slot->status == SlotStatus::kAccepted || slot->status == SlotStatus::kException) {
    return Fail(SlotError(N_("The finger {0} is already done."), finger));
  }
  if (static_cast<int>(slot->attempts.size()) >= policy_.max_attempts) {
    return Fail(SlotError(N_("No attempts left for the finger {0}: keep the best one or record an exception."), finger));
  }
  slot->attempts.push_back({quality.score, quality.acceptable});
  const size_t index = slot->attempts.size() - 1;
  if (!slot->best_attempt || quality.score > slot->attempts[*slot->best_attempt].score) {
    slot->best_attempt = index;
    slot->best_image = std::move(image);
  }
  if (quality.acceptable) {
    slot->status = SlotStatus::kAccepted;
  } else if (static_cast<int>(slot->attempts.size()) >= policy_.max_attempts) {
    slot->status = SlotStatus::kNeedsDecision;
  }
  return slot->status;
}

Result<void> FingerSlots::RecordException(Finger finger, ExceptionReason reason, std::string note,
                                          std::string officer_id) {
  FingerSlot* slot = Mutable(finger);
  if (slot == nullptr) return Fail(SlotError(N_("The finger {0} is not required."), finger));
  if (slot->status == SlotStatus::kAccepted) {
    return Fail(SlotError(N_("The finger {0} is already done."), finger));
  }
  if (officer_id.empty()) {
    return Fail(Error(ErrorCode::kPolicyViolation, N_("A biometric exception must be confirmed by the officer."),
                      std::string(ToString(finger))));
  }
  if (reason == ExceptionReason::kTemporarilyUnusable && note.empty()) {
    return Fail(Error(ErrorCode::kInvalidArgument,
                      N_("Say why the finger is temporarily unusable and when it can be captured."),
                      std::string(ToString(finger))));
  }
  slot->status = SlotStatus::kException;
  slot->exception = reason;
  slot->exception_note = std::move(note);
  slot->confirmed_by = std::move(officer_id);
  slot->best_image = SecretBytes();  // an excepted finger keeps no image
  return {};
}

Result<void> FingerSlots::KeepBestAttempt(Finger finger, std::string officer_id) {
  FingerSlot* slot = Mutable(finger);
  if (slot == nullptr) return Fail(SlotError(N_("The finger {0} is not required."), finger));
  if (slot->status != SlotStatus::kNeedsDecision) {
    return Fail(SlotError(N_("The finger {0} still has attempts left."), finger));
  }
  if (officer_id.empty()) {
    return Fail(Error(ErrorCode::kPolicyViolation, N_("Keeping a low-quality fingerprint must be confirmed by the officer."),
                      std::string(ToString(finger))));
  }
  slot->status = SlotStatus::kAccepted;
  slot->kept_below_threshold = true;
  slot->confirmed_by = std::move(officer_id);
  return {};
}

bool FingerSlots::Complete() const {
  return std::all_of(slots_.begin(), slots_.end(), [](const FingerSlot& s) {
    return s.status == SlotStatus::kAccepted || s.status == SlotStatus::kException;
  });
}

}  // namespace kiosk::biometrics::finger
