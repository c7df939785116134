#include "ui/station/papers_page.h"

#include <wx/button.h>
#include <wx/checkbox.h>
#include <wx/checklst.h>
#include <wx/choice.h>
#include <wx/filedlg.h>
#include <wx/gauge.h>
#include <wx/image.h>
#include <wx/sizer.h>
#include <wx/statbmp.h>
#include <wx/stattext.h>
#include <wx/textctrl.h>
#include <wx/timer.h>

#include <cstring>
#include <map>
#include <memory>
#include <string>
#include <vector>

#include <opencv2/imgproc.hpp>

#include "ui/controllers/papers_controller.h"
#include "ui/station/wx_task_runner.h"
#include "ui/station/wx_text.h"

namespace kiosk::ui {
namespace {

using documents::PaperType;

constexpr PaperType kTypes[] = {PaperType::kDrivingLicence, PaperType::kHealthInsurance,
                                PaperType::kVehicleRegistration, PaperType::kTaxCode};
const wxSize kImageBox(460, 300);
const wxColour kAmber(255, 236, 179);
const wxColour kRed(255, 205, 210);

// The scan scaled into the image box, as a wx bitmap.
wxBitmap ToBitmap(const cv::Mat& image) {
  if (image.empty()) return wxBitmap();
  const double scale = std::min(static_cast<double>(kImageBox.x) / image.cols,
                                static_cast<double>(kImageBox.y) / image.rows);
  cv::Mat small, rgb;
  cv::resize(image, small, cv::Size(std::max(1, static_cast<int>(image.cols * scale)),
                                    std::max(1, static_cast<int>(image.rows * scale))),
             0, 0, cv::INTER_AREA);
  cv::cvtColor(small, rgb, small.channels() == 1 ? cv::COLOR_GRAY2RGB : cv::COLOR_BGR2RGB);
  wxImage out(rgb.cols, rgb.rows);
  for (int y = 0; y < rgb.rows; ++y) {
    std::memcpy(out.GetData() + static_cast<size_t>(y) * rgb.cols * 3, rgb.ptr(y),
                static_cast<size_t>(rgb.cols) * 3);
  }
  return wxBitmap(out);
}

class PapersPage final : public StepPage, public PapersView {
 public:
  PapersPage(wxWindow* parent, WizardController& wizard, const StationServices& services)
      : StepPage(parent),
        device_runner_(std::make_unique<WxTaskRunner>()),
        controller_(*this, wizard, *device_runner_, services.scanner, services.scanner_device) {
    SetName("papers-page");
    auto* column = new wxBoxSizer(wxVERTICAL);
    column->Add(labels_.Text(new wxStaticText(this, wxID_ANY, ""),
                             N_("Papers are optional. For each original the citizen brings: "
                                "choose its type, scan it, check the fields, tick \"original "
                                "sighted\" and confirm.")),
                0, wxBOTTOM, 8);

    auto* tools = new wxBoxSizer(wxHORIZONTAL);
    type_ = new wxChoice(this, wxID_ANY);
    type_->SetName("paper-type");
    std::vector<std::string> type_titles;
    for (PaperType t : kTypes) type_titles.emplace_back(documents::Title(t));
    labels_.Items(type_, type_titles);
    type_->SetSelection(0);
    scan_ = Button(N_("Scan"), "scan-paper");
    import_ = Button(N_("Import an image…"), "import-paper");
    type_by_hand_ = Button(N_("Type the fields"), "type-paper");
    cancel_ = Button(N_("Cancel the scan"), "cancel-scan");
    cancel_->Enable(false);
    progress_ = new wxGauge(this, wxID_ANY, 100, wxDefaultPosition, wxSize(120, 16));
    progress_->SetName("scan-progress");
    for (wxWindow* w : std::initializer_list<wxWindow*>{type_, scan_, import_, type_by_hand_, cancel_}) {
      tools->Add(w, 0, wxRIGHT | wxALIGN_CENTER_VERTICAL, 8);
    }
    tools->Add(progress_, 0, wxALIGN_CENTER_VERTICAL);
    column->Add(tools, 0, wxBOTTOM, 8);

    auto* capture = new wxBoxSizer(wxHORIZONTAL);
    image_ = new wxStaticBitmap(this, wxID_ANY, wxBitmap(), wxDefaultPosition, kImageBox);
    image_->SetName("paper-image");
    image_->SetMinSize(kImageBox);
    capture->Add(image_, 0, wxRIGHT, 12);
    auto* form = new wxBoxSizer(wxVERTICAL);
    advice_ = new wxStaticText(this, wxID_ANY, "");
    advice_->SetName("paper-advice");
    advice_->SetForegroundColour(wxColour(160, 90, 0));
    fields_ = new wxPanel(this);
    fields_->SetName("paper-fields");
    problems_ = new wxStaticText(this, wxID_ANY, "");
    problems_->SetName("paper-problems");
    problems_->SetForegroundColour(wxColour(176, 0, 32));
    sighted_ = labels_.Control(new wxCheckBox(this, wxID_ANY, ""),
                               N_("Original sighted (checked against the paper itself)"));
    sighted_->SetName("paper-original-sighted");
    auto* buttons = new wxBoxSizer(wxHORIZONTAL);
    confirm_ = Button(N_("Confirm the paper"), "confirm-paper");
    discard_ = Button(N_("Discard"), "discard-paper");
    buttons->Add(confirm_, 0, wxRIGHT, 8);
    buttons->Add(discard_, 0);
    form->Add(advice_, 0, wxBOTTOM, 6);
    form->Add(fields_, 0, wxBOTTOM, 6);
    form->Add(problems_, 0, wxBOTTOM, 6);
    form->Add(sighted_, 0, wxBOTTOM, 6);
    form->Add(buttons, 0);
    capture->Add(form, 1, wxEXPAND);
    column->Add(capture, 0, wxBOTTOM, 8);

    error_ = new wxStaticText(this, wxID_ANY, "");
    error_->SetName("paper-error");
    error_->SetForegroundColour(wxColour(176, 0, 32));
    column->Add(error_, 0, wxBOTTOM, 8);
    column->Add(labels_.Text(new wxStaticText(this, wxID_ANY, ""),
                             N_("Papers on the record (ticked: original sighted)")),
                0, wxBOTTOM, 4);
    list_ = new wxCheckListBox(this, wxID_ANY, wxDefaultPosition, wxSize(640, 90));
    list_->SetName("papers-list");
    remove_ = Button(N_("Remove the selected paper"), "remove-paper");
    warnings_ = new wxStaticText(this, wxID_ANY, "");
    warnings_->SetName("paper-warnings");
    warnings_->SetForegroundColour(wxColour(160, 90, 0));
    column->Add(list_, 0, wxBOTTOM, 4);
    column->Add(remove_, 0, wxBOTTOM, 4);
    column->Add(warnings_, 0);
    SetSizer(column);
    ClearCapture();

    pulse_.Bind(wxEVT_TIMER, [this](wxTimerEvent&) { progress_->Pulse(); });
    type_->Bind(wxEVT_CHOICE, [this](wxCommandEvent&) { controller_.ChooseType(SelectedType()); });
    scan_->Bind(wxEVT_BUTTON, [this](wxCommandEvent&) {
      error_->SetLabel("");
      controller_.ChooseType(SelectedType());
      controller_.Scan();
    });
    import_->Bind(wxEVT_BUTTON, [this](wxCommandEvent&) {
      wxFileDialog dialog(this, Tr("Import an image…"), "", "",
                          "Images (*.png;*.jpg;*.jpeg;*.pnm;*.ppm;*.pgm;*.tif)|"
                          "*.png;*.jpg;*.jpeg;*.pnm;*.ppm;*.pgm;*.tif;*.tiff",
                          wxFD_OPEN | wxFD_FILE_MUST_EXIST);
      if (dialog.ShowModal() != wxID_OK) return;
      error_->SetLabel("");
      controller_.ChooseType(SelectedType());
      controller_.ImportImage(Utf8(dialog.GetPath()));
    });
    type_by_hand_->Bind(wxEVT_BUTTON, [this](wxCommandEvent&) {
      controller_.ChooseType(SelectedType());
      controller_.TypeByHand();
    });
    cancel_->Bind(wxEVT_BUTTON, [this](wxCommandEvent&) { controller_.CancelScan(); });
    confirm_->Bind(wxEVT_BUTTON, [this](wxCommandEvent&) { ConfirmCapture(); });
    discard_->Bind(wxEVT_BUTTON, [this](wxCommandEvent&) { controller_.DiscardCapture(); });
    list_->Bind(wxEVT_CHECKLISTBOX, [this](wxCommandEvent& e) {
      const auto index = static_cast<size_t>(e.GetInt());
      controller_.SetOriginalSighted(index, list_->IsChecked(e.GetInt()));
    });
    remove_->Bind(wxEVT_BUTTON, [this](wxCommandEvent&) {
      const int selected = list_->GetSelection();
      if (selected != wxNOT_FOUND) controller_.Remove(static_cast<size_t>(selected));
    });
  }

