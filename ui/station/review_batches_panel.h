#pragma once
// The supervisor's review: a thin view over ui/controllers/review_controller.h.
#include <wx/bitmap.h>
#include <wx/button.h>
#include <wx/checkbox.h>
#include <wx/listbox.h>
#include <wx/panel.h>
#include <wx/sizer.h>
#include <wx/statbmp.h>
#include <wx/stattext.h>
#include <wx/textctrl.h>
#include <wx/timer.h>

#include <functional>
#include <string>
#include <vector>

#include "ui/controllers/review_controller.h"
#include "ui/station/station_services.h"

namespace kiosk::ui {

class ReviewBatchesPanel final : public wxPanel, public ReviewView {
 public:
  ReviewBatchesPanel(wxWindow* parent, batch::Records& records, TaskRunner& runner,
                     const auth::Session& supervisor);
  ReviewController& controller() { return controller_; }

  void SetBusy(bool busy) override;
  void ShowError(const std::string& text) override;
  void ShowBatches(const std::vector<BatchRow>& batches, int selected) override;
  void ShowRecords(const std::vector<RecordRow>& records) override;
  void ShowDetail(const RecordDetail& detail) override;
  void ClearDetail() override;
  void ShowInfo(const std::string& text) override;

 private:
  std::string SelectedRecord() const;

  ReviewController controller_;
  std::vector<BatchRow> batches_;
  std::vector<RecordRow> records_;
  wxListBox *batch_list_, *record_list_;
  wxCheckBox* attention_;
  wxStaticText *detail_title_, *detail_body_, *flags_, *info_, *error_;
  wxStaticBitmap *portrait_, *chip_photo_;
  wxTextCtrl* reason_;
  wxButton *approve_, *reject_, *approve_all_, *sign_;
  bool can_decide_ = false;  // the shown record still awaits a decision
};

// cv::Mat (BGR) → a bitmap no larger than max_w × max_h; an empty bitmap for an empty image.
wxBitmap BitmapOf(const cv::Mat& bgr, int max_w, int max_h);

}  // namespace kiosk::ui
