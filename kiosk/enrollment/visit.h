#pragma once
// Visit: one citizen's enrollment session at the desk, from identifying the card to the receipt.
// Every rule of a visit lives here, headless, so the wizard (ui/controllers, presenters over a
// Visit) and `kiosk-cli enroll --from` (files over a Visit) can never seal differently:
//  - identity sources (QR, typed, chip) and their cross-check, the officer's decisions;
//  - the chip access key (access_key.h, one priority) and what a chip read keeps: its result,
//    its files (sealed as the proof of what the chip said) and its face image;
//  - the portrait, kept as the ICAO token, compared with the chip photo when a matcher exists;
//  - finger slots (biometrics::finger::FingerSlots): attempts, the best attempt, exceptions with
//    a note, the duplicate-finger check;
//  - papers with where each field came from (OCR confidence), holder checks;
//  - contact and consent; the sealed layout (sealed_layout.h); the seal into the record store
//    (review flags are the core's: review_flags.h) and the receipt.
// The step rules (what each step needs, moving between steps, drafts saved after every change)
// are Workflow's (workflow.h), used only through a Visit.
//
// Images are kept with the draft (DraftStore blobs), under their sealed item names, and
// referenced as "draft:<name>" with the SHA-256 of their bytes.
//
// Thread safety: none; one thread (the wizard's worker, or kiosk-cli's main thread) drives a
// Visit. The preparation of captures runs elsewhere (captures.h).

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <opencv2/core.hpp>

#include "kiosk/audit/station_events.h"
#include "kiosk/auth/authenticator.h"
#include "kiosk/batch/records.h"
#include "kiosk/biometrics/face/face_matcher.h"
#include "kiosk/biometrics/finger/finger_slots.h"
#include "kiosk/documents/paper.h"
#include "kiosk/documents/receipt.h"
#include "kiosk/emrtd/protocol/chip_reader.h"
#include "kiosk/enrollment/access_key.h"
#include "kiosk/enrollment/captures.h"
#include "kiosk/enrollment/workflow.h"

namespace kiosk::enrollment {

// What a chip read left in the visit, for the officer and the audit log.
struct ChipAcceptance {
  audit::ChipVerdict verdict = audit::ChipVerdict::kFailed;
  std::string reason_key;  // Passive Authentication's reason (English msgid)
};

// The portrait compared with the chip photo (or why not).
struct PortraitComparison {
  enum class Status { kCompared, kNoChipPhoto, kNoMatcher, kFailed };
  Status status = Status::kNoChipPhoto;
  std::optional<double> score;
  biometrics::face::FaceMatchBand band = biometrics::face::FaceMatchBand::kUncertain;  // kCompared
  double threshold = 0;             // the "same person likely" threshold, kept with the score
  cv::Mat chip_face;                // BGR, empty when the chip photo is missing or unreadable
  std::optional<Error> error;       // kFailed: why the matcher could not compare
  bool Match() const { return score && band == biometrics::face::FaceMatchBand::kSamePersonLikely; }
};

// One finger's slot, for the list the officer works through.
struct FingerProgress {
  Finger finger = Finger::kRightThumb;
  biometrics::finger::SlotStatus status = biometrics::finger::SlotStatus::kPending;
  int attempts = 0;
  int max_attempts = 0;
  int best_score = -1;  // -1 before any attempt
};

// What became of one capture.
struct FingerAttemptOutcome {
  int score = 0;
  bool acceptable = false;            // the quality verdict
  bool kept = false;                  // stored as the finger's print
  std::optional<Finger> duplicate_of;  // refused: it matches this finger's kept print
  bool duplicate_check_failed = false;  // kept although the check could not run
  bool attempts_left = true;          // another capture of this finger is allowed
  std::string feedback_key;           // the quality's first advice (English msgid), or empty
};

// A visit sealed into the record store.
struct StoredVisit {
  SealedRecord record;                 // the canonical record.json and its hash
  batch::RecordSummary summary;        // record number, batch…
  std::vector<std::string> review_flags;  // as the core sealed them
  std::optional<documents::Receipt> receipt;  // phiếu tiếp nhận
};

class Visit {
 public:
  static Result<Visit> Start(DraftStore& drafts, const Clock& clock, std::string officer,
                             Policy policy = {});
  // A draft saved by an earlier run (kNotFound, kCorrupt). Finger attempts start again.
  static Result<Visit> Resume(DraftStore& drafts, const Clock& clock, const std::string& draft_id,
                              Policy policy = {});

  const Enrollment& enrollment() const { return workflow_.enrollment(); }
  Step current_step() const { return workflow_.current_step(); }
  const Policy& policy() const { return policy_; }
  std::vector<MissingItem> MissingItems(Step step) const { return workflow_.MissingItems(step); }
  std::vector<MissingItem> AllMissingItems() const { return workflow_.AllMissingItems(); }
  std::vector<identity::Mismatch> UnresolvedMismatches() const { return workflow_.UnresolvedMismatches(); }
  Result<void> Next() { return workflow_.Next(); }
  Result<void> Back() { return workflow_.Back(); }
  Result<void> GoTo(Step step) { return workflow_.GoTo(step); }

  // ---- 1. Identify the card
  Result<void> SetQrPayload(std::string_view payload) { return workflow_.SetQrPayload(payload); }
  Result<void> SetTypedIdentity(const identity::ManualEntry& entry) {
    return workflow_.SetTypedIdentity(entry);
  }

