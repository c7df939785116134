#include "ui/controllers/wizard_controller.h"

#include <spdlog/spdlog.h>

#include "kiosk/core/i18n.h"
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

void WizardController::Begin(const auth::Session& officer) {
  officer_ = officer;
  auto started = std::make_shared<std::unique_ptr<Workflow>>();
  SubmitForm<bool>(
      view_, runner_, alive_,
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
  SubmitForm<bool>(
      view_, runner_, alive_,
      [this, fn = std::move(fn)]() -> Result<bool> {
        if (!workflow_) return Fail(Error::InvalidArgument("Start a new enrollment first."));
        if (auto r = fn(*workflow_); !r) return Fail(r.error());
        Refresh();
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
  runner_.RunOnUiThread([this, alive = std::weak_ptr<bool>(alive_), step, missing, mismatches] {
    if (alive.expired()) return;
    view_.ShowStep(step, missing);
    view_.ShowMismatches(mismatches);
  });
}

void WizardController::SubmitQr(const std::string& payload) {
  Change([payload](Workflow& w) { return w.SetQrPayload(payload); });
}

void WizardController::SubmitTyped(const identity::ManualEntry& entry) {
  Change([entry](Workflow& w) { return w.SetTypedIdentity(entry); });
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
                                     bool consent) {
  Change([phone, email, consent](Workflow& w) -> Result<void> {
    if (auto r = w.SetContact(phone, email); !r) return r;
    return w.SetConsent(consent);
  });
}

void WizardController::Next() { Change([](Workflow& w) { return w.Next(); }); }
void WizardController::Back() { Change([](Workflow& w) { return w.Back(); }); }
void WizardController::GoTo(Step step) { Change([step](Workflow& w) { return w.GoTo(step); }); }

void WizardController::ReadChip() {
  if (chip_ == nullptr) {
    view_.ShowError(i18n::tr("No card reader is configured on this station."));
    return;
  }
  chip_stop_ = std::stop_source();
  auto summary = std::make_shared<ChipSummary>();
  SubmitForm<bool>(
      view_, runner_, alive_,
      [this, summary]() -> Result<bool> {
        if (!workflow_) return Fail(Error::InvalidArgument("Start a new enrollment first."));
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
        auto progress = [this, alive = std::weak_ptr<bool>(alive_)](const std::string& file,
                                                                      size_t done, size_t total) {
          runner_.RunOnUiThread([this, alive, file, done, total] {
            if (!alive.expired()) view_.ShowChipProgress(file, done, total);
          });
        };
        auto read = chip_->Read(*key, progress, chip_stop_.get_token());
        if (!read) return Fail(read.error());
        const auto& v = read->verification;
        enrollment::ChipResult chip_result;
        chip_result.read = true;
        chip_result.passive_authentication = emrtd::ToString(v.passive.overall);
        chip_result.active_authentication = emrtd::ToString(v.active.status);
        if (auto r = workflow_->SetChipResult(FieldsFromChip(read->identity), chip_result); !r) {
          return Fail(r.error());
        }
        summary->verdict = v.passive.Message();
        summary->genuine = v.Genuine();
        summary->active = ActiveInWords(v.active);
        summary->full_name = read->identity.full_name;
        summary->id_number = read->identity.id_number;
        summary->date_of_birth = read->identity.date_of_birth;
        summary->apdus = read->link.apdus;
        summary->bytes = read->link.bytes_received;
        summary->ms = read->timings.total.count();
        spdlog::info("chip read: {} APDUs, {} bytes, {} ms, PA {}", summary->apdus, summary->bytes,
                     summary->ms, chip_result.passive_authentication);
        Refresh();
        return true;
      },
      [this, summary](bool&) { view_.ShowChipResult(*summary); });
}

void WizardController::Seal() {
  auto number = std::make_shared<std::string>();
  SubmitForm<bool>(
      view_, runner_, alive_,
      [this, number]() -> Result<bool> {
        if (!workflow_) return Fail(Error::InvalidArgument("Start a new enrollment first."));
        auto sealed = workflow_->Seal();
        if (!sealed) return Fail(sealed.error());
        batch::SealRequest request;
        batch::Item record;
        record.field = "record.json";
        record.kind = batch::ItemKind::kPersonal;
        record.data = SecretBytes(reinterpret_cast<const uint8_t*>(sealed->canonical.data()),
                                  sealed->canonical.size());
        request.items.push_back(std::move(record));
        const auto& chip = sealed->enrollment.identity.chip;
        if (!chip || chip->passive_authentication != "valid") request.review_flags.push_back("chip_warning");
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

void WizardController::Cancel(const std::string& reason) {
  SubmitForm<bool>(
      view_, runner_, alive_,
      [this, reason]() -> Result<bool> {
        if (!workflow_) return true;
        if (auto r = workflow_->Cancel(reason); !r) return Fail(r.error());
        workflow_.reset();
        return true;
      },
      [this](bool&) { view_.ShowStep(Step::kIdentifyCard, {}); });
}

}  // namespace kiosk::ui