  // StepPage
  void ShowEnrollment(const enrollment::Enrollment& e) override { controller_.ShowEnrollment(e); }
  void OnLeave() override { controller_.CancelScan(); }
  // Enter confirms the paper on screen; without one (papers are optional) the wizard goes on.
  bool DefaultAction() override {
    if (controller_.scanning()) return true;
    if (!controller_.capture()) return false;
    ConfirmCapture();
    return true;
  }
  bool CancelAction() override {
    if (!controller_.scanning()) return false;
    controller_.CancelScan();
    return true;
  }
  void FocusFirst() override { type_->SetFocus(); }

  // PapersView
  void ShowError(const UiText& text) override {
    error_text_ = text;
    RenderError();
    Layout();
  }
  void ShowScanning(bool scanning) override {
    cancel_->Enable(scanning);
    scan_->Enable(!scanning);
    import_->Enable(!scanning);
    if (scanning) {
      pulse_.Start(100);
      cancel_->SetFocus();
    } else {
      pulse_.Stop();
      progress_->SetValue(0);
    }
  }

  void ShowCapture(const PaperCaptureView& capture) override {
    image_->SetBitmap(ToBitmap(capture.image));
    RenderAdvice(capture);
    DestroyEditors();
    auto* grid = new wxFlexGridSizer(2, wxSize(8, 4));
    for (const auto& row : capture.rows) {
      auto* label = new wxStaticText(fields_, wxID_ANY, FieldLabel(row));
      field_labels_[row.name] = label;
      grid->Add(label, 0, wxALIGN_CENTER_VERTICAL);
      auto* editor = new wxTextCtrl(fields_, wxID_ANY, Wx(row.value), wxDefaultPosition,
                                    wxSize(260, -1), wxTE_PROCESS_ENTER);
      editor->SetName("paper-field-" + row.name);
      const std::string name = row.name;
      editor->Bind(wxEVT_TEXT_ENTER, [this, name, editor](wxCommandEvent&) {
        controller_.EditField(name, Utf8(editor->GetValue()));
      });
      editor->Bind(wxEVT_KILL_FOCUS, [this, name, editor](wxFocusEvent& e) {
        if (!rebuilding_) controller_.EditField(name, Utf8(editor->GetValue()));
        e.Skip();
      });
      grid->Add(editor, 1, wxEXPAND);
      editors_[row.name] = editor;
      problems_by_field_[row.name] = row;
      Mark(row);
    }
    fields_->SetSizer(grid);
    ShowProblems();
    sighted_->SetValue(false);
    SetCaptureShown(true);
    if (!capture.rows.empty()) {
      // The first field that needs the officer, else the first one.
      wxTextCtrl* focus = editors_[capture.rows.front().name];
      for (const auto& row : capture.rows) {
        if (!row.problem.empty() || row.low_confidence) {
          focus = editors_[row.name];
          break;
        }
      }
      focus->SetFocus();
    }
    Layout();
  }

