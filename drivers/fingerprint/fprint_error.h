#pragma once
// The one place where libfprint's and GLib's GError become kiosk::Error.

#include <glib.h>

#include <string_view>

#include "kiosk/core/error.h"

namespace kiosk::drivers {

// Does not free error. `doing` names the operation for the log detail ("capturing").
Error FromGError(const GError* error, std::string_view doing);

}  // namespace kiosk::drivers
