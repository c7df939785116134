#include "drivers/camera/cv_error.h"

#include <string>

#include "kiosk/core/i18n.h"

namespace kiosk::drivers {

Error FromCvException(const cv::Exception& e, std::string_view doing) {
  std::string detail = std::string(doing) + ": " + e.what();
  switch (e.code) {
    case cv::Error::StsNoMem:
      return Error(ErrorCode::kInternal, N_("The camera ran out of memory."), detail, Error::Retry::kYes);
    case cv::Error::StsNotImplemented:
    case cv::Error::StsUnsupportedFormat:
      return Error::Unsupported(N_("The camera does not support this mode."), detail);
    case cv::Error::StsBadArg:
    case cv::Error::StsOutOfRange:
      return Error::InvalidArgument(N_("The camera source is not valid."), detail);
    default:
      return Error(ErrorCode::kIo, N_("The camera failed: {0}."), detail).WithArg(e.err);
  }
}

}  // namespace kiosk::drivers
