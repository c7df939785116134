#include "ui/station/review_page.h"

#include <wx/button.h>
#include <wx/sizer.h>
#include <wx/stattext.h>

#include "kiosk/core/i18n.h"
#include "ui/station/wx_text.h"

namespace kiosk::ui {
namespace {

class ReviewPage final : public StepPage {
 public:
  ReviewPage(wxWindow* parent, WizardController& wizard) : StepPage(parent) {
    SetName("review-page");
    auto* column = new wxBoxSizer(wxVERTICAL);
    review_ = new wxStaticText(this, wxID_ANY,
                               Tr("Check every step, then seal the record: it cannot be changed afterwards."));
    review_->SetName("review");
    auto* seal = new wxButton(this, wxID_ANY, Tr("Seal the record"));
    seal->SetName("seal");
    column->Add(review_, 0, wxBOTTOM, 12);
    column->Add(seal, 0);
    SetSizer(column);
    seal->Bind(wxEVT_BUTTON, [&wizard](wxCommandEvent&) { wizard.Seal(); });
  }

  void ShowSealed(const std::string& record_number) override {
    review_->SetLabel(Wx(FormatMessage(i18n::tr("Sealed: record {0} joins today's batch."), {record_number})));
    Layout();
  }

 private:
  wxStaticText* review_;
};

}  // namespace

StepPage* MakeReviewPage(wxWindow* parent, WizardController& wizard, const StationServices&) {
  return new ReviewPage(parent, wizard);
}

}  // namespace kiosk::ui
