#pragma once
// The enrollment aggregate: everything gathered for one citizen, step by step, until it is sealed.
// Images (portrait, fingerprints, paper scans) are not held here: the record keeps a reference
// to where the store put them and the SHA-256 of their bytes, so the sealed hash covers them.
//
// Plain data: the rules live in Workflow (workflow.h). Serialised to JSON for drafts (draft_store.h)
// and canonically for the seal (canonical.h).

#include <map>
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json_fwd.hpp>

#include "kiosk/enrollment/steps.h"
#include "kiosk/identity/identity_sources.h"

namespace kiosk::enrollment {

// A captured image: where it is stored and the hash of its bytes.
struct ImageRef {
  std::string uri;     // store reference, e.g. "blob:…"; never a citizen's data
  std::string sha256;  // lower-case hex of the image bytes
};

struct ChipResult {
  bool read = false;
  std::string passive_authentication;  // "valid", "not_verifiable", "failed"
  std::string active_authentication;   // "valid", "absent", "failed"
};

struct IdentityItem {
  std::map<identity::IdentitySource, identity::IdentityFields> sources;
  std::vector<identity::MismatchResolution> resolutions;
  std::optional<ChipResult> chip;
  std::string chip_exception;  // reason the chip could not be read; empty if none
};

struct PortraitItem {
  std::optional<ImageRef> image;
  double quality = 0;                    // 0–1 from the capture checks
  std::optional<double> face_match;      // score against the chip photo (DG2), when compared
  bool confirmed = false;                // the officer pressed "confirm" (Xác nhận)
};

// Finger positions, ISO/IEC 19794-4 numbering (1 right thumb … 10 left little).
enum class Finger {
  kRightThumb = 1, kRightIndex, kRightMiddle, kRightRing, kRightLittle,
  kLeftThumb, kLeftIndex, kLeftMiddle, kLeftRing, kLeftLittle,
};
std::string_view ToString(Finger finger);  // "right_thumb", …
std::optional<Finger> ParseFinger(std::string_view text);

enum class FingerException { kMissing, kBandaged, kAmputated, kUnreadable };
std::string_view ToString(FingerException exception);
std::optional<FingerException> ParseFingerException(std::string_view text);

struct FingerItem {
  std::optional<ImageRef> image;
  int quality = 0;  // station quality 0–100 (its own score, not NFIQ)
  std::optional<FingerException> exception;
  std::string exception_note;  // the officer's reason (required with an exception)
};

// One paper to integrate. Fields are name → confirmed value; the paper model (kiosk/documents)
// validates them before they are set here.
struct PaperItem {
  std::string type;  // "gplx", "bhyt", "vehicle", "mst"
  std::map<std::string, std::string> fields;
  std::vector<ImageRef> pages;  // front, back
  bool fields_confirmed = false;
  bool original_sighted = false;  // required tick: the officer saw the original (giấy tờ gốc)
};

struct ContactItem {
  std::string phone_e164;  // one per account
  std::string email;       // optional
  bool consent = false;
};

struct Enrollment {
  std::string draft_id;
  std::string officer;          // user name of the officer who opened it
  std::string created_at;       // ISO 8601 UTC
  Step current_step = Step::kIdentifyCard;
  Step furthest_step = Step::kIdentifyCard;
  IdentityItem identity;
  PortraitItem portrait;
  std::map<Finger, FingerItem> fingers;
  std::vector<PaperItem> papers;
  ContactItem contact;
  bool sealed = false;
  std::string sealed_at;
};

void to_json(nlohmann::json& json, const Enrollment& enrollment);
// Refuses (kCorrupt) JSON that does not describe an enrollment; never half-loads.
Result<Enrollment> EnrollmentFromJson(const nlohmann::json& json);

}  // namespace kiosk::enrollment
