#pragma once
// The enrollment wizard's screen logic, without any GUI: a presenter over the enrollment session
// (enrollment::Visit, which holds every rule of the visit and seals into batch::Records). It
// drives the Visit on the worker thread and tells the view what to show on the UI thread. Device
// work goes through ports the composition root wires (ChipSource: PC/SC reader or the chip
// emulator in demo mode).

#include <stop_token>
#include <functional>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "kiosk/audit/station_events.h"
#include "kiosk/auth/authenticator.h"
#include "kiosk/batch/records.h"
#include "kiosk/emrtd/lds/mrz.h"
#include "kiosk/emrtd/protocol/chip_reader.h"
#include "kiosk/enrollment/visit.h"
#include "kiosk/station/chip_source.h"
#include "ui/controllers/form.h"

namespace kiosk::ui {

using station::ChipSource;

// What the chip step shows, in plain words (already translated: WizardController::chip_summary()
// renders it again in the current language).
struct ChipSummary {
  std::string verdict;  // "Genuine chip: …" / "Not genuine: …" / "Not verifiable: …"
  std::vector<std::string> reasons;  // the verdict's further reasons, one line each
  bool genuine = false;
  std::string active;   // Active Authentication in words
  // How the chip was opened when the officer should know: the expiry date in the key was worked
  // out from the QR code's dates (check it against the card). Empty otherwise.
  std::string access_note;
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
  // The chip refused the key from the card's printed data: offer the card access number (CAN,
  // 6 digits on the card front) as the other way in. Called on the UI thread after ShowError.
  virtual void OfferCan() {}
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
  bool started() const { return visit_ != nullptr; }

  void SubmitQr(const std::string& payload);
  // proceed: and go on to the next step when the entry is accepted (Enter on the form).
  void SubmitTyped(const identity::ManualEntry& entry, bool proceed = false);
  // Reads the chip with the MRZ key from the identify step (BAC, or PACE with the MRZ).
  void ReadChip();
  // Reads the chip with PACE and the card access number (6 digits printed on the card front),
  // for a card whose MRZ key is refused. The CAN is used for this read only: never kept, logged
  // or audited.
  void ReadChipWithCan(const std::string& can);
  void CancelChipRead() { chip_stop_.request_stop(); }
  void ResolveAllMismatches(identity::IdentitySource chosen, const std::string& note);
  void SubmitContact(const std::string& phone, const std::string& email, bool consent,
                     bool proceed = false);
  void Next();
  void Back();
  void GoTo(enrollment::Step step);
  void Seal();
  void Cancel(const std::string& reason);
  // After a language switch: shows the step, what it lacks, the mismatches and the enrollment
  // again in the current language (the draft, captures and step are untouched). UI thread.
  void Relabel();
  // The last wizard error (kept so a language switch can show it in the new language); empty
  // after a success. UI thread.
  const std::optional<Error>& last_error() const { return last_error_; }
  // The last successful chip read of this enrollment in the current language. UI thread.
  std::optional<ChipSummary> chip_summary() const;

  // For the step pages' own controllers (portrait, fingerprints, papers): runs `change` on the
  // worker against the open visit; on success the view is refreshed, else the error shown.
  void Apply(std::function<Result<void>(enrollment::Visit&)> change) { Change(std::move(change)); }
  // Worker thread only: the bytes behind a kept image reference, checked against its hash.
  Result<SecretBytes> LoadImage(const enrollment::ImageRef& ref);
  // UI thread: the visit's finger slots and kept templates as of the last refresh (the
  // fingerprint step's rows and the snapshot its duplicate check compares against).
  const std::vector<enrollment::FingerProgress>& finger_progress() const { return finger_progress_; }
  const enrollment::FingerTemplates& finger_templates() const { return finger_templates_; }
  // UI thread: the receipt of the record sealed last (phiếu tiếp nhận), once ShowSealed ran.
  const std::optional<documents::Receipt>& receipt() const { return receipt_; }
  TaskRunner& runner() { return runner_; }
  // Where the desk events go (chip verdicts, captures): the store's audit log in the app.
  // Optional; set before Begin().
  void SetAuditor(audit::StationAuditor* auditor) { auditor_ = auditor; }
  // Worker thread only (inside Apply, or a task on runner()): writes a desk event as the
  // officer; a failure is logged, never blocks the officer's work. The step controllers call it
  // for what they know happened (a capture stored, a finger exception, a paper confirmed).
  void Audit(const audit::StationEvent& event);
  const enrollment::Policy& policy() const { return policy_; }
  const auth::Session& officer() const { return officer_; }
  std::weak_ptr<bool> alive() const { return alive_; }

 private:
  // What a chip read proved, kept (on the UI thread) to render the summary in any language.
  struct ChipOutcome {
    emrtd::PassiveAuthReport passive;
    emrtd::AuthReport active;
    emrtd::VerificationReport verification;  // the verdict and its reasons (translated when shown)
    bool genuine = false;
    bool expiry_derived = false;
    std::string expiry;  // the worked-out expiry, dd/MM/yyyy
    std::string full_name, id_number, date_of_birth;
    size_t apdus = 0, bytes = 0;
    long long ms = 0;
  };
  // Every wizard submission: SubmitForm, remembering the error for last_error().
  template <class T>
  void Submit(std::function<Result<T>()> work, std::function<void(T&)> on_success,
              std::function<void(const Error&)> on_error = {});
  // Runs fn(visit) on the worker; on success refreshes the step, else shows the error.
  void Change(std::function<Result<void>(enrollment::Visit&)> fn);
  // Worker: reads the chip with the visit's access key (the CAN when given), hands the read to
  // the visit.
  Result<ChipOutcome> ReadAndKeepChip(const std::string& can);
  // UI thread: runs a chip read; with an empty CAN the MRZ key (a refused one offers the CAN).
  // `can`: the CAN the officer typed (checked, even when empty), or nullopt for the MRZ key.
  void StartChipRead(std::optional<std::string> can);
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
  std::unique_ptr<enrollment::Visit> visit_;  // touched on the worker only
  std::stop_source chip_stop_;
  std::optional<Error> last_error_;        // UI thread
  std::optional<ChipOutcome> last_chip_;   // UI thread
  std::vector<enrollment::FingerProgress> finger_progress_;  // UI thread
  enrollment::FingerTemplates finger_templates_;             // UI thread
  std::optional<documents::Receipt> receipt_;                // UI thread
  std::shared_ptr<bool> alive_ = std::make_shared<bool>(true);
};

}  // namespace kiosk::ui
