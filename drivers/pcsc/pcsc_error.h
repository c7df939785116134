#pragma once
// The one place where PC/SC return codes (SCARD_*) become kiosk::Error, for pcsc-lite and
// WinSCard alike. operation names the call for the technical detail ("SCardConnect").

#include <cstdint>
#include <string_view>

#include "kiosk/core/error.h"

namespace kiosk::pcsc {

// rv is the LONG returned by an SCard* function (never SCARD_S_SUCCESS here).
Error ToError(int64_t rv, std::string_view operation);

}  // namespace kiosk::pcsc
