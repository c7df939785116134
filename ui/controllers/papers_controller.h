#pragma once
// The papers step (giấy tờ tích hợp) without any GUI: the officer picks the paper type, scans the
// original (or imports an image file), sees the image beside the fields the reader extracted
// (uncertain ones marked), corrects them, ticks "original sighted" and confirms; papers already
// on the record can be ticked or removed. Papers are optional: the step needs nothing when the
// citizen brings none.
//
// Threads: scanning and reading (seconds) run on `device_runner`, off the UI thread and off the
// wizard's worker, and can be cancelled: a cancelled scan's result is dropped when it arrives.
// Changes to the record go through WizardController::Apply to the visit (enrollment::Visit: the
// fields' validation, the page kept as JPEG, where each field came from, holder checks). Every other
// call, and every view call, is on the UI thread.

#include <atomic>
#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include <opencv2/core.hpp>

#include "kiosk/documents/document_scanner.h"
#include "kiosk/documents/paper_reader.h"
#include "ui/controllers/ui_text.h"
#include "ui/controllers/wizard_controller.h"

namespace kiosk::ui {

// One editable field of the paper being captured.
struct PaperFieldRow {
  std::string name;         // the paper model's field name ("number", "full_name", …)
  UiText label;
  std::string value;        // as read (normalised when valid) or as the officer typed it
  bool required = false;
  double confidence = 0;    // 0–1; 0 when not read
  std::string source;       // "ocr", "qr", "typed", or empty when not found
  // Read, but to be checked (enrollment::NeedsChecking): highlight it. Confirmed unchanged, it
  // flags the record for the supervisor; retyping it from the original clears that.
  bool low_confidence = false;
  UiText problem;           // why it is invalid or missing; empty when fine
};

// What the page shows while a paper is being captured: the image beside its fields.
struct PaperCaptureView {
  documents::PaperType type = documents::PaperType::kDrivingLicence;
  UiText title;             // the paper type
  cv::Mat image;            // as scanned (BGR or grey); empty when the fields are typed only
  std::vector<PaperFieldRow> rows;
  UiText advice;            // plain words: rescan / check the marked fields; empty when all is well
};

// One paper already on the record.
struct PaperListRow {
  size_t index = 0;
  UiText title;                 // the paper type
  std::string summary;          // the key field's value (licence number, card code, plate, MST)
  bool original_sighted = false;
  bool confirmed = false;
  std::vector<UiText> warnings;  // holder mismatches
};

// Texts are rendered by the view, again after a language switch.
class PapersView {
 public:
  virtual ~PapersView() = default;
  virtual void ShowError(const UiText& text) = 0;
  // A scan or import is running (show progress and the cancel button) or not.
  virtual void ShowScanning(bool scanning) = 0;
  virtual void ShowCapture(const PaperCaptureView& capture) = 0;
  // One field changed (after the officer edited it): its problem and marking, value untouched.
  virtual void ShowField(const PaperFieldRow& row) = 0;
  virtual void ClearCapture() = 0;
  virtual void ShowPapers(const std::vector<PaperListRow>& papers) = 0;
};

class PapersController {
 public:
  // scanner may be null (none configured): scanning then says so and import still works.
  // device: the SANE device to scan with; empty for the first one found.
  PapersController(PapersView& view, WizardController& wizard, TaskRunner& device_runner,
                   documents::DocumentScanner* scanner, std::string device);
  ~PapersController();
  PapersController(const PapersController&) = delete;
  PapersController& operator=(const PapersController&) = delete;

  void ChooseType(documents::PaperType type);
  documents::PaperType type() const { return type_; }
  // Scans the paper on the bed and reads it; the result replaces the current capture.
  void Scan();
  // Reads an image file (PNG, JPEG, PNM…) instead of scanning.
  void ImportImage(const std::string& path);
  void CancelScan();
  bool scanning() const { return scanning_; }
  // Starts an empty form for the chosen type, to type the fields from the original.
  void TypeByHand();
  // The officer changed a field: it is checked at once and its problem shown.
  void EditField(const std::string& name, const std::string& value);
  // Adds the captured paper to the record, confirmed, with the officer's "original sighted".
  void Confirm(bool original_sighted);
  void DiscardCapture();
  // Papers already on the record.
  void SetOriginalSighted(size_t index, bool sighted);
  void Remove(size_t index);

  // The wizard's view of the record after every change (UI thread).
  void ShowEnrollment(const enrollment::Enrollment& enrollment);
  const std::optional<PaperCaptureView>& capture() const { return capture_; }

 private:
  struct Outcome;
  struct DeviceState;
  void StartCapture(std::function<Result<cv::Mat>()> acquire);
  void Finish(uint64_t ticket, const Outcome& outcome);
  void Refresh(const enrollment::Enrollment& e);
  // UI thread: writes a desk event on the wizard's worker.
  void AuditLater(audit::StationEvent event);
  // Worker (inside Apply): the holder mismatches of every paper, posted to the UI thread.
  void PostWarnings(enrollment::Visit& visit, std::weak_ptr<bool> alive);

  PapersView& view_;
  WizardController& wizard_;
  TaskRunner& device_runner_;
  documents::DocumentScanner* scanner_;
  std::string device_;
  documents::PaperType type_ = documents::PaperType::kDrivingLicence;
  // The reader, used on device_runner_ only and kept alive by the job that uses it.
  std::shared_ptr<DeviceState> device_state_;
  std::shared_ptr<std::atomic<bool>> cancel_;  // of the scan in progress
  std::optional<PaperCaptureView> capture_;
  std::optional<std::string> citizen_id_;
  std::optional<enrollment::Enrollment> last_;
  // Holder mismatches by page hash, from the last change this controller made.
  std::map<std::string, std::vector<std::string>> warnings_;
  uint64_t ticket_ = 0;  // the scan whose result is awaited; a newer one or a cancel voids it
  bool scanning_ = false;
  std::shared_ptr<bool> alive_ = std::make_shared<bool>(true);
};

}  // namespace kiosk::ui
