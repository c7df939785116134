#pragma once
// The enrollment wizard's screen logic, without any GUI. It drives enrollment::Workflow (the
// rules) and batch::Records (sealing into the encrypted store) on the worker thread, and tells
// the view what to show on the UI thread. Device work goes through ports the composition root
// wires (ChipSource: PC/SC reader or the chip emulator in demo mode).

#include <stop_token>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <vector>

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
};

class WizardController {
 public:
  WizardController(WizardView& view, TaskRunner& runner, enrollment::DraftStore& drafts,
                   batch::Records& records, const Clock& clock, ChipSource* chip,
                   enrollment::Policy policy = {});

  // Starts a new enrollment for the signed-in officer (refused while the station is frozen).
  void Begin(const auth::Session& officer);
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

 private:
  // Runs fn(workflow) on the worker; on success refreshes the step, else shows the error.
  void Change(std::function<Result<void>(enrollment::Workflow&)> fn);
  void Refresh();  // on the worker: computes what to show, posts it to the view
  std::vector<std::string> MissingLines(enrollment::Step step) const;

  WizardView& view_;
  TaskRunner& runner_;
  enrollment::DraftStore& drafts_;
  batch::Records& records_;
  const Clock& clock_;
  ChipSource* chip_;
  enrollment::Policy policy_;
  auth::Session officer_;
  std::unique_ptr<enrollment::Workflow> workflow_;  // touched on the worker only
  std::stop_source chip_stop_;
  std::shared_ptr<bool> alive_ = std::make_shared<bool>(true);
};

}  // namespace kiosk::ui
