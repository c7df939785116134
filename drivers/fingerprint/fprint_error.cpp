#include "drivers/fingerprint/fprint_error.h"

#include <fprint.h>
#include <gio/gio.h>

#include <string>

#include "kiosk/core/i18n.h"

namespace kiosk::drivers {

Error FromGError(const GError* error, std::string_view doing) {
  if (error == nullptr) return Error::Internal(std::string(doing) + ": failed without an error");
  const std::string detail = std::string(doing) + ": " + error->message;
  if (g_error_matches(error, G_IO_ERROR, G_IO_ERROR_CANCELLED)) {
    return Error(ErrorCode::kCancelled, N_("The operation was cancelled."), detail, Error::Retry::kNo);
  }
  if (error->domain == FP_DEVICE_RETRY) {
    switch (static_cast<FpDeviceRetry>(error->code)) {
      case FP_DEVICE_RETRY_TOO_SHORT:
        return Error(ErrorCode::kIo, N_("The finger was lifted too soon: place it again and hold still."), detail,
                     Error::Retry::kYes);
      case FP_DEVICE_RETRY_CENTER_FINGER:
        return Error(ErrorCode::kIo, N_("Centre your finger on the sensor."), detail, Error::Retry::kYes);
      case FP_DEVICE_RETRY_REMOVE_FINGER:
        return Error(ErrorCode::kIo, N_("Lift the finger, then place it again."), detail, Error::Retry::kYes);
      default:
        return Error(ErrorCode::kIo, N_("The scan did not succeed: place the finger again."), detail,
                     Error::Retry::kYes);
    }
  }
  if (error->domain == FP_DEVICE_ERROR) {
    switch (static_cast<FpDeviceError>(error->code)) {
      case FP_DEVICE_ERROR_REMOVED:
        return Error(ErrorCode::kDeviceRemoved, N_("The fingerprint sensor was disconnected."), detail,
                     Error::Retry::kYes);
      case FP_DEVICE_ERROR_BUSY:
      case FP_DEVICE_ERROR_ALREADY_OPEN:
        return Error(ErrorCode::kDeviceBusy, N_("The fingerprint sensor is in use by another program."), detail,
                     Error::Retry::kYes);
      case FP_DEVICE_ERROR_NOT_SUPPORTED:
        return Error::Unsupported(N_("The fingerprint sensor cannot do this (it gives no images)."), detail);
      case FP_DEVICE_ERROR_NOT_OPEN:
        return Error(ErrorCode::kInternal, N_("The fingerprint sensor is not open."), detail, Error::Retry::kNo);
      case FP_DEVICE_ERROR_TOO_HOT:
        return Error(ErrorCode::kDeviceBusy, N_("The fingerprint sensor is too hot: wait a few minutes."), detail,
                     Error::Retry::kYes);
      default:
        return Error(ErrorCode::kIo, N_("The fingerprint sensor failed."), detail, Error::Retry::kYes);
    }
  }
  if (error->domain == G_IO_ERROR && error->code == G_IO_ERROR_TIMED_OUT) {
    return Error(ErrorCode::kTimeout, N_("No finger was placed in time."), detail);
  }
  return Error(ErrorCode::kIo, N_("The fingerprint sensor failed."), detail, Error::Retry::kYes);
}

}  // namespace kiosk::drivers
