#pragma once
// The enrollment aggregate: everything gathered for one citizen, step by step, until it is sealed.
// Images (portrait, fingerprints, paper scans) are not held here: the record keeps a reference
// to where the store put them and the SHA-256 of their bytes, so the sealed hash covers them.
//
// Plain data: the rules live in the enrollment session, Visit (visit.h), over the step rules of
// Workflow (workflow.h). Serialised to JSON for drafts (draft_store.h) and canonically for the
// seal (canonical.h): the sealed record.json. Fields added after the first sealed records are
// read with their defaults when absent, so every record ever sealed still loads.

#include <map>
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json_fwd.hpp>

#include "kiosk/biometrics/finger/finger_position.h"
#include "kiosk/enrollment/steps.h"
#include "kiosk/identity/identity_sources.h"

namespace kiosk::enrollment {

// A captured image: where it is stored and the hash of its bytes.
struct ImageRef {
  std::string uri;     // store reference, e.g. "blob:…"; never a citizen's data
  std::string sha256;  // lower-case hex of the image bytes
};

// What the chip read proved, in the chip reader's words (kiosk/emrtd).
struct ChipResult {
  bool read = false;
  std::string passive_authentication;  // "valid", "invalid", "not_verifiable", "not_checked"
  std::string active_authentication;   // AA: "passed", "failed", "not_supported", "not_checked"
  std::string chip_authentication;     // CA, same words; empty in records sealed before it was kept
  // The data groups EF.SOD lists (covered by the issuer's signature, unlike EF.COM): DG15 there
  // means the chip has an Active Authentication key, DG14 a Chip Authentication key.
  std::vector<int> sod_data_groups;
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
  std::optional<double> face_match_threshold;  // the matcher's "same person" threshold then
  bool confirmed = false;                // the officer pressed "confirm" (Xác nhận)
};

// One Finger type for the whole station (kiosk/biometrics/finger/finger_position.h).
using biometrics::finger::Finger;
using biometrics::finger::FingerException;
using biometrics::finger::ParseFinger;
using biometrics::finger::ParseFingerException;
using biometrics::finger::ToString;

struct FingerItem {
  std::optional<ImageRef> image;
  int quality = 0;  // station quality 0–100 (its own score, not NFIQ)
  std::optional<FingerException> exception;
  std::string exception_note;  // the officer's reason (required with an exception)
  // The officer kept the best of the attempts although it is below the quality threshold.
  bool kept_below_threshold = false;
};

// Where a paper field's value came from, for the review: "ocr" (with the reader's confidence),
// "qr" (the paper's own code), "typed" (the officer typed or corrected it).
struct PaperFieldSource {
  std::string source;
  double confidence = 0;  // 0–1
};

// One paper to integrate. Fields are name → confirmed value; the paper model (kiosk/documents)
// validates them before they are set here.
struct PaperItem {
  std::string type;  // "gplx", "bhyt", "vehicle", "mst"
  std::map<std::string, std::string> fields;
  std::vector<ImageRef> pages;  // front, back
  bool fields_confirmed = false;
  bool original_sighted = false;  // required tick: the officer saw the original (giấy tờ gốc)
  std::map<std::string, PaperFieldSource> field_sources;  // per field of `fields`; may be empty
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
