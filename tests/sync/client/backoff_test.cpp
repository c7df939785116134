#include "sync/client/backoff.h"

#include <gtest/gtest.h>

#include <set>

namespace kiosk::sync {
namespace {

using std::chrono::milliseconds;

TEST(BackoffTest, Delay_GrowsExponentiallyWithinJitterBounds) {
  Backoff backoff({milliseconds(1000), milliseconds(60000), 2.0}, 42);
  for (int attempt = 1; attempt <= 10; ++attempt) {
    int64_t ceiling = std::min<int64_t>(1000LL << (attempt - 1), 60000);
    for (int i = 0; i < 20; ++i) {
      auto delay = backoff.Delay(attempt).count();
      EXPECT_GE(delay, ceiling / 2) << attempt;
      EXPECT_LE(delay, ceiling) << attempt;
    }
  }
}

TEST(BackoffTest, Delay_Jittered_NotAllEqual) {
  Backoff backoff({milliseconds(1000), milliseconds(60000), 2.0}, 7);
  std::set<int64_t> seen;
  for (int i = 0; i < 20; ++i) seen.insert(backoff.Delay(5).count());
  EXPECT_GT(seen.size(), 5u);
}

TEST(BackoffTest, Delay_CappedAtMax) {
  Backoff backoff({milliseconds(1000), milliseconds(5000), 2.0}, 1);
  EXPECT_LE(backoff.Delay(100).count(), 5000);
  EXPECT_GE(backoff.Delay(100).count(), 2500);
}

}  // namespace
}  // namespace kiosk::sync
