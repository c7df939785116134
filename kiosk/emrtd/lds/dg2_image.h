#pragma once
// Decodes the DG2 face with OpenCV (JPEG and JPEG 2000). Separate from dg2.h so that parsing
// stays OpenCV-free; including this header needs OpenCV's include directory.

#include <opencv2/core.hpp>

#include "kiosk/emrtd/lds/dg2.h"

namespace kiosk::emrtd {

// A BGR image; kParse if the bytes are not a decodable JPEG / JPEG 2000.
Result<cv::Mat> DecodeFaceImage(ByteView encoded);
Result<cv::Mat> DecodeFaceImage(const FaceImage& face);

}  // namespace kiosk::emrtd
