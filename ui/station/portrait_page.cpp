#include "ui/station/portrait_page.h"

#include <wx/button.h>
#include <wx/dcbuffer.h>
#include <wx/image.h>
#include <wx/sizer.h>
#include <wx/statbmp.h>
#include <wx/stattext.h>

#include <cstring>

#include <opencv2/imgproc.hpp>

#include "ui/controllers/portrait_controller.h"
#include "ui/station/wx_text.h"

namespace kiosk::ui {
namespace {

const wxSize kPreviewSize(480, 270);  // fits beside the rails on a 1366-wide desk screen
const wxSize kPhotoBox(150, 200);
const wxColour kGood(0, 150, 70);
const wxColour kAdvice(230, 120, 0);
const wxColour kProblem(176, 0, 32);

// An RGB image scaled to fit box (aspect kept), as a wx bitmap.
wxBitmap RgbToBitmap(const cv::Mat& rgb_in, wxSize box) {
  if (rgb_in.empty()) return wxBitmap();
  const double scale = std::min(static_cast<double>(box.x) / rgb_in.cols, static_cast<double>(box.y) / rgb_in.rows);
  cv::Mat rgb;
  if (std::abs(scale - 1.0) > 1e-3) {
    cv::resize(rgb_in, rgb, cv::Size(std::max(1, static_cast<int>(rgb_in.cols * scale)),
                                     std::max(1, static_cast<int>(rgb_in.rows * scale))),
               0, 0, scale < 1 ? cv::INTER_AREA : cv::INTER_LINEAR);
  } else {
    rgb = rgb_in;
  }
  wxImage out(rgb.cols, rgb.rows);
  for (int y = 0; y < rgb.rows; ++y) {
    std::memcpy(out.GetData() + static_cast<size_t>(y) * rgb.cols * 3, rgb.ptr(y), static_cast<size_t>(rgb.cols) * 3);
  }
  return wxBitmap(out);
}

// The live picture with the face box and the guidance drawn on it.
class PreviewCanvas final : public wxPanel {
 public:
  explicit PreviewCanvas(wxWindow* parent) : wxPanel(parent, wxID_ANY, wxDefaultPosition, kPreviewSize) {
    SetName("portrait-preview");
    SetMinSize(kPreviewSize);
    SetBackgroundStyle(wxBG_STYLE_PAINT);
    Bind(wxEVT_PAINT, [this](wxPaintEvent&) { Paint(); });
  }

  void Show(const cv::Mat& rgb, const PortraitOverlay& overlay) {
    frame_ = RgbToBitmap(rgb, kPreviewSize);
    overlay_ = overlay;
    Refresh(false);
  }
  void Clear(const wxString& message) {
    frame_ = wxBitmap();
    overlay_ = {};
    message_ = message;
    Refresh(false);
  }

 private:
  void Paint() {
    wxAutoBufferedPaintDC dc(this);
    dc.SetBackground(wxBrush(wxColour(40, 40, 40)));
    dc.Clear();
    if (!frame_.IsOk()) {
      dc.SetTextForeground(*wxWHITE);
      dc.DrawLabel(message_, wxRect(GetClientSize()), wxALIGN_CENTER);
      return;
    }
    dc.DrawBitmap(frame_, 0, 0);
    const wxColour colour = overlay_.acceptable ? kGood : kAdvice;
    if (overlay_.face_box) {
      dc.SetPen(wxPen(colour, 3));
      dc.SetBrush(*wxTRANSPARENT_BRUSH);
      const cv::Rect& b = *overlay_.face_box;
      dc.DrawRectangle(b.x, b.y, b.width, b.height);
    }
    // Guidance in a band across the bottom, large enough to read from the citizen's chair.
    if (!overlay_.guidance.empty()) {
      wxFont font = GetFont().Scaled(1.4f).Bold();
      dc.SetFont(font);
      const int line = dc.GetCharHeight() + 4;
      const int band = line * static_cast<int>(overlay_.guidance.size()) + 12;
      dc.SetPen(*wxTRANSPARENT_PEN);
      dc.SetBrush(wxBrush(overlay_.acceptable ? wxColour(0, 90, 40) : wxColour(20, 20, 20)));
      dc.DrawRectangle(0, frame_.GetHeight() - band, frame_.GetWidth(), band);
      dc.SetTextForeground(overlay_.acceptable ? *wxWHITE : wxColour(255, 214, 120));
      int y = frame_.GetHeight() - band + 6;
      for (const auto& text : overlay_.guidance) {
        dc.DrawText(Wx(text.Render()), 10, y);
        y += line;
      }
    }
    if (overlay_.steady_needed > 0 && overlay_.steady > 0) {
      dc.SetBrush(wxBrush(kGood));
      dc.SetPen(*wxTRANSPARENT_PEN);
      dc.DrawRectangle(0, 0, frame_.GetWidth() * overlay_.steady / overlay_.steady_needed, 6);
    }
  }