  void ShowField(const PaperFieldRow& row) override {
    problems_by_field_[row.name] = row;
    Mark(row);
    ShowProblems();
  }

  void ClearCapture() override {
    image_->SetBitmap(wxBitmap());
    advice_->SetLabel(Tr("Choose the paper's type, put it face down on the scanner, then scan."));
    DestroyEditors();
    problems_->SetLabel("");
    sighted_->SetValue(false);
    SetCaptureShown(false);
    Layout();
  }

  void ShowPapers(const std::vector<PaperListRow>& papers) override {
    papers_ = papers;
    list_->Clear();
    std::string warnings;
    for (const auto& paper : papers) {
      const std::string title = paper.title.Render();
      std::string text = title + (paper.summary.empty() ? "" : "  " + paper.summary);
      if (!paper.warnings.empty()) text += "  ⚠";
      list_->Append(Wx(text));
      list_->Check(static_cast<unsigned>(list_->GetCount() - 1), paper.original_sighted);
      for (const auto& w : paper.warnings) warnings += "⚠ " + title + ": " + w.Render() + "\n";
    }
    remove_->Enable(!papers.empty());
    warnings_->SetLabel(Wx(warnings));
    warnings_->Wrap(900);
    Layout();
  }

 protected:
  // Everything the controller said comes back in the new language: the capture's advice, field
  // names and problems, the error, the papers on the record and their warnings.
  void RelabelStatus() override {
    if (!error_->GetLabel().empty()) RenderError();
    ShowPapers(std::vector<PaperListRow>(papers_));
    const auto& capture = controller_.capture();
    if (!capture) {
      advice_->SetLabel(Tr("Choose the paper's type, put it face down on the scanner, then scan."));
      return;
    }
    RenderAdvice(*capture);
    for (const auto& [name, row] : problems_by_field_) {
      if (auto label = field_labels_.find(name); label != field_labels_.end()) label->second->SetLabel(FieldLabel(row));
      Mark(row);
    }
    ShowProblems();
    fields_->Layout();
  }

