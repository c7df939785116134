#include "ui/controllers/navigation.h"

#include <algorithm>

#include "kiosk/core/i18n.h"

namespace kiosk::ui {

using enrollment::kAllSteps;
using enrollment::Step;

NavigationModel::NavigationModel(std::vector<Step> available) : available_(std::move(available)) {}

std::vector<RailItem> NavigationModel::Items() const {
  std::vector<RailItem> items;
  for (Step s : kAllSteps) {
    items.push_back({s, i18n::tr(enrollment::Title(s)), IsAvailable(s)});
  }
  return items;
}

bool NavigationModel::IsAvailable(Step step) const {
  return std::find(available_.begin(), available_.end(), step) != available_.end();
}

bool NavigationModel::Select(int index) {
  if (index < 0 || index >= static_cast<int>(kAllSteps.size())) return false;
  current_ = kAllSteps[static_cast<size_t>(index)];
  return true;
}

bool NavigationModel::Next() { return Select(static_cast<int>(current_) + 1); }
bool NavigationModel::Back() { return Select(static_cast<int>(current_) - 1); }

}  // namespace kiosk::ui
