#pragma once
#include <atomic>
#include <chrono>
#include <mutex>

#include "kiosk/core/clock.h"

namespace kiosk::testing {

// A clock that only moves when told to. Thread-safe.
class FakeClock final : public Clock {
 public:
  // Starts at 2026-01-15 08:00:00 UTC (a working morning) unless told otherwise.
  FakeClock();
  explicit FakeClock(WallTime start);

  WallTime Now() const override;
  MonoTime Monotonic() const override;

  void Advance(std::chrono::nanoseconds by);
  void SetNow(WallTime now);

 private:
  mutable std::mutex mutex_;
  WallTime wall_;
  MonoTime mono_;
};

}  // namespace kiosk::testing
