#include "ui/station/fingers_page.h"

#include <wx/button.h>
#include <wx/choice.h>
#include <wx/gauge.h>
#include <wx/image.h>
#include <wx/listbox.h>
#include <wx/sizer.h>
#include <wx/statbmp.h>
#include <wx/stattext.h>
#include <wx/textctrl.h>

#include <algorithm>
#include <cstring>

#include <opencv2/imgproc.hpp>

#include "ui/controllers/fingers_controller.h"
#include "ui/station/wx_text.h"

namespace kiosk::ui {
namespace {

using enrollment::Finger;
using enrollment::FingerException;

const wxSize kPrintBox(225, 300);
const wxColour kGood(0, 150, 70);
const wxColour kProblem(176, 0, 32);
constexpr FingerException kReasons[] = {FingerException::kMissing, FingerException::kBandaged,
                                        FingerException::kAmputated, FingerException::kUnreadable};
wxBitmap GreyToBitmap(const cv::Mat& grey) {
  if (grey.empty()) return wxBitmap();
  const double scale = std::min(static_cast<double>(kPrintBox.x) / grey.cols, static_cast<double>(kPrintBox.y) / grey.rows);
  cv::Mat small, rgb;
  cv::resize(grey, small, cv::Size(std::max(1, static_cast<int>(grey.cols * scale)),
                                   std::max(1, static_cast<int>(grey.rows * scale))),
             0, 0, cv::INTER_AREA);
  cv::cvtColor(small, rgb, cv::COLOR_GRAY2RGB);
  wxImage out(rgb.cols, rgb.rows);
  for (int y = 0; y < rgb.rows; ++y) {
    std::memcpy(out.GetData() + static_cast<size_t>(y) * rgb.cols * 3, rgb.ptr(y), static_cast<size_t>(rgb.cols) * 3);
  }
  return wxBitmap(out);
}

class FingersPage final : public StepPage, public FingersView {
 public:
  FingersPage(wxWindow* parent, WizardController& wizard, const StationServices& services)
      : StepPage(parent), controller_(*this, wizard, services.fingerprints, services.finger_matcher) {
    SetName("fingers-page");
    auto* row = new wxBoxSizer(wxHORIZONTAL);
    auto* left = new wxBoxSizer(wxVERTICAL);
    left->Add(labels_.Text(new wxStaticText(this, wxID_ANY, ""), N_("Fingers to capture")), 0, wxBOTTOM, 4);
    list_ = new wxListBox(this, wxID_ANY, wxDefaultPosition, wxSize(460, 260));
    list_->SetName("finger-list");
    left->Add(list_, 0, wxBOTTOM, 12);
    auto* capture_row = new wxBoxSizer(wxHORIZONTAL);
    capture_ = Button(N_("Capture"), "finger-capture");
    cancel_ = Button(N_("Cancel capture"), "finger-cancel");
    // After the last attempt below the threshold: keep the best one (the record is flagged).
    keep_best_ = Button(N_("Keep the best attempt"), "finger-keep-best");
    capture_row->Add(capture_, 0, wxRIGHT, 8);
    capture_row->Add(cancel_, 0, wxRIGHT, 8);
    capture_row->Add(keep_best_, 0);
    left->Add(capture_row, 0, wxBOTTOM, 12);
    problem_ = new wxStaticText(this, wxID_ANY, "");
    problem_->SetName("finger-problem");
    problem_->SetForegroundColour(kProblem);
    left->Add(problem_, 0, wxBOTTOM, 12);

    // The exception: a reason and the officer's note, both required.
    left->Add(labels_.Text(new wxStaticText(this, wxID_ANY, ""), N_("Cannot be captured? Record why:")), 0,
              wxBOTTOM, 4);
    auto* exception_row = new wxBoxSizer(wxHORIZONTAL);
    reason_ = new wxChoice(this, wxID_ANY);
    reason_->SetName("finger-exception-reason");
    FillReasons();
    reason_->SetSelection(0);
    note_ = new wxTextCtrl(this, wxID_ANY, "", wxDefaultPosition, wxSize(260, -1), wxTE_PROCESS_ENTER);
    note_->SetName("finger-exception-note");
    labels_.Hint(note_, N_("Note (required)"));
    record_ = Button(N_("Record exception"), "finger-exception-record");
    exception_row->Add(reason_, 0, wxRIGHT, 8);
    exception_row->Add(note_, 0, wxRIGHT, 8);
    exception_row->Add(record_, 0);
    left->Add(exception_row, 0);

    auto* right = new wxBoxSizer(wxVERTICAL);
    selected_ = new wxStaticText(this, wxID_ANY, "");
    selected_->SetName("finger-selected");
    selected_->SetFont(selected_->GetFont().Scaled(1.3f).Bold());
    print_ = new wxStaticBitmap(this, wxID_ANY, wxNullBitmap, wxDefaultPosition, kPrintBox);
    print_->SetName("finger-print");
    gauge_ = new wxGauge(this, wxID_ANY, 100, wxDefaultPosition, wxSize(kPrintBox.x, 18));
    gauge_->SetName("finger-quality");
    score_ = new wxStaticText(this, wxID_ANY, "");
    score_->SetName("finger-score");
    advice_ = new wxStaticText(this, wxID_ANY, "");
    advice_->SetName("finger-advice");
    right->Add(selected_, 0, wxBOTTOM, 8);
    right->Add(print_, 0, wxBOTTOM, 8);
    right->Add(gauge_, 0, wxBOTTOM, 4);
    right->Add(score_, 0, wxBOTTOM, 4);
    right->Add(advice_, 0);

    row->Add(left, 0, wxRIGHT, 16);
    row->Add(right, 1);
    SetSizer(row);

    list_->Bind(wxEVT_LISTBOX, [this](wxCommandEvent&) {
      const int index = list_->GetSelection();
      if (index >= 0 && static_cast<size_t>(index) < rows_.size()) controller_.Select(rows_[index].finger);
    });
    capture_->Bind(wxEVT_BUTTON, [this](wxCommandEvent&) {
      problem_->SetLabel("");
      controller_.Capture();
    });
    cancel_->Bind(wxEVT_BUTTON, [this](wxCommandEvent&) { controller_.CancelCapture(); });
    keep_best_->Bind(wxEVT_BUTTON, [this](wxCommandEvent&) {
      problem_->SetLabel("");
      controller_.KeepBestAttempt();
    });
    auto record = [this] {
      problem_->SetLabel("");
      const int reason = reason_->GetSelection();
      if (reason < 0) return;
      controller_.RecordException(kReasons[reason], Utf8(note_->GetValue()));
    };
    record_->Bind(wxEVT_BUTTON, [record](wxCommandEvent&) { record(); });
    note_->Bind(wxEVT_TEXT_ENTER, [record](wxCommandEvent&) { record(); });
    ShowCapturing(false);
  }

