#pragma once
// The step rules over an Enrollment: which step is current, what each step still lacks, moving on
// and back, the officer's decisions on mismatches, cancelling and sealing the draft. The
// enrollment session (Visit, visit.h) is built on it and is what the wizard and kiosk-cli drive;
// nothing outside kiosk/enrollment uses a Workflow directly.
// Every successful change is saved to the DraftStore before the call returns, so a crash or a
// restart resumes at the same step with the same data (Workflow::Resume).
//
// Rules:
//  - a step's data can be changed only while that step is current (revisit it with GoTo);
//  - Next() refuses while the current step has missing items (MissingItems(step) lists them);
//  - GoTo() reaches any step up to the furthest one reached, until the record is sealed;
//  - a new reading of the card (QR, typing, chip) voids the officer's earlier mismatch decisions;
//  - Cancel() needs a reason and deletes the draft; Seal() needs every step complete.
//
// Thread safety: none; one officer's wizard drives one Workflow.

#include <optional>
#include <string>
#include <vector>

#include "kiosk/core/clock.h"
#include "kiosk/core/result.h"
#include "kiosk/documents/paper.h"
#include "kiosk/enrollment/draft_store.h"
#include "kiosk/enrollment/enrollment.h"

namespace kiosk::enrollment {

// The fingers a level-2 enrollment requires by default: the biometrics module's
// biometrics::finger::DefaultFingers() (both thumbs and both index fingers), the one source of
// truth for that choice; see there for why four and not ten.
std::vector<Finger> DefaultRequiredFingers();

struct Policy {
  std::vector<Finger> required_fingers = DefaultRequiredFingers();
  int minimum_finger_quality = 40;
  int max_finger_attempts = 3;  // per finger (MOSIP's default), then keep the best or an exception
  size_t max_papers = 8;
};

// One thing a step still needs, for the "what is missing" list.
struct MissingItem {
  Step step;
  std::string item;         // stable key: "identity.card", "fingers.left_index", "papers.0.original_sighted"
  std::string message_key;  // English msgid to show (translated by the UI)
};

// Fields ("full_name", "date_of_birth") where paper `index`'s holder differs from every identity
// source of the enrollment (none when the index is out of range).
std::vector<std::string> PaperHolderMismatches(const Enrollment& enrollment, size_t index);

struct SealedRecord {
  Enrollment enrollment;
  std::string canonical;  // CanonicalRecord(): the bytes to sign
  std::string sha256;     // hex
};

class Workflow {
 public:
  static Result<Workflow> Start(DraftStore& store, const Clock& clock, std::string officer,
                                Policy policy = {});
  // Reloads a draft saved by an earlier run (kNotFound, kCorrupt).
  static Result<Workflow> Resume(DraftStore& store, const Clock& clock, const std::string& draft_id,
                                 Policy policy = {});

  const Enrollment& enrollment() const { return enrollment_; }
  Step current_step() const { return enrollment_.current_step; }

  std::vector<MissingItem> MissingItems(Step step) const;
  std::vector<MissingItem> AllMissingItems() const;
  std::vector<identity::Mismatch> UnresolvedMismatches() const;

  Result<void> Next();
  Result<void> Back();
  Result<void> GoTo(Step step);

  // Identify the card.
  Result<void> SetQrPayload(std::string_view payload);
  Result<void> SetTypedIdentity(const identity::ManualEntry& entry);
  // Whether the data of `step` may be changed now: refused when another step is current, the
  // record sealed or the enrollment cancelled (the message says which).
  Result<void> CheckCanChange(Step step) const { return RequireStep(step); }

  // Read the chip.
  Result<void> SetChipResult(const identity::IdentityFields& fields, const ChipResult& result);
  Result<void> RecordChipException(std::string reason);
  // Allowed in the identify and chip steps; the note is required.
  Result<void> ResolveMismatch(const std::string& field, identity::IdentitySource chosen,
                               std::string note);
  // Portrait.
  // The threshold is the matcher's "same person" threshold, kept with the score it judges.
  Result<void> SetPortrait(const ImageRef& image, double quality, std::optional<double> face_match,
                           std::optional<double> face_match_threshold = std::nullopt);
  Result<void> ConfirmPortrait();
  // Fingerprints.
  // Refused below policy.minimum_finger_quality unless the officer kept the best attempt anyway
  // (kept_below_threshold, recorded with the print).
  Result<void> SetFingerprint(Finger finger, const ImageRef& image, int quality,
                              bool kept_below_threshold = false);
  Result<void> RecordFingerException(Finger finger, FingerException exception, std::string note);
  // Papers: fields are validated and normalised by the paper type's model.
  Result<size_t> AddPaper(documents::PaperType type, const documents::PaperFields& fields,
                          std::vector<ImageRef> pages,
                          std::map<std::string, PaperFieldSource> sources = {});
  Result<void> ConfirmPaper(size_t index, bool original_sighted);
  // Fields ("full_name", "date_of_birth") where the paper's holder differs from every identity
  // source: a sign the paper is someone else's, or was misread. Shown to the officer before
  // confirming; not blocking, because old papers may carry a former name.
  std::vector<std::string> HolderMismatches(size_t index) const;
  Result<void> RemovePaper(size_t index);
  // Contact and consent: one phone (normalised to E.164), optional email.
  Result<void> SetContact(std::string_view phone, std::string_view email);
  Result<void> SetConsent(bool consent);

  // Seals the record (at the review step, nothing missing). The sealed draft stays in the store
  // until ReleaseDraft(): call it once the record store has the sealed record, so a crash in
  // between cannot lose it.
  Result<SealedRecord> Seal();
  Result<void> ReleaseDraft();
  // Removes the draft and its data. The reason goes to the audit log (the caller writes it).
  Result<void> Cancel(std::string_view reason);

 private:
  Workflow(DraftStore& store, const Clock& clock, Policy policy, Enrollment enrollment);
  Result<void> RequireStep(Step step) const;
  Result<void> RequireStep(Step a, Step b) const;
  Result<void> Save();
  Result<void> ChangeSource(identity::IdentitySource source, identity::IdentityFields fields);

  DraftStore* store_;
  const Clock* clock_;
  Policy policy_;
  Enrollment enrollment_;
  bool cancelled_ = false;
};

}  // namespace kiosk::enrollment