  // ---- 2. Read the chip
  // The key for the next read (access_key.h); a typed CAN wins.
  Result<ChipAccessKey> AccessKey(std::string_view can = {}) const {
    return ChooseAccessKey(enrollment(), can);
  }
  // Keeps what the read proved: the result (PA, AA, CA, EF.SOD's data groups), the chip's
  // identity as a source, its files and face image. A new read replaces the last one entirely.
  Result<ChipAcceptance> AcceptChipRead(const emrtd::ChipReadResult& read);
  Result<void> RecordChipException(std::string reason) {
    return workflow_.RecordChipException(std::move(reason));
  }
  Result<void> ResolveMismatch(const std::string& field, identity::IdentitySource chosen,
                               std::string note) {
    return workflow_.ResolveMismatch(field, chosen, std::move(note));
  }
  // Every open disagreement settled for the same source, with the same note.
  Result<void> ResolveAllMismatches(identity::IdentitySource chosen, const std::string& note);
  // The chip's face image (DG2's encoded JPEG / JPEG 2000) of the last read; kNotFound before.
  Result<SecretBytes> ChipFace();

  // ---- 3. Portrait
  // Keeps the capture (a new one replaces the last) and compares it with the chip photo when
  // `matcher` is given; the score and the matcher's threshold go into the record.
  Result<PortraitComparison> SetPortrait(const PortraitCapture& capture,
                                         biometrics::face::FaceMatcher* matcher);
  Result<void> ConfirmPortrait() { return workflow_.ConfirmPortrait(); }

  // ---- 4. Fingerprints
  std::vector<FingerProgress> FingerProgressList() const;
  // The kept prints' templates, for the next duplicate check (captures.h, CheckFingerPrint).
  const FingerTemplates& KeptFingerTemplates() const { return templates_; }
  // One capture of `finger`, prepared by CheckFingerPrint: kept when acceptable and not the
  // same finger as another kept print (unless that print was redone since the check). A capture
  // of a finger already done starts it again. Refused (kPolicyViolation) once the finger's
  // attempts are used up: keep the best one or record an exception.
  Result<FingerAttemptOutcome> RecordFingerAttempt(Finger finger, FingerPrintCheck check);
  // After the attempts are used up below the threshold: keep the best one anyway (flagged).
  Result<void> KeepBestFingerAttempt(Finger finger);
  // No print for `finger`, for a reason and the officer's note (required).
  Result<void> RecordFingerException(Finger finger, FingerException exception, std::string note);

  // ---- 5. Papers
  // Validates the fields (the paper model), keeps the page (JPEG) and adds the paper confirmed,
  // with where each field came from. Returns its index.
  Result<size_t> AddPaper(documents::PaperType type, const PaperEntry& fields, const cv::Mat& page,
                          bool original_sighted);
  Result<void> SetOriginalSighted(size_t index, bool sighted) {
    return workflow_.ConfirmPaper(index, sighted);
  }
  Result<void> RemovePaper(size_t index) { return workflow_.RemovePaper(index); }
  // Fields where paper `index`'s holder differs from the citizen (not blocking: flagged).
  std::vector<std::string> HolderMismatches(size_t index) const { return workflow_.HolderMismatches(index); }

  // ---- 6. Contact and consent
  Result<void> SetContact(std::string_view phone, std::string_view email) {
    return workflow_.SetContact(phone, email);
  }
  Result<void> SetConsent(bool consent) { return workflow_.SetConsent(consent); }

  // ---- 7. Review and seal
  // The review flags sealing would give now (review_flags.h), to show before sealing.
  Result<std::vector<std::string>> PendingReviewFlags();
  // Seals the draft (immutable from then on) and returns the canonical record; again after a
  // failed store seal, the same record. Used alone by kiosk-cli without --store.
  Result<SealedRecord> SealDraft();
  // The sealed items in their layout (sealed_layout.h), images read back and hash-checked.
  // REQUIRES: SealDraft() succeeded.
  Result<std::vector<batch::Item>> SealedItems();
  // SealDraft, then the record into the store as `officer` in one transaction (review flags
  // computed by the store), then the draft released. Returns the record and its receipt.
  Result<StoredVisit> Seal(batch::Records& records, const auth::Session& officer);
  // After SealDraft alone: the draft may go once the sealed record is safe elsewhere.
  Result<void> ReleaseDraft() { return workflow_.ReleaseDraft(); }
  Result<void> Cancel(std::string_view reason) { return workflow_.Cancel(reason); }

  // The bytes behind a kept image reference, checked against its hash.
  Result<SecretBytes> LoadImage(const ImageRef& ref);

 private:
  Visit(DraftStore& drafts, Policy policy, Workflow workflow);
  void RestoreFingerSlots();
  Result<ImageRef> Keep(const std::string& name, std::span<const uint8_t> bytes);
  Result<std::vector<batch::Item>> ItemsOf(const SealedRecord& sealed);

  DraftStore* drafts_;
  Policy policy_;
  Workflow workflow_;
  biometrics::finger::FingerSlots slots_;
  FingerTemplates templates_;
  std::optional<SealedRecord> sealed_;
};

}  // namespace kiosk::enrollment