 private:
  static wxString FieldLabel(const PaperFieldRow& row) {
    return Wx(row.label.Render() + (row.required ? " *" : ""));
  }
  void RenderAdvice(const PaperCaptureView& capture) {
    const std::string title = capture.title.Render();
    advice_->SetLabel(Wx(capture.advice.empty() ? title : title + ": " + capture.advice.Render()));
    advice_->Wrap(440);
  }
  void RenderError() {
    error_->SetLabel(Wx(error_text_.Render()));
    error_->Wrap(900);
  }
  void ConfirmCapture() {
    error_->SetLabel("");
    CommitFields();
    controller_.Confirm(sighted_->GetValue());
  }
  wxButton* Button(const char* msgid, const char* name) {
    auto* button = labels_.Control(new wxButton(this, wxID_ANY, ""), msgid);
    button->SetName(name);
    return button;
  }

  PaperType SelectedType() const {
    const int selected = type_->GetSelection();
    return selected >= 0 && selected < 4 ? kTypes[selected] : PaperType::kDrivingLicence;
  }

  // Focus leaves the editors first, so no focus event reaches one being destroyed.
  void DestroyEditors() {
    rebuilding_ = true;
    if (!editors_.empty()) type_->SetFocus();
    fields_->DestroyChildren();
    editors_.clear();
    field_labels_.clear();
    problems_by_field_.clear();
    rebuilding_ = false;
  }

  // The officer may confirm without leaving the last field: its value is taken first.
  void CommitFields() {
    for (const auto& [name, editor] : editors_) controller_.EditField(name, Utf8(editor->GetValue()));
  }

  void Mark(const PaperFieldRow& row) {
    auto it = editors_.find(row.name);
    if (it == editors_.end()) return;
    wxTextCtrl* editor = it->second;
    if (!row.problem.empty()) {
      editor->SetBackgroundColour(kRed);
      editor->SetToolTip(Wx(row.problem.Render()));
    } else if (row.low_confidence) {
      editor->SetBackgroundColour(kAmber);
      editor->SetToolTip(Tr("Read with low confidence: check it against the original."));
    } else {
      editor->SetBackgroundColour(wxNullColour);
      editor->UnsetToolTip();
    }
    editor->Refresh();
  }

  void ShowProblems() {
    std::string text;
    for (const auto& [name, row] : problems_by_field_) {
      if (!row.problem.empty()) text += "• " + row.label.Render() + ": " + row.problem.Render() + "\n";
    }
    problems_->SetLabel(Wx(text));
    problems_->Wrap(440);
    Layout();
  }

  void SetCaptureShown(bool shown) {
    sighted_->Enable(shown);
    confirm_->Enable(shown);
    discard_->Enable(shown);
  }

  std::unique_ptr<WxTaskRunner> device_runner_;  // before the controller: outlives its jobs
  PapersController controller_;
  wxTimer pulse_;
  wxChoice* type_;
  wxButton *scan_, *import_, *type_by_hand_, *cancel_, *confirm_, *discard_, *remove_;
  wxGauge* progress_;
  wxStaticBitmap* image_;
  wxStaticText *advice_, *problems_, *error_, *warnings_;
  wxPanel* fields_;
  wxCheckBox* sighted_;
  wxCheckListBox* list_;
  std::map<std::string, wxTextCtrl*> editors_;
  std::map<std::string, wxStaticText*> field_labels_;
  std::map<std::string, PaperFieldRow> problems_by_field_;
  bool rebuilding_ = false;
  // What the controller said, rendered again after a language switch.
  UiText error_text_;
  std::vector<PaperListRow> papers_;
};

}  // namespace

StepPage* MakePapersPage(wxWindow* parent, WizardController& wizard, const StationServices& services) {
  return new PapersPage(parent, wizard, services);
}

}  // namespace kiosk::ui
