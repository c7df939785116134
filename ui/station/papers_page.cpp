#include "ui/station/papers_page.h"

#include <wx/sizer.h>
#include <wx/stattext.h>

#include "ui/station/wx_text.h"

namespace kiosk::ui {
namespace {

// Until the capture page lands: says plainly that this build cannot do the step.
class UnavailablePapersPage final : public StepPage {
 public:
  UnavailablePapersPage(wxWindow* parent, bool device) : StepPage(parent) {
    auto* column = new wxBoxSizer(wxVERTICAL);
    column->Add(new wxStaticText(this, wxID_ANY,
                                 device ? Tr("This step is not available in this build yet.")
                                        : Tr("No document scanner is configured on this station.")));
    SetSizer(column);
  }
};

}  // namespace

StepPage* MakePapersPage(wxWindow* parent, WizardController&, const StationServices& services) {
  return new UnavailablePapersPage(parent, services.scanner != nullptr);
}

}  // namespace kiosk::ui
