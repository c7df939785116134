#pragma once
// Exponential backoff with jitter: attempt n waits a random time in [d/2, d] where
// d = min(max_delay, initial * multiplier^(n-1)). The random half spreads the retries of many
// stations coming back after an outage, the fixed half keeps the delay growing.
//
// Thread safety: not thread-safe (each worker owns one).

#include <chrono>
#include <cstdint>
#include <random>

namespace kiosk::sync {

struct BackoffPolicy {
  std::chrono::milliseconds initial{1000};
  std::chrono::milliseconds max_delay{5 * 60 * 1000};
  double multiplier = 2.0;
};

class Backoff {
 public:
  explicit Backoff(BackoffPolicy policy, uint64_t seed = std::random_device{}())
      : policy_(policy), random_(seed) {}
  // The delay before retry number `attempt` (1 = first retry).
  std::chrono::milliseconds Delay(int attempt);
  const BackoffPolicy& policy() const { return policy_; }

 private:
  BackoffPolicy policy_;
  std::mt19937_64 random_;
};

}  // namespace kiosk::sync