  wxBitmap frame_;
  PortraitOverlay overlay_;
  wxString message_;
};

class PortraitPage final : public StepPage, public PortraitView {
 public:
  PortraitPage(wxWindow* parent, WizardController& wizard, const StationServices& services)
      : StepPage(parent), controller_(*this, wizard, services.camera, services.face_matcher) {
    SetName("portrait-page");
    auto* row = new wxBoxSizer(wxHORIZONTAL);
    auto* live = new wxBoxSizer(wxVERTICAL);
    preview_ = new PreviewCanvas(this);
    status_ = new wxStaticText(this, wxID_ANY, "");
    status_->SetName("portrait-status");
    status_->SetFont(status_->GetFont().Scaled(1.2f).Bold());
    guidance_ = new wxStaticText(this, wxID_ANY, "");
    guidance_->SetName("portrait-guidance");
    problem_ = new wxStaticText(this, wxID_ANY, "");
    problem_->SetName("portrait-problem");
    problem_->SetForegroundColour(kProblem);
    live->Add(preview_, 0, wxBOTTOM, 8);
    live->Add(status_, 0, wxBOTTOM, 4);
    live->Add(guidance_, 0, wxBOTTOM, 4);
    live->Add(problem_, 0);

    auto* photos = new wxBoxSizer(wxVERTICAL);
    auto* pair = new wxFlexGridSizer(2, wxSize(12, 4));
    pair->Add(labels_.Text(new wxStaticText(this, wxID_ANY, ""), N_("Captured portrait")));
    pair->Add(labels_.Text(new wxStaticText(this, wxID_ANY, ""), N_("Chip photo")));
    captured_ = new wxStaticBitmap(this, wxID_ANY, wxNullBitmap, wxDefaultPosition, kPhotoBox);
    captured_->SetName("portrait-captured");
    chip_ = new wxStaticBitmap(this, wxID_ANY, wxNullBitmap, wxDefaultPosition, kPhotoBox);
    chip_->SetName("portrait-chip");
    pair->Add(captured_);
    pair->Add(chip_);
    quality_ = new wxStaticText(this, wxID_ANY, "");
    quality_->SetName("portrait-quality");
    comparison_ = new wxStaticText(this, wxID_ANY, "");
    comparison_->SetName("portrait-comparison");
    auto* buttons = new wxBoxSizer(wxHORIZONTAL);
    retake_ = Button(N_("Retake"), "portrait-retake");
    confirm_ = Button(N_("Confirm portrait"), "portrait-confirm");
    retry_ = Button(N_("Retry the camera"), "portrait-retry");
    buttons->Add(retake_, 0, wxRIGHT, 8);
    buttons->Add(confirm_, 0, wxRIGHT, 8);
    buttons->Add(retry_, 0);
    photos->Add(pair, 0, wxBOTTOM, 8);
    photos->Add(quality_, 0, wxBOTTOM, 4);
    photos->Add(comparison_, 0, wxBOTTOM, 12);
    photos->Add(buttons, 0);

    row->Add(live, 0, wxRIGHT, 16);
    row->Add(photos, 1);
    SetSizer(row);

    retake_->Bind(wxEVT_BUTTON, [this](wxCommandEvent&) { controller_.Retake(); });
    confirm_->Bind(wxEVT_BUTTON, [this](wxCommandEvent&) { controller_.Confirm(); });
    retry_->Bind(wxEVT_BUTTON, [this](wxCommandEvent&) { controller_.Retry(); });
    ShowState(PortraitState::kIdle);
  }

  void ShowEnrollment(const enrollment::Enrollment& enrollment) override { controller_.OnEnrollment(enrollment); }
  void OnEnter() override { controller_.Enter(); }
  void OnLeave() override { controller_.Leave(); }
  // Enter confirms a captured portrait (retries a failed camera); once confirmed the wizard goes
  // on. While the camera looks for a good picture there is nothing to do.
  bool DefaultAction() override {
    switch (controller_.state()) {
      case PortraitState::kCaptured: controller_.Confirm(); return true;
      case PortraitState::kCameraError: controller_.Retry(); return true;
      case PortraitState::kConfirmed: return false;
      default: return true;
    }
  }
  void FocusFirst() override {
    for (wxButton* b : {confirm_, retry_, retake_}) {
      if (b->IsShown() && b->IsEnabled()) {
        b->SetFocus();
        return;
      }
    }
    SetFocus();
  }

