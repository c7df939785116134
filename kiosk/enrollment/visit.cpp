#include "kiosk/enrollment/visit.h"

#include <spdlog/spdlog.h>

#include <set>

#include <opencv2/imgcodecs.hpp>

#include "kiosk/core/i18n.h"
#include "kiosk/crypto/crypto.h"
#include "kiosk/emrtd/lds/sod.h"
#include "kiosk/enrollment/canonical.h"
#include "kiosk/enrollment/review_flags.h"
#include "kiosk/enrollment/sealed_layout.h"

namespace kiosk::enrollment {

namespace {

namespace finger = biometrics::finger;

// The chip's face image, kept with the draft for the portrait comparison; not sealed (DG2 is).
constexpr const char* kChipFaceBlob = "chip.face";
constexpr int kPaperJpegQuality = 90;  // a card at 300 dpi: ~150 kB, every field readable

std::span<const uint8_t> Span(const SecretBytes& bytes) { return {bytes.data(), bytes.size()}; }

Error MissingImage(std::string detail) {
  return Error(ErrorCode::kCorrupt, N_("A captured image of this draft is missing."), std::move(detail));
}

std::vector<int> SodDataGroupsOf(const emrtd::ChipReadResult& read) {
  std::vector<int> groups;
  auto sod = read.files.find(kEfSod);
  if (sod == read.files.end()) return groups;
  if (auto parsed = emrtd::Sod::Parse(sod->second)) {
    for (const auto& [dg, hash] : parsed->security_object().data_group_hashes) groups.push_back(dg);
  }
  return groups;
}

// The chip verdict's three states (emrtd::ChipVerdict) in the audit log's words.
audit::ChipVerdict VerdictOf(const emrtd::VerificationReport& v) {
  if (v.Genuine()) return audit::ChipVerdict::kGenuine;
  return v.overall == emrtd::ChipVerdict::kNotGenuine ? audit::ChipVerdict::kFailed
                                                       : audit::ChipVerdict::kNotVerifiable;
}

// The first reason the verdict gives (an English msgid), else Passive Authentication's.
std::string ReasonOf(const emrtd::VerificationReport& v) {
  return v.reasons.empty() ? v.passive.reason_key : v.reasons.front().message_key;
}

}  // namespace

Visit::Visit(DraftStore& drafts, Policy policy, Workflow workflow)
    : drafts_(&drafts),
      policy_(policy),
      workflow_(std::move(workflow)),
      slots_(policy_.required_fingers, finger::SlotPolicy{policy_.max_finger_attempts}) {
  RestoreFingerSlots();
}

Result<Visit> Visit::Start(DraftStore& drafts, const Clock& clock, std::string officer, Policy policy) {
  auto workflow = Workflow::Start(drafts, clock, std::move(officer), policy);
  if (!workflow) return Fail(workflow.error());
  return Visit(drafts, std::move(policy), std::move(*workflow));
}

Result<Visit> Visit::Resume(DraftStore& drafts, const Clock& clock, const std::string& draft_id,
                            Policy policy) {
  auto workflow = Workflow::Resume(drafts, clock, draft_id, policy);
  if (!workflow) return Fail(workflow.error());
  return Visit(drafts, std::move(policy), std::move(*workflow));
}

void Visit::RestoreFingerSlots() {
  // The draft keeps what was decided per finger; attempts of an unfinished finger start again.
  for (const auto& [which, item] : enrollment().fingers) {
    if (item.exception) {
      (void)slots_.RecordException(which, *item.exception, item.exception_note, enrollment().officer);
    } else if (item.image) {
      finger::FingerQuality kept;
      kept.score = item.quality;
      kept.acceptable = true;
      (void)slots_.RecordAttempt(which, kept, SecretBytes());
    }
  }
}

Result<ImageRef> Visit::Keep(const std::string& name, std::span<const uint8_t> bytes) {
  if (auto kept = drafts_->SaveBlob(enrollment().draft_id, name, bytes); !kept) return Fail(kept.error());
  return ImageRef{std::string(kDraftImagePrefix) + name, crypto::ToHex(crypto::Sha256Of(bytes))};
}

Result<SecretBytes> Visit::LoadImage(const ImageRef& ref) {
  const std::string name = ItemOfImage(ref);
  if (name.empty()) return Fail(MissingImage(ref.uri));
  auto bytes = drafts_->LoadBlob(enrollment().draft_id, name);
  if (!bytes) return Fail(bytes.error());
  if (crypto::ToHex(crypto::Sha256Of(Span(*bytes))) != ref.sha256) {
    return Fail(MissingImage("hash mismatch: " + name));
  }
  return bytes;
}

// ---- Chip

Result<ChipAcceptance> Visit::AcceptChipRead(const emrtd::ChipReadResult& read) {
  if (auto ok = workflow_.CheckCanChange(Step::kReadChip); !ok) return Fail(ok.error());
  const std::string& draft = enrollment().draft_id;
  // Every kept file is written: an empty one stands for "not on this chip", so nothing of an
  // earlier read (another card) can be sealed with this one.
  for (uint16_t fid : kKeptChipFiles) {
    auto file = read.files.find(fid);
    std::span<const uint8_t> bytes;
    if (file != read.files.end()) bytes = file->second;
    if (auto kept = drafts_->SaveBlob(draft, ChipItemName(fid), bytes); !kept) return Fail(kept.error());
  }
  if (auto kept = drafts_->SaveBlob(draft, kChipFaceBlob, read.face.data); !kept) return Fail(kept.error());
  const auto& v = read.verification;
  ChipResult result;
  result.read = true;
  result.passive_authentication = emrtd::ToString(v.passive.overall);
  result.active_authentication = emrtd::ToString(v.active.status);
  result.chip_authentication = emrtd::ToString(v.chip.status);
  result.sod_data_groups = SodDataGroupsOf(read);
  if (auto set = workflow_.SetChipResult(FieldsFromChip(read.identity), result); !set) {
    return Fail(set.error());
  }
  return ChipAcceptance{VerdictOf(v), ReasonOf(v)};
}

Result<void> Visit::ResolveAllMismatches(identity::IdentitySource chosen, const std::string& note) {
  for (const auto& mismatch : workflow_.UnresolvedMismatches()) {
    if (auto r = workflow_.ResolveMismatch(mismatch.field, chosen, note); !r) return r;
  }
  return {};
}

Result<SecretBytes> Visit::ChipFace() {
  auto face = drafts_->LoadBlob(enrollment().draft_id, kChipFaceBlob);
  if (face && face->empty()) {
    return Fail(Error::NotFound(N_("The chip photo is not available."), "no face on the chip"));
  }
  return face;
}

// ---- Portrait

Result<PortraitComparison> Visit::SetPortrait(const PortraitCapture& capture,
                                              biometrics::face::FaceMatcher* matcher) {
  if (auto ok = workflow_.CheckCanChange(Step::kPortrait); !ok) return Fail(ok.error());
  if (capture.jpeg.empty()) return Fail(Error::InvalidArgument(N_("Take the portrait.")));
  auto ref = Keep(std::string(kPortraitItem), Span(capture.jpeg));
  if (!ref) return Fail(ref.error());
  PortraitComparison comparison;
  if (auto chip = ChipFace()) {
    try {
      comparison.chip_face = cv::imdecode(
          cv::Mat(1, static_cast<int>(chip->size()), CV_8U, chip->data()), cv::IMREAD_COLOR);
    } catch (const cv::Exception& e) {
      spdlog::warn("chip photo not decodable: {}", e.what());
    }
  }
  if (comparison.chip_face.empty()) {
    comparison.status = PortraitComparison::Status::kNoChipPhoto;
  } else if (matcher == nullptr) {
    comparison.status = PortraitComparison::Status::kNoMatcher;
  } else {
    cv::Mat live;
    try {
      live = cv::imdecode(cv::Mat(1, static_cast<int>(capture.jpeg.size()), CV_8U,
                                  const_cast<uint8_t*>(capture.jpeg.data())),
                          cv::IMREAD_COLOR);
    } catch (const cv::Exception& e) {
      spdlog::warn("portrait not decodable: {}", e.what());
    }
    auto compared = matcher->Compare(live, comparison.chip_face);
    if (!compared) {
      comparison.status = PortraitComparison::Status::kFailed;
      comparison.error = compared.error();
    } else {
      comparison.status = PortraitComparison::Status::kCompared;
      comparison.score = compared->score;
      comparison.band = compared->band;
      // The review flag reads the stored score against this: anything short of "same person
      // likely" (uncertain or different) is for the supervisor to look at.
      comparison.threshold = biometrics::face::FaceMatchThresholds{}.same_person_at_least;
    }
  }
  const std::optional<double> threshold =
      comparison.score ? std::optional<double>(comparison.threshold) : std::nullopt;
  if (auto stored = workflow_.SetPortrait(*ref, capture.quality, comparison.score, threshold); !stored) {
    return Fail(stored.error());
  }
  return comparison;
}

// ---- Fingerprints

std::vector<FingerProgress> Visit::FingerProgressList() const {
  std::vector<FingerProgress> out;
  for (const auto& slot : slots_.slots()) {
    FingerProgress progress;
    progress.finger = slot.finger;
    progress.status = slot.status;
    progress.attempts = static_cast<int>(slot.attempts.size());
    progress.max_attempts = policy_.max_finger_attempts;
    if (slot.best_attempt) progress.best_score = slot.attempts[*slot.best_attempt].score;
    out.push_back(progress);
  }
  return out;
}

Result<FingerAttemptOutcome> Visit::RecordFingerAttempt(Finger which, FingerPrintCheck check) {
  if (auto ok = workflow_.CheckCanChange(Step::kFingerprints); !ok) return Fail(ok.error());
  const finger::FingerSlot* slot = slots_.Find(which);
  if (slot == nullptr) {
    return Fail(Error(ErrorCode::kPolicyViolation, N_("The finger {0} is not required."))
                    .WithArg(std::string(ToString(which))));
  }
  if (slot->status == finger::SlotStatus::kNeedsDecision) {
    return Fail(Error(ErrorCode::kPolicyViolation,
                      N_("No attempts left for this finger: record an exception (unreadable) with a note.")));
  }
  FingerAttemptOutcome outcome;
  outcome.score = check.quality.score;
  outcome.acceptable = check.quality.acceptable;
  if (!check.quality.feedback.empty()) outcome.feedback_key = check.quality.feedback.front().message_key;
  // The same finger placed for another one (the citizen confused, or a swap) is refused, unless
  // the finger it matched was redone or excepted while this capture was checked. It is not an
  // attempt: nothing was wrong with the print.
  if (outcome.acceptable && check.duplicate_of) {
    auto kept = templates_.find(*check.duplicate_of);
    if (kept != templates_.end() && kept->second == check.duplicate_template) {
      outcome.duplicate_of = check.duplicate_of;
      return outcome;
    }
  }
  // A new capture of a finger already done starts it again; its print stays until replaced.
  if (slot->status == finger::SlotStatus::kAccepted || slot->status == finger::SlotStatus::kException) {
    if (auto reset = slots_.Reset(which); !reset) return Fail(reset.error());
  }
  SecretBytes print = check.png.Copy();
  auto status = slots_.RecordAttempt(which, check.quality, std::move(check.png));
  if (!status) return Fail(status.error());
  outcome.attempts_left = *status != finger::SlotStatus::kNeedsDecision;
  if (!outcome.acceptable) return outcome;
  auto ref = Keep(FingerItemName(which), Span(print));
  if (!ref) return Fail(ref.error());
  if (auto stored = workflow_.SetFingerprint(which, *ref, outcome.score); !stored) return Fail(stored.error());
  // A redone finger's template replaces the old one; none when the check could not make one.
  if (check.print_template) {
    templates_[which] = check.print_template;
  } else {
    templates_.erase(which);
  }
  outcome.kept = true;
  outcome.duplicate_check_failed = check.duplicate_check_failed;
  return outcome;
}

Result<void> Visit::KeepBestFingerAttempt(Finger which) {
  if (auto ok = workflow_.CheckCanChange(Step::kFingerprints); !ok) return ok;
  if (auto kept = slots_.KeepBestAttempt(which, enrollment().officer); !kept) return kept;
  const finger::FingerSlot* slot = slots_.Find(which);
  if (slot == nullptr || !slot->best_attempt || slot->best_image.empty()) {
    return Fail(MissingImage("no best attempt"));
  }
  auto ref = Keep(FingerItemName(which), Span(slot->best_image));
  if (!ref) return Fail(ref.error());
  templates_.erase(which);
  return workflow_.SetFingerprint(which, *ref, slot->attempts[*slot->best_attempt].score,
                                  /*kept_below_threshold=*/true);
}

Result<void> Visit::RecordFingerException(Finger which, FingerException exception, std::string note) {
  if (auto ok = workflow_.CheckCanChange(Step::kFingerprints); !ok) return ok;
  const finger::FingerSlot* slot = slots_.Find(which);
  if (slot != nullptr && slot->status == finger::SlotStatus::kAccepted) {
    if (auto reset = slots_.Reset(which); !reset) return reset;
  }
  if (auto recorded = slots_.RecordException(which, exception, note, enrollment().officer); !recorded) {
    return recorded;
  }
  templates_.erase(which);
  return workflow_.RecordFingerException(which, exception, std::move(note));
}

// ---- Papers

Result<size_t> Visit::AddPaper(documents::PaperType type, const PaperEntry& entry, const cv::Mat& page,
                               bool original_sighted) {
  if (auto ok = workflow_.CheckCanChange(Step::kPapers); !ok) return Fail(ok.error());
  documents::PaperFields fields;
  std::map<std::string, PaperFieldSource> sources;
  for (const auto& [name, field] : entry) {
    if (field.value.empty()) continue;
    fields[name] = field.value;
    sources[name] = field.source;
  }
  std::vector<ImageRef> pages;
  if (!page.empty()) {
    // A name no other page of this draft uses: a paper's number can come free after a removal.
    std::set<std::string> taken;
    for (const auto& paper : enrollment().papers) {
      for (const auto& ref : paper.pages) taken.insert(ItemOfImage(ref));
    }
    std::string name;
    for (size_t n = 0; taken.contains(name = PaperPageItemName(n, "front")); ++n) {
    }
    std::vector<uint8_t> jpeg;
    try {
      if (!cv::imencode(".jpg", page, jpeg, {cv::IMWRITE_JPEG_QUALITY, kPaperJpegQuality})) {
        return Fail(Error::Internal("imencode failed"));
      }
    } catch (const cv::Exception& e) {
      return Fail(Error::Internal(std::string("imencode: ") + e.what()));
    }
    auto ref = Keep(name, jpeg);
    if (!ref) return Fail(ref.error());
    pages.push_back(*ref);
  }
  auto index = workflow_.AddPaper(type, fields, std::move(pages), std::move(sources));
  if (!index) return Fail(index.error());
  if (auto confirmed = workflow_.ConfirmPaper(*index, original_sighted); !confirmed) {
    return Fail(confirmed.error());
  }
  return *index;
}

// ---- Seal

Result<std::vector<std::string>> Visit::PendingReviewFlags() {
  std::vector<SecretBytes> kept;
  kept.reserve(kKeptChipFiles.size());  // the spans below point into it
  ChipFiles chip;
  for (uint16_t fid : kKeptChipFiles) {
    auto bytes = drafts_->LoadBlob(enrollment().draft_id, ChipItemName(fid));
    if (!bytes) {
      if (bytes.error().code() == ErrorCode::kNotFound) continue;
      return Fail(bytes.error());
    }
    kept.push_back(std::move(*bytes));
    if (!kept.back().empty()) chip[fid] = Span(kept.back());
  }
  return ReviewFlagsOf(enrollment(), chip);
}

Result<SealedRecord> Visit::SealDraft() {
  if (sealed_) return *sealed_;
  if (enrollment().sealed) {
    // Sealed by an earlier run that stopped before the store had it: the same bytes again.
    auto canonical = CanonicalRecord(enrollment());
    if (!canonical) return Fail(canonical.error());
    auto hash = Sha256Hex(*canonical);
    if (!hash) return Fail(hash.error());
    sealed_ = SealedRecord{enrollment(), *canonical, *hash};
    return *sealed_;
  }
  auto sealed = workflow_.Seal();
  if (!sealed) return Fail(sealed.error());
  sealed_ = std::move(*sealed);
  return *sealed_;
}

Result<std::vector<batch::Item>> Visit::SealedItems() {
  if (!sealed_) return Fail(Error(ErrorCode::kPolicyViolation, N_("Seal the record first.")));
  return ItemsOf(*sealed_);
}

Result<std::vector<batch::Item>> Visit::ItemsOf(const SealedRecord& sealed) {
  const Enrollment& e = sealed.enrollment;
  std::vector<batch::Item> items;
  auto add = [&](const ImageRef& ref, batch::ItemKind kind) -> Result<void> {
    auto bytes = LoadImage(ref);
    if (!bytes) return Fail(bytes.error());
    items.push_back({ItemOfImage(ref), kind, std::move(*bytes)});
    return {};
  };
  if (e.portrait.image) {
    if (auto r = add(*e.portrait.image, batch::ItemKind::kBiometric); !r) return Fail(r.error());
  }
  for (const auto& [which, item] : e.fingers) {
    if (!item.image) continue;
    if (auto r = add(*item.image, batch::ItemKind::kBiometric); !r) return Fail(r.error());
  }
  for (const auto& paper : e.papers) {
    for (const auto& page : paper.pages) {
      if (auto r = add(page, batch::ItemKind::kDocument); !r) return Fail(r.error());
    }
  }
  for (uint16_t fid : kKeptChipFiles) {
    auto bytes = drafts_->LoadBlob(e.draft_id, ChipItemName(fid));
    if (!bytes) {
      if (bytes.error().code() == ErrorCode::kNotFound) continue;  // the chip was not read
      return Fail(bytes.error());
    }
    if (bytes->empty()) continue;  // not on this chip
    items.push_back({ChipItemName(fid), batch::ItemKind::kChip, std::move(*bytes)});
  }
  items.push_back({std::string(kRecordItem), batch::ItemKind::kPersonal,
                   SecretBytes(reinterpret_cast<const uint8_t*>(sealed.canonical.data()),
                               sealed.canonical.size())});
  return items;
}

Result<StoredVisit> Visit::Seal(batch::Records& records, const auth::Session& officer) {
  auto sealed = SealDraft();
  if (!sealed) return Fail(sealed.error());
  auto items = ItemsOf(*sealed);
  if (!items) return Fail(items.error());
  SealedItemBytes view;
  for (const auto& item : *items) view[item.field] = Span(item.data);
  StoredVisit stored;
  stored.review_flags = ReviewFlagsOfSealedItems(view);  // what the store computes as well
  batch::SealRequest request;
  request.items = std::move(*items);
  // One transaction: the record is in the store whole, or not at all.
  auto summary = records.Seal(officer, request);
  if (!summary) return Fail(summary.error());
  // Only once the store holds the sealed record may the draft go.
  if (auto released = workflow_.ReleaseDraft(); !released) {
    spdlog::warn("draft not released: {}", released.error().ToLogString());
  }
  stored.record = std::move(*sealed);
  stored.summary = std::move(*summary);
  auto receipt = documents::MakeReceipt(stored.record.enrollment, stored.summary.record_number,
                                        stored.record.enrollment.officer, stored.summary.sealed_at);
  if (receipt) {
    stored.receipt = std::move(*receipt);
  } else {
    spdlog::warn("receipt not made: {}", receipt.error().ToLogString());
  }
  return stored;
}

}  // namespace kiosk::enrollment
