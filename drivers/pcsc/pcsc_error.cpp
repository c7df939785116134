#include "drivers/pcsc/pcsc_error.h"

#include <cstdio>
#include <string>

#include "drivers/pcsc/pcsc_api.h"
#include "kiosk/core/i18n.h"

namespace kiosk::pcsc {

Error ToError(int64_t rv_wide, std::string_view operation) {
  const auto rv = static_cast<LONG>(rv_wide);
  char hex[16];
  std::snprintf(hex, sizeof hex, "0x%08lX", static_cast<unsigned long>(rv) & 0xFFFFFFFFul);
  std::string detail = std::string(operation) + " returned " + hex;
  switch (rv) {
    case static_cast<LONG>(SCARD_E_NO_SERVICE):
    case static_cast<LONG>(SCARD_E_SERVICE_STOPPED):
      return Error(ErrorCode::kServiceUnavailable,
                   N_("The smart card service (pcscd) is not running. Start it, then retry."), detail);
    case static_cast<LONG>(SCARD_E_NO_READERS_AVAILABLE):
      return Error(ErrorCode::kDeviceNotFound,
                   N_("No card reader is connected. Plug in the reader, then retry."), detail);
    case static_cast<LONG>(SCARD_E_UNKNOWN_READER):
      return Error(ErrorCode::kDeviceNotFound,
                   N_("The configured card reader is not connected."), detail);
    case static_cast<LONG>(SCARD_E_READER_UNAVAILABLE):
      return Error(ErrorCode::kDeviceRemoved,
                   N_("The card reader was disconnected. Plug it in again, then retry."), detail);
    case static_cast<LONG>(SCARD_E_NO_SMARTCARD):
    case static_cast<LONG>(SCARD_W_REMOVED_CARD):
      return Error(ErrorCode::kCardRemoved,
                   N_("The card was removed during reading. Place it on the reader again and retry."),
                   detail);
    case static_cast<LONG>(SCARD_W_RESET_CARD):
    case static_cast<LONG>(SCARD_W_UNPOWERED_CARD):
    case static_cast<LONG>(SCARD_W_UNRESPONSIVE_CARD):
    case static_cast<LONG>(SCARD_E_NOT_TRANSACTED):
    case static_cast<LONG>(SCARD_F_COMM_ERROR):
      return Error(ErrorCode::kCardError,
                   N_("The card did not answer properly. Hold it still on the reader and retry."),
                   detail, Error::Retry::kYes);
    case static_cast<LONG>(SCARD_W_UNSUPPORTED_CARD):
    case static_cast<LONG>(SCARD_E_PROTO_MISMATCH):
    case static_cast<LONG>(SCARD_E_CARD_UNSUPPORTED):
      return Error(ErrorCode::kUnsupported, N_("This card is not supported by the reader."), detail);
    case static_cast<LONG>(SCARD_E_SHARING_VIOLATION):
      return Error(ErrorCode::kDeviceBusy,
                   N_("Another program is using the card reader. Close it, then retry."), detail);
    case static_cast<LONG>(SCARD_E_TIMEOUT):
      return Error(ErrorCode::kTimeout, N_("No card was presented in time."), detail);
    case static_cast<LONG>(SCARD_E_CANCELLED):
      return Error::Cancelled().WithContext(detail);
    case static_cast<LONG>(SCARD_E_NO_MEMORY):
    case static_cast<LONG>(SCARD_E_INSUFFICIENT_BUFFER):
    case static_cast<LONG>(SCARD_E_INVALID_PARAMETER):
    case static_cast<LONG>(SCARD_E_INVALID_HANDLE):
    case static_cast<LONG>(SCARD_E_INVALID_VALUE):
    default:
      return Error::Internal(detail);
  }
}

}  // namespace kiosk::pcsc
