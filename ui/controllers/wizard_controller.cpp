#include "ui/controllers/wizard_controller.h"

#include <spdlog/spdlog.h>

#include <algorithm>
#include <cstdlib>

#include "kiosk/biometrics/face/face_matcher.h"
#include "kiosk/core/i18n.h"
#include "kiosk/crypto/crypto.h"
#include "kiosk/identity/cccd_id.h"

namespace kiosk::ui {

using enrollment::Step;
using enrollment::Workflow;

namespace {


identity::IdentityFields FieldsFromChip(const emrtd::ChipIdentity& chip) {
  identity::IdentityFields f;
  f.id_number = chip.id_number;
  f.full_name = chip.full_name;
  if (auto dob = identity::ParseDate(chip.date_of_birth)) f.date_of_birth = *dob;
  if (!chip.expiry_date.empty()) {
    if (auto expiry = identity::ParseDate(chip.expiry_date)) f.expiry = *expiry;
  }
  if (auto gender = identity::ParseGender(chip.gender)) f.gender = *gender;
  return f;
}

// The compared field's name for people (an English msgid).
std::string_view FieldLabel(std::string_view field) {
  if (field == "id_number") return N_("ID number");
  if (field == "full_name") return N_("Full name");
  if (field == "date_of_birth") return N_("Date of birth");
  if (field == "gender") return N_("Gender");
  if (field == "expiry") return N_("Expiry date");
  return field;
}

constexpr std::string_view kDraftPrefix = "draft:";
constexpr const char* kChipFaceBlob = "chip.face";

// The chip files the record keeps (EF.COM, EF.SOD, DG1, DG2, DG13, DG14, DG15): the proof of
// what the chip said, re-verifiable centrally.
constexpr uint16_t kKeptChipFiles[] = {0x011E, 0x011D, 0x0101, 0x0102, 0x010D, 0x010E, 0x010F};

std::string ChipBlobName(uint16_t fid) {
  const uint8_t bytes[] = {static_cast<uint8_t>(fid >> 8), static_cast<uint8_t>(fid & 0xFF)};
  return "chip." + crypto::ToHex(bytes);  // "chip.011d"
}

std::string ActiveInWords(const emrtd::AuthReport& report) {
  if (!report.reason_key.empty()) return i18n::tr(report.reason_key);
  return i18n::tr(emrtd::ToString(report.status));
}

}  // namespace

WizardController::WizardController(WizardView& view, TaskRunner& runner,
                                   enrollment::DraftStore& drafts, batch::Records& records,
                                   const Clock& clock, ChipSource* chip, enrollment::Policy policy)
    : view_(view),
      runner_(runner),
      drafts_(drafts),
      records_(records),
      clock_(clock),
      chip_(chip),
      policy_(std::move(policy)) {}

template <class T>
void WizardController::Submit(std::function<Result<T>()> work, std::function<void(T&)> on_success,
                              std::function<void(const Error&)> on_error) {
  last_error_.reset();
  SubmitForm<T>(
      view_, runner_, alive_, std::move(work), std::move(on_success),
      [this, alive = std::weak_ptr<bool>(alive_), on_error = std::move(on_error)](const Error& error) {
        if (alive.expired()) return;
        last_error_ = error;
        if (on_error) on_error(error);
      });
}

void WizardController::Begin(const auth::Session& officer) {
  officer_ = officer;
  last_chip_.reset();
  auto started = std::make_shared<std::unique_ptr<Workflow>>();
  Submit<bool>(
      [this, started]() -> Result<bool> {
        if (auto allowed = records_.CheckNewEnrollmentAllowed(officer_); !allowed) {
          return Fail(allowed.error());
        }
        auto workflow = Workflow::Start(drafts_, clock_, officer_.username, policy_);
        if (!workflow) return Fail(workflow.error());
        *started = std::make_unique<Workflow>(std::move(*workflow));
        return true;
      },
      [this, started](bool&) {
        // Hand the workflow to the worker side: all further use happens there.
        runner_.Run([this, started] { workflow_ = std::move(*started); Refresh(); }, [] {});
      });
}

void WizardController::Change(std::function<Result<void>(Workflow&)> fn) {
  Submit<bool>(
      [this, fn = std::move(fn)]() -> Result<bool> {
        if (!workflow_) return Fail(Error::InvalidArgument("Start a new enrollment first."));
        auto r = fn(*workflow_);
        // Even a refused change may have done its first part (data accepted, then Next refused).
        Refresh();
        if (!r) return Fail(r.error());
        return true;
      },
      [](bool&) {});
}

std::vector<std::string> WizardController::MissingLines(Step step) const {
  std::vector<std::string> lines;
  for (const auto& item : workflow_->MissingItems(step)) lines.push_back(i18n::tr(item.message_key));
  return lines;
}

void WizardController::Refresh() {
  Step step = workflow_->current_step();
  auto missing = MissingLines(step);
  std::vector<std::string> mismatches;
  for (const auto& m : workflow_->UnresolvedMismatches()) {
    std::string line = i18n::tr(FieldLabel(m.field)) + ":";
    for (const auto& [source, value] : m.values) {
      line += " " + std::string(identity::ToString(source)) + "=" + value;
    }
    mismatches.push_back(line);
  }
  runner_.RunOnUiThread([this, alive = std::weak_ptr<bool>(alive_), step, missing, mismatches,
                         enrollment = workflow_->enrollment()] {
    if (alive.expired()) return;
    view_.ShowEnrollment(enrollment);
    view_.ShowStep(step, missing);
    view_.ShowMismatches(mismatches);
  });
}

void WizardController::SubmitQr(const std::string& payload) {
  Change([payload](Workflow& w) { return w.SetQrPayload(payload); });
}

void WizardController::SubmitTyped(const identity::ManualEntry& entry, bool proceed) {
  Change([entry, proceed](Workflow& w) -> Result<void> {
    if (auto r = w.SetTypedIdentity(entry); !r || !proceed) return r;
    return w.Next();
  });
}

void WizardController::ResolveAllMismatches(identity::IdentitySource chosen,
                                            const std::string& note) {
  Change([chosen, note](Workflow& w) -> Result<void> {
    for (const auto& m : w.UnresolvedMismatches()) {
      if (auto r = w.ResolveMismatch(m.field, chosen, note); !r) return r;
    }
    return {};
  });
}

void WizardController::SubmitContact(const std::string& phone, const std::string& email,
                                     bool consent, bool proceed) {
  Change([phone, email, consent, proceed](Workflow& w) -> Result<void> {
    if (auto r = w.SetContact(phone, email); !r) return r;
    if (auto r = w.SetConsent(consent); !r || !proceed) return r;
    return w.Next();
  });
}

void WizardController::Next() { Change([](Workflow& w) { return w.Next(); }); }
void WizardController::Back() { Change([](Workflow& w) { return w.Back(); }); }
void WizardController::GoTo(Step step) { Change([step](Workflow& w) { return w.GoTo(step); }); }

Result<void> ValidateCccdCan(std::string_view can) {
  const bool digits = std::all_of(can.begin(), can.end(), [](char c) { return c >= '0' && c <= '9'; });
  if (can.size() != 6 || !digits) {
    return Fail(Error(ErrorCode::kInvalidArgument,
                      N_("The card access number (CAN) is the 6 digits printed on the card."),
                      "CAN must be 6 digits"));
  }
  return {};
}

void WizardController::ReadChip() {
  if (chip_ == nullptr) {
    view_.ShowError(i18n::tr("No card reader is configured on this station."));
    return;
  }
  StartChipRead(
      [this](ChipSource::Progress progress, std::stop_token stop) -> Result<emrtd::ChipReadResult> {
        // The access key comes from what identified the card: typed data first (it has the
        // expiry), else the QR with the expiry the officer typed.
        const auto& sources = workflow_->enrollment().identity.sources;
        const identity::IdentityFields* known = nullptr;
        for (auto source : {identity::IdentitySource::kTyped, identity::IdentitySource::kQr}) {
          auto it = sources.find(source);
          if (it != sources.end() && it->second.date_of_birth && it->second.expiry) {
            known = &it->second;
            break;
          }
        }
        if (known == nullptr) {
          return Fail(Error::InvalidArgument(
              "Identify the card first: the ID number, date of birth and expiry date open the chip."));
        }
        auto key = emrtd::MrzAccessKey::FromCccdId(known->id_number, known->date_of_birth->ToIso(),
                                                   known->expiry->ToIso());
        if (!key) return Fail(key.error());
        return chip_->Read(*key, std::move(progress), stop);
      },
      /*with_can=*/false);
}

void WizardController::ReadChipWithCan(const std::string& can) {
  if (chip_ == nullptr) {
    view_.ShowError(i18n::tr("No card reader is configured on this station."));
    return;
  }
  StartChipRead(
      [this, can](ChipSource::Progress progress, std::stop_token stop) -> Result<emrtd::ChipReadResult> {
        if (auto valid = ValidateCccdCan(can); !valid) return Fail(valid.error());
        return chip_->ReadWithCan(can, std::move(progress), stop);
      },
      /*with_can=*/true);
}

void WizardController::StartChipRead(
    std::function<Result<emrtd::ChipReadResult>(ChipSource::Progress, std::stop_token)> read,
    bool with_can) {
  chip_stop_ = std::stop_source();
  auto outcome = std::make_shared<ChipOutcome>();
  Submit<bool>(
      [this, outcome, read = std::move(read)]() -> Result<bool> {
        if (!workflow_) return Fail(Error::InvalidArgument("Start a new enrollment first."));
        auto kept = ReadAndKeepChip(read);
        if (!kept) return Fail(kept.error());
        *outcome = std::move(*kept);
        Refresh();
        return true;
      },
      [this, outcome](bool&) {
        last_chip_ = std::move(*outcome);
        if (auto summary = chip_summary()) view_.ShowChipResult(*summary);
      },
      [this, with_can](const Error& error) {
        // A refused MRZ key: the CAN printed on the card front is the other way in.
        if (!with_can && error.code() == ErrorCode::kWrongAccessKey) view_.OfferCan();
      });
}

Result<WizardController::ChipOutcome> WizardController::ReadAndKeepChip(
    const std::function<Result<emrtd::ChipReadResult>(ChipSource::Progress, std::stop_token)>& read_chip) {
  auto progress = [this, alive = std::weak_ptr<bool>(alive_)](const std::string& file, size_t done,
                                                              size_t total) {
    runner_.RunOnUiThread([this, alive, file, done, total] {
      if (!alive.expired()) view_.ShowChipProgress(file, done, total);
    });
  };
  auto read = read_chip(progress, chip_stop_.get_token());
  if (!read) {
    if (read.error().code() != ErrorCode::kCancelled) {
      Audit(audit::ChipRead(audit::ChipVerdict::kFailed, read.error().message_key()));
    }
    return Fail(read.error());
  }
  // Keep what the chip proved with the draft: the files for the record, the face for the
  // portrait comparison. A chip read again replaces them.
  const auto& draft = workflow_->enrollment().draft_id;
  for (uint16_t fid : kKeptChipFiles) {
    auto file = read->files.find(fid);
    if (file == read->files.end()) continue;
    if (auto kept = drafts_.SaveBlob(draft, ChipBlobName(fid), file->second); !kept) {
      return Fail(kept.error());
    }
  }
  if (!read->face.data.empty()) {
    if (auto kept = drafts_.SaveBlob(draft, kChipFaceBlob, read->face.data); !kept) {
      return Fail(kept.error());
    }
  }
  const auto& v = read->verification;
  enrollment::ChipResult chip_result;
  chip_result.read = true;
  chip_result.passive_authentication = emrtd::ToString(v.passive.overall);
  chip_result.active_authentication = emrtd::ToString(v.active.status);
  if (auto r = workflow_->SetChipResult(FieldsFromChip(read->identity), chip_result); !r) {
    return Fail(r.error());
  }
  Audit(audit::ChipRead(v.Genuine() ? audit::ChipVerdict::kGenuine
                        : v.overall == emrtd::ChipVerdict::kNotGenuine
                            ? audit::ChipVerdict::kFailed
                            : audit::ChipVerdict::kNotVerifiable,
                        v.reasons.empty() ? v.passive.reason_key : v.reasons.front().message_key));
  ChipOutcome outcome;
  outcome.passive = v.passive;
  outcome.active = v.active;
  outcome.verification = v;
  outcome.genuine = v.Genuine();
  outcome.full_name = read->identity.full_name;
  outcome.id_number = read->identity.id_number;
  outcome.date_of_birth = read->identity.date_of_birth;
  outcome.apdus = read->link.apdus;
  outcome.bytes = read->link.bytes_received;
  outcome.ms = read->timings.total.count();
  spdlog::info("chip read: {} over {}, {} APDUs, {} bytes, {} ms, PA {}", read->access_protocol,
               read->pace_protocol.empty() ? "-" : read->pace_protocol, outcome.apdus, outcome.bytes,
               outcome.ms, chip_result.passive_authentication);
  return outcome;
}

std::optional<ChipSummary> WizardController::chip_summary() const {
  if (!last_chip_) return std::nullopt;
  const ChipOutcome& o = *last_chip_;
  ChipSummary summary;
  summary.verdict = o.verification.VerdictMessage();
  for (size_t i = 1; i < o.verification.reasons.size(); ++i) {
    summary.reasons.push_back(o.verification.reasons[i].Message());
  }
  summary.genuine = o.genuine;
  summary.active = ActiveInWords(o.active);
  summary.full_name = o.full_name;
  summary.id_number = o.id_number;
  summary.date_of_birth = o.date_of_birth;
  summary.apdus = o.apdus;
  summary.bytes = o.bytes;
  summary.ms = o.ms;
  return summary;
}

void WizardController::Relabel() {
  runner_.Run(
      [this] {
        if (workflow_) Refresh();
      },
      [] {});
}

void WizardController::Seal() {
  auto number = std::make_shared<std::string>();
  Submit<bool>(
      [this, number]() -> Result<bool> {
        if (!workflow_) return Fail(Error::InvalidArgument("Start a new enrollment first."));
        auto sealed = workflow_->Seal();
        if (!sealed) return Fail(sealed.error());
        batch::SealRequest request;
        auto items = CollectItems(sealed->enrollment);
        if (!items) return Fail(items.error());
        request.items = std::move(*items);
        batch::Item record;
        record.field = "record.json";
        record.kind = batch::ItemKind::kPersonal;
        record.data = SecretBytes(reinterpret_cast<const uint8_t*>(sealed->canonical.data()),
                                  sealed->canonical.size());
        request.items.push_back(std::move(record));
        const auto& chip = sealed->enrollment.identity.chip;
        if (!chip || chip->passive_authentication != "valid") request.review_flags.push_back("chip_warning");
        const auto& e = sealed->enrollment;
        const bool finger_exception = std::any_of(e.fingers.begin(), e.fingers.end(), [](const auto& f) {
          return f.second.exception.has_value();
        });
        if (finger_exception) request.review_flags.push_back("biometric_exception");
        // "Uncertain" or "different likely" (face_matcher.h): the supervisor must look himself.
        if (e.portrait.face_match && biometrics::face::BandOf(*e.portrait.face_match) !=
                                         biometrics::face::FaceMatchBand::kSamePersonLikely) {
          request.review_flags.push_back("face_mismatch");
        }
        auto summary = records_.Seal(officer_, request);
        if (!summary) return Fail(summary.error());
        // Only once the store holds the sealed record may the draft go.
        if (auto released = workflow_->ReleaseDraft(); !released) {
          spdlog::warn("draft not released: {}", released.error().ToLogString());
        }
        *number = summary->record_number;
        workflow_.reset();
        return true;
      },
      [this, number](bool&) { view_.ShowSealed(*number); });
}

Result<enrollment::ImageRef> WizardController::KeepImage(const std::string& name,
                                                       std::span<const uint8_t> bytes) {
  if (!workflow_) return Fail(Error::InvalidArgument("Start a new enrollment first."));
  if (auto kept = drafts_.SaveBlob(workflow_->enrollment().draft_id, name, bytes); !kept) {
    return Fail(kept.error());
  }
  return enrollment::ImageRef{std::string(kDraftPrefix) + name, crypto::ToHex(crypto::Sha256Of(bytes))};
}

void WizardController::Audit(const audit::StationEvent& event) {
  if (auditor_ == nullptr) return;
  if (auto recorded = auditor_->Record(officer_, event); !recorded) {
    spdlog::warn("audit: desk event not recorded: {}", recorded.error().ToLogString());
  }
}

Result<SecretBytes> WizardController::LoadImage(const enrollment::ImageRef& ref) {
  if (!workflow_) return Fail(Error::InvalidArgument("Start a new enrollment first."));
  if (!ref.uri.starts_with(kDraftPrefix)) {
    return Fail(Error(ErrorCode::kCorrupt, "A captured image of this draft is missing.", ref.uri));
  }
  auto bytes = drafts_.LoadBlob(workflow_->enrollment().draft_id, ref.uri.substr(kDraftPrefix.size()));
  if (!bytes) return Fail(bytes.error());
  const auto digest = crypto::Sha256Of(std::span<const uint8_t>(bytes->data(), bytes->size()));
  if (crypto::ToHex(digest) != ref.sha256) {
    return Fail(Error(ErrorCode::kCorrupt, "A captured image of this draft is missing.",
                      "hash mismatch"));
  }
  return bytes;
}

Result<SecretBytes> WizardController::ChipFace() {
  if (!workflow_) return Fail(Error::InvalidArgument("Start a new enrollment first."));
  return drafts_.LoadBlob(workflow_->enrollment().draft_id, kChipFaceBlob);
}

Result<std::vector<batch::Item>> WizardController::CollectItems(const enrollment::Enrollment& e) {
  std::vector<batch::Item> items;
  auto add = [&](const enrollment::ImageRef& ref, batch::ItemKind kind) -> Result<void> {
    auto bytes = LoadImage(ref);
    if (!bytes) return Fail(bytes.error());
    items.push_back({ref.uri.substr(kDraftPrefix.size()), kind, std::move(*bytes)});
    return {};
  };
  std::vector<std::pair<enrollment::ImageRef, batch::ItemKind>> refs;
  if (e.portrait.image) refs.emplace_back(*e.portrait.image, batch::ItemKind::kBiometric);
  for (const auto& [finger, item] : e.fingers) {
    if (item.image) refs.emplace_back(*item.image, batch::ItemKind::kBiometric);
  }
  for (const auto& paper : e.papers) {
    for (const auto& page : paper.pages) refs.emplace_back(page, batch::ItemKind::kDocument);
  }
  for (const auto& [ref, kind] : refs) {
    if (auto added = add(ref, kind); !added) return Fail(added.error());
  }
  for (uint16_t fid : kKeptChipFiles) {
    auto bytes = drafts_.LoadBlob(e.draft_id, ChipBlobName(fid));
    if (!bytes) {
      if (bytes.error().code() == ErrorCode::kNotFound) continue;  // not on this chip / not read
      return Fail(bytes.error());
    }
    items.push_back({ChipBlobName(fid), batch::ItemKind::kChip, std::move(*bytes)});
  }
  return items;
}

void WizardController::Cancel(const std::string& reason) {
  Submit<bool>(
      [this, reason]() -> Result<bool> {
        if (!workflow_) return true;
        if (auto r = workflow_->Cancel(reason); !r) return Fail(r.error());
        workflow_.reset();
        return true;
      },
      [this](bool&) { view_.ShowStep(Step::kIdentifyCard, {}); });
}

}  // namespace kiosk::ui
