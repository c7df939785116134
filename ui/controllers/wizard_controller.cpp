#include "ui/controllers/wizard_controller.h"

#include <spdlog/spdlog.h>

#include <algorithm>
#include <cstdlib>

#include "kiosk/core/i18n.h"

namespace kiosk::ui {

using enrollment::Step;
using enrollment::Visit;

namespace {

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
  auto started = std::make_shared<std::unique_ptr<Visit>>();
  Submit<bool>(
      [this, started]() -> Result<bool> {
        if (auto allowed = records_.CheckNewEnrollmentAllowed(officer_); !allowed) {
          return Fail(allowed.error());
        }
        auto visit = Visit::Start(drafts_, clock_, officer_.username, policy_);
        if (!visit) return Fail(visit.error());
        *started = std::make_unique<Visit>(std::move(*visit));
        return true;
      },
      [this, started](bool&) {
        // Hand the visit to the worker side: all further use happens there.
        runner_.Run([this, started] { visit_ = std::move(*started); Refresh(); }, [] {});
      });
}

void WizardController::Change(std::function<Result<void>(Visit&)> fn) {
  Submit<bool>(
      [this, fn = std::move(fn)]() -> Result<bool> {
        if (!visit_) return Fail(Error::InvalidArgument("Start a new enrollment first."));
        auto r = fn(*visit_);
        // Even a refused change may have done its first part (data accepted, then Next refused).
        Refresh();
        if (!r) return Fail(r.error());
        return true;
      },
      [](bool&) {});
}

std::vector<std::string> WizardController::MissingLines(Step step) const {
  std::vector<std::string> lines;
  for (const auto& item : visit_->MissingItems(step)) lines.push_back(i18n::tr(item.message_key));
  return lines;
}

void WizardController::Refresh() {
  Step step = visit_->current_step();
  auto missing = MissingLines(step);
  std::vector<std::string> mismatches;
  for (const auto& m : visit_->UnresolvedMismatches()) {
    std::string line = i18n::tr(FieldLabel(m.field)) + ":";
    for (const auto& [source, value] : m.values) {
      line += " " + std::string(identity::ToString(source)) + "=" + value;
    }
    mismatches.push_back(line);
  }
  runner_.RunOnUiThread([this, alive = std::weak_ptr<bool>(alive_), step, missing, mismatches,
                         enrollment = visit_->enrollment(), fingers = visit_->FingerProgressList(),
                         templates = visit_->KeptFingerTemplates()] {
    if (alive.expired()) return;
    finger_progress_ = fingers;
    finger_templates_ = templates;
    view_.ShowEnrollment(enrollment);
    view_.ShowStep(step, missing);
    view_.ShowMismatches(mismatches);
  });
}

void WizardController::SubmitQr(const std::string& payload) {
  Change([payload](Visit& v) { return v.SetQrPayload(payload); });
}

void WizardController::SubmitTyped(const identity::ManualEntry& entry, bool proceed) {
  Change([entry, proceed](Visit& w) -> Result<void> {
    if (auto r = w.SetTypedIdentity(entry); !r || !proceed) return r;
    return w.Next();
  });
}

void WizardController::ResolveAllMismatches(identity::IdentitySource chosen,
                                            const std::string& note) {
  Change([chosen, note](Visit& v) { return v.ResolveAllMismatches(chosen, note); });
}

void WizardController::SubmitContact(const std::string& phone, const std::string& email,
                                     bool consent, bool proceed) {
  Change([phone, email, consent, proceed](Visit& w) -> Result<void> {
    if (auto r = w.SetContact(phone, email); !r) return r;
    if (auto r = w.SetConsent(consent); !r || !proceed) return r;
    return w.Next();
  });
}

void WizardController::Next() { Change([](Visit& v) { return v.Next(); }); }
void WizardController::Back() { Change([](Visit& v) { return v.Back(); }); }
void WizardController::GoTo(Step step) { Change([step](Visit& v) { return v.GoTo(step); }); }

void WizardController::ReadChip() { StartChipRead(std::nullopt); }

void WizardController::ReadChipWithCan(const std::string& can) { StartChipRead(can); }

void WizardController::StartChipRead(std::optional<std::string> typed_can) {
  if (chip_ == nullptr) {
    view_.ShowError(i18n::tr("No card reader is configured on this station."));
    return;
  }
  chip_stop_ = std::stop_source();
  auto outcome = std::make_shared<ChipOutcome>();
  Submit<bool>(
      [this, outcome, typed_can]() -> Result<bool> {
        if (!visit_) return Fail(Error::InvalidArgument("Start a new enrollment first."));
        // A CAN the officer typed is checked as typed: an empty one is not "use the MRZ key".
        if (typed_can) {
          if (auto valid = enrollment::ValidateCccdCan(*typed_can); !valid) return Fail(valid.error());
        }
        auto kept = ReadAndKeepChip(typed_can.value_or(std::string()));
        if (!kept) return Fail(kept.error());
        *outcome = std::move(*kept);
        Refresh();
        return true;
      },
      [this, outcome](bool&) {
        last_chip_ = std::move(*outcome);
        if (auto summary = chip_summary()) view_.ShowChipResult(*summary);
      },
      [this, with_can = typed_can.has_value()](const Error& error) {
        // A refused MRZ key: the CAN printed on the card front is the other way in.
        if (!with_can && error.code() == ErrorCode::kWrongAccessKey) view_.OfferCan();
      });
}

Result<WizardController::ChipOutcome> WizardController::ReadAndKeepChip(const std::string& can) {
  // The key is the visit's (typed CAN; else the MRZ key, its expiry maybe worked out).
  auto key = visit_->AccessKey(can);
  if (!key) return Fail(key.error());
  auto progress = [this, alive = std::weak_ptr<bool>(alive_)](const std::string& file, size_t done,
                                                              size_t total) {
    runner_.RunOnUiThread([this, alive, file, done, total] {
      if (!alive.expired()) view_.ShowChipProgress(file, done, total);
    });
  };
  auto read = key->can.empty() ? chip_->Read(key->mrz, progress, chip_stop_.get_token())
                               : chip_->ReadWithCan(key->can, progress, chip_stop_.get_token());
  if (!read) {
    if (read.error().code() != ErrorCode::kCancelled) {
      Audit(audit::ChipRead(audit::ChipVerdict::kFailed, read.error().message_key()));
    }
    return Fail(enrollment::ExplainRefusedKey(read.error(), *key));
  }
  auto accepted = visit_->AcceptChipRead(*read);
  if (!accepted) return Fail(accepted.error());
  Audit(audit::ChipRead(accepted->verdict, accepted->reason_key));
  const auto& v = read->verification;
  ChipOutcome outcome;
  outcome.passive = v.passive;
  outcome.active = v.active;
  outcome.verification = v;
  outcome.genuine = v.Genuine();
  outcome.expiry_derived = key->expiry_derived;
  if (key->expiry) outcome.expiry = key->expiry->ToSlashed();
  outcome.full_name = read->identity.full_name;
  outcome.id_number = read->identity.id_number;
  outcome.date_of_birth = read->identity.date_of_birth;
  outcome.apdus = read->link.apdus;
  outcome.bytes = read->link.bytes_received;
  outcome.ms = read->timings.total.count();
  spdlog::info("chip read: {} over {}, {} APDUs, {} bytes, {} ms, PA {}", read->access_protocol,
               read->pace_protocol.empty() ? "-" : read->pace_protocol, outcome.apdus, outcome.bytes,
               outcome.ms, emrtd::ToString(v.passive.overall));
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
  if (o.expiry_derived) {
    summary.access_note = FormatMessage(
        i18n::tr("The expiry date in the chip key ({0}) was worked out from the QR code's dates: "
                 "check it against the card."),
        {o.expiry});
  }
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
        if (visit_) Refresh();
      },
      [] {});
}

