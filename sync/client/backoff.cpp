#include "sync/client/backoff.h"

#include <algorithm>
#include <cmath>

namespace kiosk::sync {

std::chrono::milliseconds Backoff::Delay(int attempt) {
  double base = static_cast<double>(policy_.initial.count()) *
                std::pow(policy_.multiplier, std::max(attempt, 1) - 1);
  double cap = static_cast<double>(policy_.max_delay.count());
  auto ceiling = static_cast<int64_t>(std::min(base, cap));
  if (ceiling <= 1) return std::chrono::milliseconds(ceiling);
  std::uniform_int_distribution<int64_t> pick(ceiling / 2, ceiling);
  return std::chrono::milliseconds(pick(random_));
}

}  // namespace kiosk::sync
