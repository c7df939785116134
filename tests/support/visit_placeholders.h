#pragma once
// Placeholder captures for tests that need a step of a visit done, not a real capture: a
// portrait or a print whose bytes are a marker the test chooses.
#include <string_view>

#include "kiosk/enrollment/visit.h"

namespace kiosk::testing {

inline SecretBytes MarkerBytes(std::string_view text) {
  return SecretBytes(reinterpret_cast<const uint8_t*>(text.data()), text.size());
}

inline enrollment::PortraitCapture PlaceholderPortrait(std::string_view bytes = "portrait", double quality = 0.9) {
  enrollment::PortraitCapture capture;
  capture.jpeg = MarkerBytes(bytes);
  capture.quality = quality;
  return capture;
}

// An acceptable print of the given score (no template: no duplicate check on it).
inline enrollment::FingerPrintCheck PlaceholderPrint(int score = 80, std::string_view bytes = "ridges") {
  enrollment::FingerPrintCheck check;
  check.quality.score = score;
  check.quality.acceptable = score >= 40;
  check.png = MarkerBytes(bytes);
  return check;
}

// From the chip step to the papers step: the chip recorded as not read, the portrait and every
// required finger from placeholders (for tests of the later steps).
inline Result<void> PlaceholderStepsToPapers(enrollment::Visit& visit) {
  if (auto r = visit.RecordChipException("reader out of order (test)"); !r) return r;
  if (auto r = visit.Next(); !r) return r;
  if (auto r = visit.SetPortrait(PlaceholderPortrait(), nullptr); !r) return Fail(r.error());
  if (auto r = visit.ConfirmPortrait(); !r) return r;
  if (auto r = visit.Next(); !r) return r;
  for (auto finger : visit.policy().required_fingers) {
    if (auto r = visit.RecordFingerAttempt(finger, PlaceholderPrint()); !r) return Fail(r.error());
  }
  return visit.Next();
}

}  // namespace kiosk::testing
