#pragma once
// The one Finger type of the station, and the one list of reasons a finger has no print. Used by
// the capture slots (finger_slots.h), the enrollment record (kiosk/enrollment), the audit log and
// both faces of the desk (the wizard and kiosk-cli).
//
// Finger names follow ISO/IEC 19794-4 positions (1 right thumb … 10 left little finger); the
// text forms ("right_thumb", "bandaged") are what records, drafts and the audit log hold, so they
// never change.

#include <optional>
#include <string_view>
#include <vector>

namespace kiosk::biometrics::finger {

enum class Finger {
  kRightThumb = 1, kRightIndex, kRightMiddle, kRightRing, kRightLittle,
  kLeftThumb, kLeftIndex, kLeftMiddle, kLeftRing, kLeftLittle,
};

std::string_view ToString(Finger finger);  // "right_thumb", …
std::optional<Finger> ParseFinger(std::string_view name);

// The fingers a level-2 enrollment captures by default (enrollment::Policy uses this list):
// both thumbs and both index fingers. Level 2 does not create an identity: the citizen's ten
// prints were taken when the CCCD was issued and are held centrally; the desk captures what is
// needed to match the person against them. The index fingers are the ones ICAO 9303 puts on the
// chip (DG3), the thumbs are the usual fallback for a worn or injured index; ten prints would
// lengthen every visit for no gain in that match. A unit that wants more changes the policy.
std::vector<Finger> DefaultFingers();

// Why a finger has no print. Every exception carries the officer's note (what is wrong, and for
// a bandaged finger when the citizen can come back).
enum class FingerException {
  kMissing,     // born without it
  kAmputated,
  kBandaged,    // injured, dressed: temporarily unusable
  kUnreadable,  // present, but no capture reaches the quality threshold (worn ridges)
};
std::string_view ToString(FingerException exception);  // "missing", "amputated", …
std::optional<FingerException> ParseFingerException(std::string_view name);

}  // namespace kiosk::biometrics::finger
