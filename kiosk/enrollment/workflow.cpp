#include "kiosk/enrollment/workflow.h"

#include <openssl/rand.h>

#include <ctime>
#include <nlohmann/json.hpp>

#include "kiosk/biometrics/finger/finger_position.h"
#include "kiosk/core/i18n.h"
#include "kiosk/documents/contact.h"
#include "kiosk/enrollment/canonical.h"
#include "kiosk/identity/cccd_qr.h"
#include "kiosk/identity/unicode.h"

namespace kiosk::enrollment {

namespace {

std::string IsoUtc(Clock::WallTime time) {
  const std::time_t t = std::chrono::system_clock::to_time_t(time);
  std::tm tm{};
  gmtime_r(&t, &tm);
  char buffer[32];
  std::strftime(buffer, sizeof buffer, "%Y-%m-%dT%H:%M:%SZ", &tm);
  return buffer;
}

Result<std::string> NewDraftId() {
  unsigned char bytes[12];
  if (RAND_bytes(bytes, sizeof bytes) != 1) {
    return Fail(Error(ErrorCode::kCrypto,
                      N_("An internal error occurred. Please report it to the technician."),
                      "RAND_bytes"));
  }
  static constexpr char kHex[] = "0123456789abcdef";
  std::string id = "d";
  for (unsigned char b : bytes) {
    id.push_back(kHex[b >> 4]);
    id.push_back(kHex[b & 0xF]);
  }
  return id;
}

int Index(Step step) { return static_cast<int>(step); }

Error Refused(std::string key) { return Error(ErrorCode::kPolicyViolation, std::move(key)); }

std::string Trimmed(std::string_view text) {
  while (!text.empty() && std::isspace(static_cast<unsigned char>(text.front()))) text.remove_prefix(1);
  while (!text.empty() && std::isspace(static_cast<unsigned char>(text.back()))) text.remove_suffix(1);
  return std::string(text);
}

}  // namespace

std::vector<Finger> DefaultRequiredFingers() { return biometrics::finger::DefaultFingers(); }

Workflow::Workflow(DraftStore& store, const Clock& clock, Policy policy, Enrollment enrollment)
    : store_(&store), clock_(&clock), policy_(std::move(policy)), enrollment_(std::move(enrollment)) {}

Result<Workflow> Workflow::Start(DraftStore& store, const Clock& clock, std::string officer,
                                 Policy policy) {
  auto id = NewDraftId();
  if (!id) return Fail(id.error());
  Enrollment enrollment;
  enrollment.draft_id = *id;
  enrollment.officer = std::move(officer);
  enrollment.created_at = IsoUtc(clock.Now());
  Workflow workflow(store, clock, std::move(policy), std::move(enrollment));
  if (auto saved = workflow.Save(); !saved) return Fail(saved.error());
  return workflow;
}

Result<Workflow> Workflow::Resume(DraftStore& store, const Clock& clock,
                                  const std::string& draft_id, Policy policy) {
  auto text = store.Load(draft_id);
  if (!text) return Fail(text.error());
  nlohmann::json json = nlohmann::json::parse(*text, nullptr, /*allow_exceptions=*/false);
  if (json.is_discarded()) {
    return Fail(Error(ErrorCode::kCorrupt, N_("The saved enrollment draft is damaged."), "not JSON"));
  }
  auto enrollment = EnrollmentFromJson(json);
  if (!enrollment) return Fail(enrollment.error());
  if (enrollment->draft_id != draft_id) {
    return Fail(Error(ErrorCode::kCorrupt, N_("The saved enrollment draft is damaged."), "id"));
  }
  return Workflow(store, clock, std::move(policy), std::move(*enrollment));
}

Result<void> Workflow::Save() {
  if (cancelled_) return Fail(Refused(N_("This enrollment was cancelled.")));
  auto text = CanonicalJson(nlohmann::json(enrollment_));
  if (!text) return Fail(text.error());
  return store_->Save(enrollment_.draft_id, *text);
}

Result<void> Workflow::RequireStep(Step step) const { return RequireStep(step, step); }

Result<void> Workflow::RequireStep(Step a, Step b) const {
  if (cancelled_) return Fail(Refused(N_("This enrollment was cancelled.")));
  if (enrollment_.sealed) return Fail(Refused(N_("The record is sealed and cannot be changed.")));
  if (enrollment_.current_step != a && enrollment_.current_step != b) {
    return Fail(Refused(N_("Go back to the step \"{0}\" to change this.")).WithArg(std::string(Title(a))));
  }
  return {};
}

std::vector<identity::Mismatch> Workflow::UnresolvedMismatches() const {
  std::vector<identity::Mismatch> out;
  for (auto& mismatch : identity::FindMismatches(enrollment_.identity.sources)) {
    bool resolved = false;
    for (const auto& r : enrollment_.identity.resolutions) {
      resolved = resolved || (r.field == mismatch.field && mismatch.values.contains(r.chosen));
    }
    if (!resolved) out.push_back(std::move(mismatch));
  }
  return out;
}

std::vector<MissingItem> Workflow::MissingItems(Step step) const {
  std::vector<MissingItem> out;
  const Enrollment& e = enrollment_;
  switch (step) {
    case Step::kIdentifyCard:
      if (!e.identity.sources.contains(identity::IdentitySource::kQr) &&
          !e.identity.sources.contains(identity::IdentitySource::kTyped)) {
        out.push_back({step, "identity.card",
                       N_("Scan the QR code on the ID card, or type the ID number and date of "
                          "birth.")});
      }
      break;
    case Step::kReadChip:
      if (!(e.identity.chip && e.identity.chip->read) && e.identity.chip_exception.empty()) {
        out.push_back({step, "identity.chip",
                       N_("Read the chip, or record why it cannot be read.")});
      }
      for (const auto& mismatch : UnresolvedMismatches()) {
        out.push_back({step, "identity.mismatch." + mismatch.field,
                       N_("The card's sources disagree: choose the right value.")});
      }
      break;
    case Step::kPortrait:
      if (!e.portrait.image) {
        out.push_back({step, "portrait.image", N_("Take the portrait.")});
      } else if (!e.portrait.confirmed) {
        out.push_back({step, "portrait.confirmed", N_("Confirm the portrait or retake it.")});
      }
      break;
    case Step::kFingerprints:
      for (Finger finger : policy_.required_fingers) {
        auto it = e.fingers.find(finger);
        const bool done = it != e.fingers.end() &&
                          ((it->second.image && (it->second.quality >= policy_.minimum_finger_quality ||
                                                 it->second.kept_below_threshold)) ||
                           it->second.exception);
        if (!done) {
          out.push_back({step, "fingers." + std::string(ToString(finger)),
                         N_("Capture this finger, or record why it cannot be captured.")});
        }
      }
      break;
    case Step::kPapers:
      for (size_t i = 0; i < e.papers.size(); ++i) {
        const std::string key = "papers." + std::to_string(i);
        if (!e.papers[i].fields_confirmed) {
          out.push_back({step, key + ".fields_confirmed", N_("Check and confirm the paper's fields.")});
        }
        if (!e.papers[i].original_sighted) {
          out.push_back({step, key + ".original_sighted",
                         N_("Tick \"original sighted\" after checking the original paper.")});
        }
      }
      break;
    case Step::kContactConsent:
      if (e.contact.phone_e164.empty()) {
        out.push_back({step, "contact.phone", N_("Enter the citizen's mobile phone number.")});
      }
      if (!e.contact.consent) {
        out.push_back({step, "contact.consent", N_("Record the citizen's consent.")});
      }
      break;
    case Step::kReviewSeal:
      break;
  }
  return out;
}

std::vector<MissingItem> Workflow::AllMissingItems() const {
  std::vector<MissingItem> out;
  for (Step step : kAllSteps) {
    auto more = MissingItems(step);
    out.insert(out.end(), more.begin(), more.end());
  }
  return out;
}

Result<void> Workflow::Next() {
  if (auto ok = RequireStep(enrollment_.current_step); !ok) return ok;
  if (enrollment_.current_step == Step::kReviewSeal) {
    return Fail(Refused(N_("This is the last step: seal the record.")));
  }
  if (!MissingItems(enrollment_.current_step).empty()) {
    return Fail(Refused(N_("This step is not complete: {0} item(s) missing."))
                    .WithArg(std::to_string(MissingItems(enrollment_.current_step).size())));
  }
  enrollment_.current_step = static_cast<Step>(Index(enrollment_.current_step) + 1);
  if (Index(enrollment_.current_step) > Index(enrollment_.furthest_step)) {
    enrollment_.furthest_step = enrollment_.current_step;
  }
  return Save();
}

Result<void> Workflow::Back() {
  if (enrollment_.current_step == Step::kIdentifyCard) {
    return Fail(Refused(N_("This is the first step.")));
  }
  return GoTo(static_cast<Step>(Index(enrollment_.current_step) - 1));
}

Result<void> Workflow::GoTo(Step step) {
  if (auto ok = RequireStep(enrollment_.current_step); !ok) return ok;
  if (Index(step) > Index(enrollment_.furthest_step)) {
    return Fail(Refused(N_("Complete the steps before \"{0}\" first.")).WithArg(std::string(Title(step))));
  }
  enrollment_.current_step = step;
  return Save();
}

Result<void> Workflow::ChangeSource(identity::IdentitySource source,
                                    identity::IdentityFields fields) {
  enrollment_.identity.sources[source] = std::move(fields);
  // Decisions were made about the values then on screen; a new reading voids them.
  enrollment_.identity.resolutions.clear();
  return Save();
}

Result<void> Workflow::SetQrPayload(std::string_view payload) {
  if (auto ok = RequireStep(Step::kIdentifyCard); !ok) return ok;
  auto qr = identity::ParseCccdQr(payload);
  if (!qr) return Fail(qr.error());
  return ChangeSource(identity::IdentitySource::kQr, identity::IdentityFields::FromQr(*qr));
}

Result<void> Workflow::SetTypedIdentity(const identity::ManualEntry& entry) {
  if (auto ok = RequireStep(Step::kIdentifyCard); !ok) return ok;
  auto fields = identity::ValidateManualEntry(entry);
  if (!fields) return Fail(fields.error());
  return ChangeSource(identity::IdentitySource::kTyped, *fields);
}

Result<void> Workflow::SetChipResult(const identity::IdentityFields& fields,
                                     const ChipResult& result) {
  if (auto ok = RequireStep(Step::kReadChip); !ok) return ok;
  enrollment_.identity.chip = result;
  enrollment_.identity.chip_exception.clear();
  return ChangeSource(identity::IdentitySource::kChip, fields);
}

Result<void> Workflow::RecordChipException(std::string reason) {
  if (auto ok = RequireStep(Step::kReadChip); !ok) return ok;
  reason = Trimmed(reason);
  if (reason.empty()) {
    return Fail(Error::InvalidArgument(N_("Say why the chip cannot be read.")));
  }
  enrollment_.identity.chip_exception = reason;
  return Save();
}

Result<void> Workflow::ResolveMismatch(const std::string& field, identity::IdentitySource chosen,
                                       std::string note) {
  if (auto ok = RequireStep(Step::kIdentifyCard, Step::kReadChip); !ok) return ok;
  note = Trimmed(note);
  if (note.empty()) {
    return Fail(Error::InvalidArgument(N_("Write a note saying why this value is the right one.")));
  }
  bool found = false;
  for (const auto& mismatch : identity::FindMismatches(enrollment_.identity.sources)) {
    found = found || (mismatch.field == field && mismatch.values.contains(chosen));
  }
  if (!found) {
    return Fail(Error::InvalidArgument(N_("There is no such disagreement to resolve.")));
  }
  std::erase_if(enrollment_.identity.resolutions,
                [&](const identity::MismatchResolution& r) { return r.field == field; });
  enrollment_.identity.resolutions.push_back({field, chosen, note});
  return Save();
}

Result<void> Workflow::SetPortrait(const ImageRef& image, double quality,
                                   std::optional<double> face_match,
                                   std::optional<double> face_match_threshold) {
  if (auto ok = RequireStep(Step::kPortrait); !ok) return ok;
  PortraitItem portrait;
  portrait.image = image;
  portrait.quality = quality;
  portrait.face_match = face_match;
  portrait.face_match_threshold = face_match ? face_match_threshold : std::nullopt;
  enrollment_.portrait = std::move(portrait);
  return Save();
}

Result<void> Workflow::ConfirmPortrait() {
  if (auto ok = RequireStep(Step::kPortrait); !ok) return ok;
  if (!enrollment_.portrait.image) return Fail(Refused(N_("Take the portrait.")));
  enrollment_.portrait.confirmed = true;
  return Save();
}

Result<void> Workflow::SetFingerprint(Finger finger, const ImageRef& image, int quality,
                                      bool kept_below_threshold) {
  if (auto ok = RequireStep(Step::kFingerprints); !ok) return ok;
  if (quality < policy_.minimum_finger_quality && !kept_below_threshold) {
    return Fail(Error::InvalidArgument(N_("The print's quality is too low ({0}): clean the sensor "
                                          "and the finger, and capture it again."))
                    .WithArg(std::to_string(quality)));
  }
  FingerItem item;
  item.image = image;
  item.quality = quality;
  item.kept_below_threshold = quality < policy_.minimum_finger_quality;
  enrollment_.fingers[finger] = std::move(item);
  return Save();
}

Result<void> Workflow::RecordFingerException(Finger finger, FingerException exception,
                                             std::string note) {
  if (auto ok = RequireStep(Step::kFingerprints); !ok) return ok;
  note = Trimmed(note);
  if (note.empty()) {
    return Fail(Error::InvalidArgument(N_("Say why this finger cannot be captured.")));
  }
  FingerItem item;
  item.exception = exception;
  item.exception_note = note;
  enrollment_.fingers[finger] = std::move(item);
  return Save();
}

Result<size_t> Workflow::AddPaper(documents::PaperType type, const documents::PaperFields& fields,
                                  std::vector<ImageRef> pages,
                                  std::map<std::string, PaperFieldSource> sources) {
  if (auto ok = RequireStep(Step::kPapers); !ok) return Fail(ok.error());
  if (enrollment_.papers.size() >= policy_.max_papers) {
    return Fail(Refused(N_("No more papers can be added to this enrollment.")));
  }
  std::optional<std::string_view> citizen_id;
  for (const auto& [source, f] : enrollment_.identity.sources) {
    if (!f.id_number.empty()) citizen_id = f.id_number;
  }
  auto normalised = documents::ValidatePaperFields(type, fields, citizen_id);
  if (!normalised) return Fail(normalised.error());
  PaperItem paper;
  paper.type = std::string(documents::ToString(type));
  paper.fields = *normalised;
  // Provenance of the fields kept only: a source for a field the model dropped says nothing.
  for (auto& [name, source] : sources) {
    if (paper.fields.contains(name)) paper.field_sources[name] = std::move(source);
  }
  paper.pages = std::move(pages);
  enrollment_.papers.push_back(std::move(paper));
  if (auto saved = Save(); !saved) return Fail(saved.error());
  return enrollment_.papers.size() - 1;
}

Result<void> Workflow::ConfirmPaper(size_t index, bool original_sighted) {
  if (auto ok = RequireStep(Step::kPapers); !ok) return ok;
  if (index >= enrollment_.papers.size()) return Fail(Error::InvalidArgument(N_("No such paper.")));
  enrollment_.papers[index].fields_confirmed = true;
  enrollment_.papers[index].original_sighted = original_sighted;
  return Save();
}

std::vector<std::string> PaperHolderMismatches(const Enrollment& enrollment, size_t index) {
  std::vector<std::string> out;
  if (index >= enrollment.papers.size()) return out;
  const auto& paper = enrollment.papers[index];
  const auto& sources = enrollment.identity.sources;
  auto name_key = [](const std::string& name) {
    return identity::ToUpperVietnamese(identity::CollapseSpaces(name));
  };
  const bool vehicle = documents::ToString(documents::PaperType::kVehicleRegistration) == paper.type;
  if (auto it = paper.fields.find(vehicle ? "owner_name" : "full_name");
      it != paper.fields.end() && !sources.empty()) {
    bool matches = false;
    for (const auto& [source, f] : sources) {
      matches = matches || (!f.full_name.empty() && name_key(f.full_name) == name_key(it->second));
    }
    if (!matches) out.emplace_back("full_name");
  }
  if (auto it = paper.fields.find("date_of_birth"); it != paper.fields.end()) {
    bool matches = false;
    for (const auto& [source, f] : sources) {
      matches = matches || (f.date_of_birth && f.date_of_birth->ToIso() == it->second);
    }
    if (!matches) out.emplace_back("date_of_birth");
  }
  return out;
}

std::vector<std::string> Workflow::HolderMismatches(size_t index) const {
  return PaperHolderMismatches(enrollment_, index);
}

Result<void> Workflow::RemovePaper(size_t index) {
  if (auto ok = RequireStep(Step::kPapers); !ok) return ok;
  if (index >= enrollment_.papers.size()) return Fail(Error::InvalidArgument(N_("No such paper.")));
  enrollment_.papers.erase(enrollment_.papers.begin() + static_cast<std::ptrdiff_t>(index));
  return Save();
}

Result<void> Workflow::SetContact(std::string_view phone, std::string_view email) {
  if (auto ok = RequireStep(Step::kContactConsent); !ok) return ok;
  auto e164 = documents::NormalisePhoneNumber(phone);
  if (!e164) return Fail(e164.error());
  std::string checked_email;
  if (!Trimmed(email).empty()) {
    auto valid = documents::ValidateEmail(email);
    if (!valid) return Fail(valid.error());
    checked_email = *valid;
  }
  enrollment_.contact.phone_e164 = *e164;
  enrollment_.contact.email = checked_email;
  return Save();
}

Result<void> Workflow::SetConsent(bool consent) {
  if (auto ok = RequireStep(Step::kContactConsent); !ok) return ok;
  enrollment_.contact.consent = consent;
  return Save();
}

Result<SealedRecord> Workflow::Seal() {
  if (auto ok = RequireStep(Step::kReviewSeal); !ok) return Fail(ok.error());
  const auto missing = AllMissingItems();
  if (!missing.empty()) {
    return Fail(Refused(N_("The record cannot be sealed: {0} item(s) are missing."))
                    .WithArg(std::to_string(missing.size())));
  }
  Enrollment sealed = enrollment_;
  sealed.sealed = true;
  sealed.sealed_at = IsoUtc(clock_->Now());
  auto canonical = CanonicalRecord(sealed);
  if (!canonical) return Fail(canonical.error());
  auto hash = Sha256Hex(*canonical);
  if (!hash) return Fail(hash.error());
  enrollment_ = sealed;
  if (auto saved = store_->Save(enrollment_.draft_id, *CanonicalJson(nlohmann::json(enrollment_)));
      !saved) {
    return Fail(saved.error());
  }
  return SealedRecord{enrollment_, *canonical, *hash};
}

Result<void> Workflow::ReleaseDraft() {
  if (!enrollment_.sealed) return Fail(Refused(N_("Only a sealed record's draft can be released.")));
  return store_->Delete(enrollment_.draft_id);
}

Result<void> Workflow::Cancel(std::string_view reason) {
  if (cancelled_) return Fail(Refused(N_("This enrollment was cancelled.")));
  if (enrollment_.sealed) return Fail(Refused(N_("The record is sealed and cannot be changed.")));
  if (Trimmed(reason).empty()) {
    return Fail(Error::InvalidArgument(N_("Give a reason for cancelling the enrollment.")));
  }
  if (auto deleted = store_->Delete(enrollment_.draft_id); !deleted) return deleted;
  Enrollment emptied;  // the citizen's data goes; the draft number stays for the audit entry
  emptied.draft_id = enrollment_.draft_id;
  emptied.officer = enrollment_.officer;
  emptied.created_at = enrollment_.created_at;
  enrollment_ = std::move(emptied);
  cancelled_ = true;
  return {};
}

}  // namespace kiosk::enrollment