void WizardController::Seal() {
  auto stored = std::make_shared<enrollment::StoredVisit>();
  Submit<bool>(
      [this, stored]() -> Result<bool> {
        if (!visit_) return Fail(Error::InvalidArgument("Start a new enrollment first."));
        auto sealed = visit_->Seal(records_, officer_);
        if (!sealed) return Fail(sealed.error());
        *stored = std::move(*sealed);
        visit_.reset();
        return true;
      },
      [this, stored](bool&) {
        receipt_ = stored->receipt;
        view_.ShowSealed(stored->summary.record_number);
      });
}

void WizardController::Audit(const audit::StationEvent& event) {
  if (auditor_ == nullptr) return;
  if (auto recorded = auditor_->Record(officer_, event); !recorded) {
    spdlog::warn("audit: desk event not recorded: {}", recorded.error().ToLogString());
  }
}

Result<SecretBytes> WizardController::LoadImage(const enrollment::ImageRef& ref) {
  if (!visit_) return Fail(Error::InvalidArgument("Start a new enrollment first."));
  return visit_->LoadImage(ref);
}

void WizardController::Cancel(const std::string& reason) {
  Submit<bool>(
      [this, reason]() -> Result<bool> {
        if (!visit_) return true;
        if (auto r = visit_->Cancel(reason); !r) return Fail(r.error());
        visit_.reset();
        return true;
      },
      [this](bool&) { view_.ShowStep(Step::kIdentifyCard, {}); });
}

}  // namespace kiosk::ui
