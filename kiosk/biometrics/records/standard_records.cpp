#include "kiosk/biometrics/records/standard_records.h"

#include <algorithm>
#include <cmath>

#include <opencv2/imgcodecs.hpp>
#include <opencv2/imgproc.hpp>

#include "kiosk/biometrics/face/portrait.h"
#include "kiosk/biometrics/records/face_image_record.h"
#include "kiosk/biometrics/records/finger_image_record.h"
#include "kiosk/core/i18n.h"

namespace kiosk::biometrics::records {

namespace {

cv::Mat Decode(std::span<const uint8_t> bytes, int flags) {
  if (bytes.empty() || bytes.size() > 64u << 20) return {};
  try {
    return cv::imdecode(cv::Mat(1, static_cast<int>(bytes.size()), CV_8U, const_cast<uint8_t*>(bytes.data())), flags);
  } catch (const cv::Exception&) {
    return {};
  }
}

bool IsPng(std::span<const uint8_t> b) { return b.size() >= 8 && b[0] == 0x89 && b[1] == 'P' && b[2] == 'N' && b[3] == 'G'; }

}  // namespace

Result<std::vector<uint8_t>> FaceRecordFromPortrait(std::span<const uint8_t> encoded) {
  const cv::Mat portrait = Decode(encoded, cv::IMREAD_COLOR);
  if (portrait.empty() || portrait.cols > 0xFFFF || portrait.rows > 0xFFFF) {
    return Fail(Error::InvalidArgument(N_("The portrait record cannot be written."), "portrait not decodable"));
  }
  FaceImage face;
  face.width = static_cast<uint16_t>(portrait.cols);
  face.height = static_cast<uint16_t>(portrait.rows);
  if (auto jp2 = face::EncodePortrait(portrait, face::PortraitFormat::kJpeg2000)) {
    face.data_type = FaceImageData::kJpeg2000;
    face.image.assign(jp2->data(), jp2->data() + jp2->size());
  } else {
    face.data_type = FaceImageData::kJpeg;
    face.image.assign(encoded.begin(), encoded.end());
  }
  // The token's eyes (portrait.h): midpoint at (W/2, 0.6 W), W/4 apart. The subject's left eye
  // is on the picture's right.
  face::TokenGeometry token;
  token.width = portrait.cols;
  const cv::Point2f mid = token.EyeMidpoint();
  const float half = token.EyeDistance() / 2;
  auto point = [&](uint8_t code, float x) {
    return FacePoint{code, static_cast<uint16_t>(std::clamp<float>(std::round(x), 0, face.width - 1.0f)),
                     static_cast<uint16_t>(std::clamp<float>(std::round(mid.y), 0, face.height - 1.0f))};
  };
  face.points = {point(kLeftEyeCentre, mid.x + half), point(kRightEyeCentre, mid.x - half)};
  return WriteFaceImageRecord({{std::move(face)}});
}

Result<std::vector<uint8_t>> FingerRecordFromCaptures(const std::vector<FingerCapture>& captures) {
  FingerImageRecord record;
  for (const auto& capture : captures) {
    const cv::Mat grey = Decode(capture.image, cv::IMREAD_GRAYSCALE);
    if (grey.empty() || grey.cols > 0xFFFF || grey.rows > 0xFFFF) {
      return Fail(Error::InvalidArgument(N_("The fingerprint record cannot be written."), "image not decodable"));
    }
    FingerView view;
    view.position = capture.position;
    view.station_quality = capture.station_quality < 0 ? kQualityNotComputed
                                                       : static_cast<uint8_t>(std::min(capture.station_quality, 100));
    view.width = static_cast<uint16_t>(grey.cols);
    view.height = static_cast<uint16_t>(grey.rows);
    // The sealed bytes when they already are an 8-bit grey PNG; otherwise the same pixels as one.
    const cv::Mat as_is = IsPng(capture.image) ? Decode(capture.image, cv::IMREAD_UNCHANGED) : cv::Mat();
    if (!as_is.empty() && as_is.type() == CV_8UC1) {
      view.image.assign(capture.image.begin(), capture.image.end());
    } else if (!cv::imencode(".png", grey, view.image)) {
      return Fail(Error::InvalidArgument(N_("The fingerprint record cannot be written."), "png encoding"));
    }
    record.views.push_back(std::move(view));
  }
  return WriteFingerImageRecord(record);
}

}  // namespace kiosk::biometrics::records
