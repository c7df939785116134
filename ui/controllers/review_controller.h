#pragma once
// The supervisor's review without any GUI: the day batches, the records of the chosen batch
// (optionally only those needing attention), one record's detail (photos, chip verification,
// exceptions, review flags), approve / reject with a reason, approve every unflagged record,
// sign the batch. The core decides (batch::Records checks the role on each call); the
// controller only refuses what the supervisor can fix at once (an empty rejection reason).

#include <opencv2/core/mat.hpp>

#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "kiosk/auth/authenticator.h"
#include "kiosk/batch/records.h"
#include "ui/controllers/form.h"

namespace kiosk::ui {

struct BatchRow {
  int64_t id = 0;
  std::string label;  // translated: "2026-11-29 — 12 records, 3 to decide"
  bool signed_off = false;
  int64_t awaiting = 0;
  int64_t flagged = 0;
};

struct RecordRow {
  std::string record_number;
  std::string label;  // translated: "<number> — Awaiting approval — needs a decision"
  batch::RecordStatus status = batch::RecordStatus::kSealed;
  bool needs_attention = false;  // still to decide and flagged
};

struct RecordDetail {
  std::string record_number;
  std::string status;                // translated
  std::string sealed;                // translated: "Sealed 2026-11-29 09:12 by canbo"
  std::string full_name, id_number;  // from the sealed record, when readable
  std::string chip_verdict;          // translated, plain words
  std::vector<std::string> flags;     // translated review flags (enrollment::ReviewFlagReason)
  std::vector<std::string> exceptions;  // translated: finger exceptions, chip exception
  cv::Mat portrait;                  // BGR; empty when none
  cv::Mat chip_photo;                // BGR; empty when none
  bool can_decide = false;           // still sealed
};

class ReviewView : public FormView {
 public:
  virtual void ShowBatches(const std::vector<BatchRow>& batches, int selected) = 0;
  virtual void ShowRecords(const std::vector<RecordRow>& records) = 0;
  virtual void ShowDetail(const RecordDetail& detail) = 0;
  virtual void ClearDetail() = 0;
  // A one-line translated confirmation ("Record … rejected.").
  virtual void ShowInfo(const std::string& text) = 0;
};

class ReviewController {
 public:
  ReviewController(ReviewView& view, TaskRunner& runner, batch::Records& records,
                   auth::Session supervisor);

  // Loads the batches (the newest selected) and its records.
  void Load();
  void SelectBatch(int64_t batch_id);
  void SetNeedsAttentionOnly(bool only);
  void SelectRecord(const std::string& record_number);
  void Approve(const std::string& record_number);
  void Reject(const std::string& record_number, const std::string& reason);
  void ApproveAllUnflagged();
  void SignBatch();

  std::optional<int64_t> batch() const { return batch_; }
  bool needs_attention_only() const { return attention_only_; }

 private:
  // Worker: the batch list and the selected batch's records, then shown on the UI thread.
  void Reload(std::string info);
  void Act(std::function<Result<std::string>()> action);

  ReviewView& view_;
  TaskRunner& runner_;
  batch::Records& records_;
  auth::Session supervisor_;
  std::optional<int64_t> batch_;
  bool attention_only_ = false;
  std::shared_ptr<bool> alive_ = std::make_shared<bool>(true);
};

}  // namespace kiosk::ui
