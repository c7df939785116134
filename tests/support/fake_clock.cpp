#include "tests/support/fake_clock.h"

namespace kiosk::testing {

FakeClock::FakeClock() : FakeClock(WallTime(std::chrono::seconds(1768464000))) {}

FakeClock::FakeClock(WallTime start) : wall_(start), mono_(MonoTime(std::chrono::hours(1))) {}

Clock::WallTime FakeClock::Now() const {
  std::lock_guard lock(mutex_);
  return wall_;
}

Clock::MonoTime FakeClock::Monotonic() const {
  std::lock_guard lock(mutex_);
  return mono_;
}

void FakeClock::Advance(std::chrono::nanoseconds by) {
  std::lock_guard lock(mutex_);
  wall_ += std::chrono::duration_cast<std::chrono::system_clock::duration>(by);
  mono_ += by;
}

void FakeClock::SetNow(WallTime now) {
  std::lock_guard lock(mutex_);
  wall_ = now;
}

}  // namespace kiosk::testing
