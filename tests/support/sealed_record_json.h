#pragma once
// A record.json as a sealed visit holds it (the canonical Enrollment), for tests that seal
// records straight into the store: the core computes review flags from it (and from the chip's
// files, none here). Clean: read chip, valid Passive Authentication, EF.SOD listing neither DG14
// nor DG15, portrait compared above the threshold, no exception: no flag. With
// finger_exception: one finger excepted, flagged "biometric_exception". Synthetic citizen.
#include <string>

#include "kiosk/enrollment/canonical.h"
#include "kiosk/enrollment/enrollment.h"

namespace kiosk::testing {

inline std::string SealedRecordJson(const std::string& full_name = "NGUYEN VAN MAU",
                                    bool finger_exception = false) {
  enrollment::Enrollment e;
  e.draft_id = "dtest";
  e.officer = "officer1";
  e.created_at = "2026-01-15T02:00:00Z";
  identity::IdentityFields chip;
  chip.id_number = "001095012345";
  chip.full_name = full_name;
  chip.date_of_birth = identity::CivilDate{1995, 3, 14};
  e.identity.sources[identity::IdentitySource::kChip] = chip;
  enrollment::ChipResult result;
  result.read = true;
  result.passive_authentication = "valid";
  result.active_authentication = "not_supported";
  result.chip_authentication = "not_supported";
  result.sod_data_groups = {1, 2, 13};
  e.identity.chip = result;
  e.portrait.image = enrollment::ImageRef{"draft:portrait.jpg", std::string(64, '0')};
  e.portrait.quality = 0.9;
  e.portrait.face_match = 0.9;
  e.portrait.face_match_threshold = 0.5;
  e.portrait.confirmed = true;
  if (finger_exception) {
    enrollment::FingerItem item;
    item.exception = enrollment::FingerException::kAmputated;
    item.exception_note = "lost in an accident";
    e.fingers[enrollment::Finger::kLeftThumb] = item;
  }
  e.contact = {"+84912345678", "", true};
  e.sealed = true;
  e.sealed_at = "2026-01-15T02:10:00Z";
  return *enrollment::CanonicalRecord(e);
}

}  // namespace kiosk::testing
