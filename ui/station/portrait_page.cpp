#include "ui/station/portrait_page.h"

#include <wx/sizer.h>
#include <wx/stattext.h>

#include "ui/station/wx_text.h"

namespace kiosk::ui {
namespace {

// Until the capture page lands: says plainly that this build cannot do the step.
class UnavailablePortraitPage final : public StepPage {
 public:
  UnavailablePortraitPage(wxWindow* parent, bool device) : StepPage(parent) {
    auto* column = new wxBoxSizer(wxVERTICAL);
    column->Add(new wxStaticText(this, wxID_ANY,
                                 device ? Tr("This step is not available in this build yet.")
                                        : Tr("No camera is configured on this station.")));
    SetSizer(column);
  }
};

}  // namespace

StepPage* MakePortraitPage(wxWindow* parent, WizardController&, const StationServices& services) {
  return new UnavailablePortraitPage(parent, services.camera != nullptr);
}

}  // namespace kiosk::ui
