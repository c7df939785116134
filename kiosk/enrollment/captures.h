#pragma once
// What the devices' threads prepare for the enrollment session (visit.h) before handing it over:
// pure functions, safe on any thread, so the slow parts (cropping, encoding, scoring, template
// extraction) stay off both the GUI thread and the session's thread. The session decides what is
// kept; these only compute. The wizard's controllers and kiosk-cli call the same functions, so a
// portrait, a print or a paper becomes the same bytes whichever face of the desk took it.

#include <map>
#include <memory>
#include <optional>
#include <string>

#include <opencv2/core.hpp>

#include "kiosk/biometrics/face/face_checks.h"
#include "kiosk/biometrics/finger/finger_matcher.h"
#include "kiosk/biometrics/finger/finger_quality.h"
#include "kiosk/core/result.h"
#include "kiosk/core/secret.h"
#include "kiosk/documents/paper_reader.h"
#include "kiosk/emrtd/lds/identity.h"
#include "kiosk/enrollment/enrollment.h"

namespace kiosk::enrollment {

// ---- Portrait

inline constexpr int kPortraitJpegQuality = 90;

struct PortraitCapture {
  cv::Mat token;       // BGR, the ICAO token crop as stored (shown to the officer)
  SecretBytes jpeg;    // the stored bytes
  double quality = 0;  // 0.5–1: every check passed, sharper scores higher
};

// A frame whose report passes every check, cropped to the ICAO token and encoded as JPEG.
// Refused (kPolicyViolation, the first failed check's message) when the report does not pass.
Result<PortraitCapture> MakePortraitCapture(const cv::Mat& frame,
                                            const biometrics::face::FrameReport& report,
                                            const biometrics::face::FaceCheckOptions& options);

// ---- Fingerprints

// The kept prints' templates, for the duplicate-finger check (biometric data: dropped with the
// print). Templates are immutable and shared between threads.
using FingerTemplates = std::map<Finger, std::shared_ptr<const biometrics::finger::PrintTemplate>>;

struct FingerPrintCheck {
  biometrics::finger::FingerQuality quality;
  SecretBytes png;  // the print as stored (lossless)
  // The print's template when a matcher made one (kept with the print when it is accepted).
  std::shared_ptr<const biometrics::finger::PrintTemplate> print_template;
  // Another finger's kept print this one matches, and the template it matched: the session
  // refuses the print only if that template is still the one kept for that finger.
  std::optional<Finger> duplicate_of;
  std::shared_ptr<const biometrics::finger::PrintTemplate> duplicate_template;
  bool duplicate_check_failed = false;  // the check could not run: the print is not refused for it
};

// Scores a grey print (good_score: the policy's minimum quality), encodes it as PNG and, when it
// is acceptable and a matcher is given, compares it with `others` (the other fingers' kept
// templates). A matcher failure is logged (code and detail, never the print) and recorded as
// duplicate_check_failed. kInvalidArgument for an empty image; kInternal if encoding fails.
Result<FingerPrintCheck> CheckFingerPrint(const cv::Mat& grey, double ppi, int good_score,
                                          biometrics::finger::FingerMatcher* matcher,
                                          const FingerTemplates& others);

// ---- Papers

// Below this OCR confidence a field is to be checked by the officer: shown marked, and a field
// sealed still unchecked (read by OCR, not retyped) flags the record for the supervisor.
inline constexpr double kLowConfidence = 0.80;
// Inline: the review flags (batch::Records::Seal, used by the light kiosk-cli) need this rule
// without the capture code's OpenCV.
inline bool NeedsChecking(const PaperFieldSource& source) {
  return source.source == "ocr" && source.confidence < kLowConfidence;
}

// One field as the officer confirms it: the value and where it came from.
struct PaperFieldEntry {
  std::string value;
  PaperFieldSource source;
};
using PaperEntry = std::map<std::string, PaperFieldEntry>;

// Every field the reader found, as read (normalised when valid, else the raw text), with its
// source and confidence: what the officer sees before correcting anything.
PaperEntry PaperEntryFromReading(const documents::PaperReading& reading);

// ---- Chip

// The chip's identity in the fields compared across sources.
identity::IdentityFields FieldsFromChip(const emrtd::ChipIdentity& chip);

}  // namespace kiosk::enrollment