  void ShowEnrollment(const enrollment::Enrollment& enrollment) override { controller_.OnEnrollment(enrollment); }
  void OnEnter() override { controller_.Enter(); }
  void OnLeave() override { controller_.Leave(); }
  // Enter captures the selected finger; once every finger is done the wizard goes on.
  bool DefaultAction() override {
    if (controller_.capturing()) return true;
    const bool all_done = !rows_.empty() && std::all_of(rows_.begin(), rows_.end(),
                                                        [](const FingerRow& r) { return r.done; });
    if (all_done) return false;
    problem_->SetLabel("");
    controller_.Capture();
    return true;
  }
  // Esc stops a capture in progress before it goes back.
  bool CancelAction() override {
    if (!controller_.capturing()) return false;
    controller_.CancelCapture();
    return true;
  }
  void FocusFirst() override { list_->SetFocus(); }

  // FingersView
  void ShowRows(const std::vector<FingerRow>& rows) override {
    rows_ = rows;
    const int selection = list_->GetSelection();
    wxArrayString lines;
    for (const auto& r : rows) lines.Add(Wx((r.done ? "✔ " : "• ") + r.name.Render() + " — " + r.status.Render()));
    if (list_->GetStrings() != lines) {
      list_->Set(lines);
      if (selection != wxNOT_FOUND && static_cast<size_t>(selection) < rows.size()) list_->SetSelection(selection);
    }
  }

