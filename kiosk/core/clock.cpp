#include "kiosk/core/clock.h"

namespace kiosk {

SystemClock& SystemClock::Instance() {
  static SystemClock clock;
  return clock;
}

}  // namespace kiosk
