#pragma once
// The station's screens and the enrollment steps shown in the navigation rail, with what each
// can do in this build. A step whose capability has not landed says so; nothing pretends.

#include <string>
#include <vector>

#include "kiosk/enrollment/steps.h"

namespace kiosk::ui {

struct RailItem {
  enrollment::Step step;
  std::string title;      // translated
  bool available = false; // the capability behind the step exists in this build
};

class NavigationModel {
 public:
  // available: which steps are implemented (set by the composition root from what it wired).
  explicit NavigationModel(std::vector<enrollment::Step> available = {});

  std::vector<RailItem> Items() const;  // in wizard order, translated now
  enrollment::Step current() const { return current_; }
  // Moves to a step; returns false (and stays) when the index is outside the wizard.
  bool Select(int index);
  bool Next();
  bool Back();
  bool IsAvailable(enrollment::Step step) const;

 private:
  std::vector<enrollment::Step> available_;
  enrollment::Step current_ = enrollment::Step::kIdentifyCard;
};

}  // namespace kiosk::ui
