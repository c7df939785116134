#pragma once
// One enrollment step's page inside the wizard. The wizard builds every page once, tells each the
// enrollment after every change, and tells a page when it is shown or left: a page that drives a
// live device (camera, fingerprint sensor, scanner) opens it on OnEnter and releases it on
// OnLeave, so no device runs behind a page the officer cannot see.

#include <wx/panel.h>

#include <string>

#include "kiosk/enrollment/enrollment.h"

namespace kiosk::ui {

class StepPage : public wxPanel {
 public:
  explicit StepPage(wxWindow* parent) : wxPanel(parent, wxID_ANY) {}
  virtual void ShowEnrollment(const enrollment::Enrollment& /*enrollment*/) {}
  // The record was sealed under this number (the review page shows it and offers the receipt).
  virtual void ShowSealed(const std::string& /*record_number*/) {}
  virtual void OnEnter() {}
  virtual void OnLeave() {}
};

}  // namespace kiosk::ui
