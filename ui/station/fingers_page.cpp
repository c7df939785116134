#include "ui/station/fingers_page.h"

#include <wx/sizer.h>
#include <wx/stattext.h>

#include "ui/station/wx_text.h"

namespace kiosk::ui {
namespace {

// Until the capture page lands: says plainly that this build cannot do the step.
class UnavailableFingersPage final : public StepPage {
 public:
  UnavailableFingersPage(wxWindow* parent, bool device) : StepPage(parent) {
    auto* column = new wxBoxSizer(wxVERTICAL);
    column->Add(new wxStaticText(this, wxID_ANY,
                                 device ? Tr("This step is not available in this build yet.")
                                        : Tr("No fingerprint sensor is configured on this station.")));
    SetSizer(column);
  }
};

}  // namespace

StepPage* MakeFingersPage(wxWindow* parent, WizardController&, const StationServices& services) {
  return new UnavailableFingersPage(parent, services.fingerprints != nullptr);
}

}  // namespace kiosk::ui
