#pragma once
// The one place where OpenCV's exceptions become kiosk::Error for the camera driver.

#include <string_view>

#include <opencv2/core.hpp>

#include "kiosk/core/error.h"

namespace kiosk::drivers {

// `doing` names the operation for the log detail ("opening device 0").
Error FromCvException(const cv::Exception& e, std::string_view doing);

}  // namespace kiosk::drivers