  // PortraitView
  void ShowState(PortraitState state) override {
    status_->SetLabel(Tr(StatusText(state)));
    status_->SetForegroundColour(state == PortraitState::kConfirmed ? kGood
                                 : state == PortraitState::kCameraError ? kProblem
                                                                        : GetForegroundColour());
    retake_->Enable(state == PortraitState::kCaptured || state == PortraitState::kConfirmed);
    confirm_->Enable(state == PortraitState::kCaptured);
    retry_->Show(state == PortraitState::kCameraError);
    if (state != PortraitState::kCameraError) problem_->SetLabel("");
    if (state == PortraitState::kStarting || state == PortraitState::kLive) {
      captured_->SetBitmap(wxNullBitmap);
      chip_->SetBitmap(wxNullBitmap);
      quality_->SetLabel("");
      comparison_->SetLabel("");
      if (state == PortraitState::kStarting) preview_->Clear(Tr("Starting the camera…"));
    }
    if (state == PortraitState::kConfirmed) FocusProceed();
    if (state == PortraitState::kCaptured) {
      guidance_->SetLabel("");
      preview_->Clear(Tr("Portrait taken."));
      if (IsShownOnScreen()) confirm_->SetFocus();
    }
    Layout();
  }

  void ShowPreview(const cv::Mat& preview_rgb, const PortraitOverlay& overlay) override {
    preview_->Show(preview_rgb, overlay);
    guidance_text_ = UiText::Lines(overlay.guidance);
    const wxString text = Wx(guidance_text_.Render());
    if (guidance_->GetLabel() != text) {
      guidance_->SetLabel(text);
      Layout();
    }
  }

  void ShowCaptured(const cv::Mat& portrait_rgb, double quality) override {
    captured_->SetBitmap(RgbToBitmap(portrait_rgb, kPhotoBox));
    quality_percent_ = static_cast<int>(quality * 100 + 0.5);
    ShowQuality();
    Layout();
  }

  void ShowComparison(const PortraitComparison& comparison) override {
    chip_->SetBitmap(RgbToBitmap(comparison.chip_face, kPhotoBox));
    comparison_text_ = comparison.text;
    RenderComparison();
    Layout();
  }

  void ShowCameraProblem(const UiText& text, bool can_retry) override {
    problem_text_ = text;
    RenderProblem();
    retry_->Show(can_retry);
    if (can_retry && IsShownOnScreen()) retry_->SetFocus();
    Layout();
  }

 protected:
  void RelabelStatus() override {
    const PortraitState state = controller_.state();
    status_->SetLabel(Tr(StatusText(state)));
    if (state == PortraitState::kStarting) preview_->Clear(Tr("Starting the camera…"));
    if (state == PortraitState::kCaptured) preview_->Clear(Tr("Portrait taken."));
    if (!quality_->GetLabel().empty()) ShowQuality();
    // What the controller said, in the new language.
    if (!comparison_->GetLabel().empty()) RenderComparison();
    if (!guidance_->GetLabel().empty()) guidance_->SetLabel(Wx(guidance_text_.Render()));
    if (!problem_->GetLabel().empty()) RenderProblem();
  }

 private:
  static const char* StatusText(PortraitState state) {
    static const char* const kText[] = {
        N_("The camera is off."), N_("Starting the camera…"),
        N_("Live: the portrait is taken by itself when the picture is good."),
        N_("Portrait taken: confirm it, or retake."), N_("Portrait confirmed."),
        N_("The camera has a problem.")};
    return kText[static_cast<int>(state)];
  }
  void RenderComparison() {
    comparison_->SetLabel(Wx(comparison_text_.Render()));
    comparison_->Wrap(500);
  }
  void RenderProblem() {
    const wxString text = Wx(problem_text_.Render());
    problem_->SetLabel(text);
    problem_->Wrap(620);
    preview_->Clear(text);
  }
  void ShowQuality() {
    quality_->SetLabel(Wx(FormatMessage(i18n::tr("Portrait quality: {0} %"), {std::to_string(quality_percent_)})));
  }
  wxButton* Button(const char* msgid, const char* name) {
    auto* button = labels_.Control(new wxButton(this, wxID_ANY, ""), msgid);
    button->SetName(name);
    return button;
  }

  PortraitController controller_;
  PreviewCanvas* preview_;
  wxStaticText *status_, *guidance_, *problem_, *quality_, *comparison_;
  wxStaticBitmap *captured_, *chip_;
  wxButton *retake_, *confirm_, *retry_;
  int quality_percent_ = 0;
  UiText comparison_text_, guidance_text_, problem_text_;
};

}  // namespace

StepPage* MakePortraitPage(wxWindow* parent, WizardController& wizard, const StationServices& services) {
  return new PortraitPage(parent, wizard, services);
}

}  // namespace kiosk::ui
