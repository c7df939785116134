#include "kiosk/core/version.h"

namespace kiosk {
std::string_view Version() { return KIOSK_VERSION; }
}  // namespace kiosk
