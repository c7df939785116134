#include "kiosk/emrtd/lds/dg2_image.h"

#include <opencv2/imgcodecs.hpp>

namespace kiosk::emrtd {

Result<cv::Mat> DecodeFaceImage(ByteView encoded) {
  // A face image on a chip is tens of KB; refuse absurd sizes before handing them to a codec.
  constexpr size_t kMaxEncodedSize = 16 * 1024 * 1024;
  if (encoded.size() > kMaxEncodedSize) {
    return Fail(Error::Parse("The face image on the chip cannot be decoded.", "too large"));
  }
  if (DetectImageFormat(encoded) == FaceImageFormat::kUnknown) {
    return Fail(Error::Parse("The face image on the chip cannot be decoded.", "unknown format"));
  }
  try {
    // imdecode does not modify the buffer; the Mat header only wraps it for the call.
    const cv::Mat buffer(1, static_cast<int>(encoded.size()), CV_8UC1,
                         const_cast<uint8_t*>(encoded.data()));
    cv::Mat image = cv::imdecode(buffer, cv::IMREAD_COLOR);
    if (image.empty()) {
      return Fail(Error::Parse("The face image on the chip cannot be decoded.", "imdecode"));
    }
    return image;
  } catch (const cv::Exception& e) {
    return Fail(Error::Parse("The face image on the chip cannot be decoded.", e.what()));
  }
}

Result<cv::Mat> DecodeFaceImage(const FaceImage& face) { return DecodeFaceImage(face.data); }

}  // namespace kiosk::emrtd