  void ShowSelected(Finger finger) override {
    for (size_t i = 0; i < rows_.size(); ++i) {
      if (rows_[i].finger == finger) list_->SetSelection(static_cast<int>(i));
    }
    if (current_ != finger) {
      print_->SetBitmap(wxNullBitmap);
      gauge_->SetValue(0);
      score_->SetLabel("");
      advice_->SetLabel("");
      advice_text_ = {};
      note_->SetValue("");
    }
    current_ = finger;
    selected_->SetLabel(Wx(FingerName(finger).Render()));
    Layout();
  }

  void ShowCapturing(bool capturing) override {
    capture_->Enable(!capturing);
    cancel_->Enable(capturing);
    record_->Enable(!capturing);
    list_->Enable(!capturing);
    if (capturing) {
      advice_text_ = UiText::Tr("Place the finger on the sensor…");
      RenderAdvice();
      if (IsShownOnScreen()) cancel_->SetFocus();
    } else {
      if (IsShownOnScreen()) capture_->SetFocus();
    }
    Layout();
  }

  void ShowAttempt(const cv::Mat& print_grey, int score, bool acceptable, const UiText& advice) override {
    print_->SetBitmap(GreyToBitmap(print_grey));
    gauge_->SetValue(std::clamp(score, 0, 100));
    last_score_ = score;
    score_->SetLabel(Wx(FormatMessage(i18n::tr("Fingerprint quality: {0}/100"), {std::to_string(score)})));
    score_->SetForegroundColour(acceptable ? kGood : kProblem);
    advice_text_ = advice;
    RenderAdvice();
    Layout();
  }

  void ShowProblem(const UiText& text) override {
    problem_text_ = text;
    RenderProblem();
    Layout();
  }

 protected:
  void RelabelStatus() override {
    FillReasons();
    if (current_) selected_->SetLabel(Wx(FingerName(*current_).Render()));
    if (score_ != nullptr && !score_->GetLabel().empty()) {
      score_->SetLabel(Wx(FormatMessage(i18n::tr("Fingerprint quality: {0}/100"), {std::to_string(last_score_)})));
    }
    if (!advice_->GetLabel().empty()) RenderAdvice();
    if (!problem_->GetLabel().empty()) RenderProblem();
    ShowRows(std::vector<FingerRow>(rows_));
  }

 private:
  void RenderAdvice() {
    advice_->SetLabel(Wx(advice_text_.Render()));
    advice_->Wrap(420);
  }
  void RenderProblem() {
    problem_->SetLabel(Wx(problem_text_.Render()));
    problem_->Wrap(460);
  }
  // The exception reasons in the current language; the selection survives.
  void FillReasons() {
    const int selected = reason_->GetSelection();
    reason_->Clear();
    for (FingerException reason : kReasons) reason_->Append(Wx(FingerExceptionName(reason).Render()));
    if (selected != wxNOT_FOUND) reason_->SetSelection(selected);
  }
  wxButton* Button(const char* msgid, const char* name) {
    auto* button = labels_.Control(new wxButton(this, wxID_ANY, ""), msgid);
    button->SetName(name);
    return button;
  }

  FingersController controller_;
  std::vector<FingerRow> rows_;
  std::optional<Finger> current_;
  wxListBox* list_;
  wxButton *capture_, *cancel_, *keep_best_, *record_;
  wxChoice* reason_;
  wxTextCtrl* note_;
  wxStaticText *problem_, *selected_, *score_, *advice_;
  wxStaticBitmap* print_;
  wxGauge* gauge_;
  int last_score_ = 0;
  // What the controller said, rendered again after a language switch.
  UiText advice_text_, problem_text_;
};

}  // namespace

StepPage* MakeFingersPage(wxWindow* parent, WizardController& wizard, const StationServices& services) {
  return new FingersPage(parent, wizard, services);
}

}  // namespace kiosk::ui
