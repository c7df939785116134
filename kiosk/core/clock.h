#pragma once
// The Clock port: every piece of the core that needs the time takes a Clock&, so tests can move
// time (lockouts, inactivity, retention, backoff) without sleeping.
//
// Thread safety: implementations must be safe to call from any thread.

#include <chrono>

namespace kiosk {

class Clock {
 public:
  using WallTime = std::chrono::system_clock::time_point;
  using MonoTime = std::chrono::steady_clock::time_point;

  Clock() = default;
  Clock(const Clock&) = delete;
  Clock& operator=(const Clock&) = delete;
  virtual ~Clock() = default;

  // Calendar time (timestamps stored in records, audit entries, certificates).
  virtual WallTime Now() const = 0;
  // Monotonic time (timeouts, inactivity, durations): never goes back.
  virtual MonoTime Monotonic() const = 0;
};

class SystemClock final : public Clock {
 public:
  WallTime Now() const override { return std::chrono::system_clock::now(); }
  MonoTime Monotonic() const override { return std::chrono::steady_clock::now(); }
  // The process-wide instance, for composition roots.
  static SystemClock& Instance();
};

}  // namespace kiosk
