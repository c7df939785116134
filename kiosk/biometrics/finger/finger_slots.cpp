#include "kiosk/biometrics/finger/finger_slots.h"

#include <algorithm>
#include <array>

#include "kiosk/core/i18n.h"

namespace kiosk::biometrics::finger {

namespace {

Error SlotError(std::string key, Finger finger) {
  return Error(ErrorCode::kPolicyViolation, std::move(key), std::string(ToString(finger)))
      .WithArg(std::string(ToString(finger)));
}

}  // namespace

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

Result<void> FingerSlots::RecordException(Finger finger, FingerException reason, std::string note,
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
  if (note.find_first_not_of(" \t\r\n") == std::string::npos) {
    return Fail(Error(ErrorCode::kInvalidArgument, N_("Say why this finger cannot be captured."),
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

Result<void> FingerSlots::Reset(Finger finger) {
  FingerSlot* slot = Mutable(finger);
  if (slot == nullptr) return Fail(SlotError(N_("The finger {0} is not required."), finger));
  FingerSlot fresh;
  fresh.finger = finger;
  *slot = std::move(fresh);
  return {};
}

bool FingerSlots::Complete() const {
  return std::all_of(slots_.begin(), slots_.end(), [](const FingerSlot& s) {
    return s.status == SlotStatus::kAccepted || s.status == SlotStatus::kException;
  });
}

}  // namespace kiosk::biometrics::finger
