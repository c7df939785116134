#pragma once
// The enrollment wizard's screen logic, without any GUI. It drives enrollment::Workflow (the
// rules) and batch::Records (sealing into the encrypted store) on the worker thread, and tells
// the view what to show on the UI thread. Device work goes through ports the composition root
// wires (ChipSource: PC/SC reader or the chip emulator in demo mode).

#include <stop_token>
#include <functional>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <vector>

#include "kiosk/audit/station_events.h"
#include "kiosk/auth/authenticator.h"
#include "kiosk/batch/records.h"
#include "kiosk/emrtd/lds/mrz.h"
#include "kiosk/emrtd/protocol/chip_reader.h"
#include "kiosk/enrollment/workflow.h"
#include "kiosk/station/chip_source.h"
#include "ui/controllers/form.h"

namespace kiosk::ui {

using station::ChipSource;

// What the chip step shows, in plain words (already translated).
struct ChipSummary {
  std::string verdict;  // "Genuine chip: …" / "Not verifiable: …" / "Failed: …"
  bool genuine = false;
  std::string active;   // Active Authentication in words
  std::string full_name, id_number, date_of_birth;
  size_t apdus = 0, bytes = 0;
  long long ms = 0;
};

class WizardView : public FormView {
 public:
  // The step to show, with what it still lacks (translated lines).
  virtual void ShowStep(enrollment::Step step, const std::vector<std::string>& missing) = 0;
  virtual void ShowChipProgress(const std::string& file, size_t done, size_t total) = 0;
  virtual void ShowChipResult(const ChipSummary& summary) = 0;
  // Mismatches between QR, typed data and chip, translated, for the officer to resolve.
  virtual void ShowMismatches(const std::vector<std::string>& lines) = 0;
  virtual void ShowSealed(const std::string& record_number) = 0;
  // The whole enrollment after every change, for the step pages that render its state (finger
  // slots, papers list, review summary). Called on the UI thread.
  virtual void ShowEnrollment(const enrollment::Enrollment& /*enrollment*/) {}
};

class WizardController {
 public:
  WizardController(WizardView& view, TaskRunner& runner, enrollment::DraftStore& drafts,
                   batch::Records& records, const Clock& clock, ChipSource* chip,
                   enrollment::Policy policy = {});

  // Starts a new enrollment for the signed-in officer (refused while the station is frozen).
  void Begin(const auth::Session& officer);
  // The next citizen, for the officer of the last Begin (the review page's "next enrollment").
  void BeginNext() { Begin(officer_); }
  bool started() const { return workflow_ != nullptr; }

  void SubmitQr(const std::string& payload);
  void SubmitTyped(const identity::ManualEntry& entry);
  void ReadChip();
  void CancelChipRead() { chip_stop_.request_stop(); }
  void ResolveAllMismatches(identity::IdentitySource chosen, const std::string& note);
  void SubmitContact(const std::string& phone, const std::string& email, bool consent);
  void Next();
  void Back();
  void GoTo(enrollment::Step step);
  void Seal();
  void Cancel(const std::string& reason);

  // For the step pages' own controllers (portrait, fingerprints, papers): runs `change` on the
  // worker against the open enrollment; on success the view is refreshed, else the error shown.
  void Apply(std::function<Result<void>(enrollment::Workflow&)> change) { Change(std::move(change)); }
  // Worker thread only (inside Apply): keeps captured bytes with the draft, sealed at rest, and
  // returns the reference to store in the enrollment. `name` ([a-z0-9._-], e.g. "portrait.jpg",
  // "finger.r2.png", "paper.0.front.jpg") becomes the item's field name in the sealed record.
  Result<enrollment::ImageRef> KeepImage(const std::string& name, std::span<const uint8_t> bytes);
  // Worker thread only: the bytes behind a reference, checked against its hash.
  Result<SecretBytes> LoadImage(const enrollment::ImageRef& ref);
  // Worker thread only: the chip's face image (DG2's encoded JPEG / JPEG 2000) kept from the
  // last chip read of this enrollment; kNotFound before the chip was read.
  Result<SecretBytes> ChipFace();
  TaskRunner& runner() { return runner_; }
  // Where the desk events go (chip verdicts, captures): the store's audit log in the app.
  // Optional; set before Begin().
  void SetAuditor(audit::StationAuditor* auditor) { auditor_ = auditor; }
  const enrollment::Policy& policy() const { return policy_; }
  std::weak_ptr<bool> alive() const { return alive_; }

 private:
  // Runs fn(workflow) on the worker; on success refreshes the step, else shows the error.
  void Change(std::function<Result<void>(enrollment::Workflow&)> fn);
  // Worker: every captured item of the sealed enrollment, for the record store.
  Result<std::vector<batch::Item>> CollectItems(const enrollment::Enrollment& sealed);
  // Worker: writes a desk event; an audit failure is logged, never blocks the officer's work.
  void Audit(const audit::StationEvent& event);
  void Refresh();  // on the worker: computes what to show, posts it to the view
  std::vector<std::string> MissingLines(enrollment::Step step) const;

  WizardView& view_;
  TaskRunner& runner_;
  enrollment::DraftStore& drafts_;
  batch::Records& records_;
  const Clock& clock_;
  ChipSource* chip_;
  audit::StationAuditor* auditor_ = nullptr;
  enrollment::Policy policy_;
  auth::Session officer_;
  std::unique_ptr<enrollment::Workflow> workflow_;  // touched on the worker only
  std::stop_source chip_stop_;
  std::shared_ptr<bool> alive_ = std::make_shared<bool>(true);
};

}  // namespace kiosk::ui
