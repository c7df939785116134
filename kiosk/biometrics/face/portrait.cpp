#include "kiosk/biometrics/face/portrait.h"

#include <cmath>
#include <numbers>

#include <opencv2/imgcodecs.hpp>
#include <opencv2/imgproc.hpp>

#include "kiosk/core/i18n.h"

namespace kiosk::biometrics::face {

Result<cv::Mat> CropToToken(const cv::Mat& frame, const EyePair& eyes, TokenGeometry geometry) {
  if (frame.empty() || !eyes.Both()) {
    return Fail(Error::InvalidArgument(N_("The portrait cannot be cropped: eyes not found."), "CropToToken"));
  }
  const cv::Point2f left = *eyes.left;
  const cv::Point2f right = *eyes.right;
  const cv::Point2f delta = right - left;
  const double distance = std::hypot(delta.x, delta.y);
  if (distance < 2) {
    return Fail(Error::InvalidArgument(N_("The portrait cannot be cropped: eyes not found."), "eyes coincide"));
  }
  const double angle = std::atan2(delta.y, delta.x) * 180 / std::numbers::pi;
  const cv::Point2f midpoint = (left + right) * 0.5f;
  // Rotate about the eye midpoint so the eyes are level, scale to the token's eye distance, then
  // move the midpoint to where the token wants it.
  cv::Mat transform = cv::getRotationMatrix2D(midpoint, angle, geometry.EyeDistance() / distance);
  const cv::Point2f target = geometry.EyeMidpoint();
  transform.at<double>(0, 2) += target.x - midpoint.x;
  transform.at<double>(1, 2) += target.y - midpoint.y;
  cv::Mat token;
  try {
    cv::warpAffine(frame, token, transform, cv::Size(geometry.width, geometry.height()),
                   cv::INTER_AREA, cv::BORDER_REPLICATE);
  } catch (const cv::Exception& e) {
    return Fail(Error::Internal(std::string("warpAffine: ") + e.what()));
  }
  return token;
}

Result<SecretBytes> EncodePortrait(const cv::Mat& portrait, PortraitFormat format, int jpeg_quality) {
  if (portrait.empty()) {
    return Fail(Error::InvalidArgument(N_("There is no portrait to save."), "EncodePortrait"));
  }
  std::vector<uchar> bytes;
  try {
    bool ok = false;
    if (format == PortraitFormat::kJpeg) {
      ok = cv::imencode(".jpg", portrait, bytes, {cv::IMWRITE_JPEG_QUALITY, jpeg_quality});
    } else {
      // Target size as a fraction of the raw pixels, ×1000: 30 puts a 480×640 colour token near
      // 28 kB, within the usual DG2 budget (measured: 100 gave 92 kB).
      ok = cv::imencode(".jp2", portrait, bytes, {cv::IMWRITE_JPEG2000_COMPRESSION_X1000, 30});
    }
    if (!ok) {
      return Fail(Error::Unsupported(N_("This station cannot encode the portrait in that format."),
                                     format == PortraitFormat::kJpeg ? "jpeg" : "jpeg2000"));
    }
  } catch (const cv::Exception& e) {
    return Fail(Error::Unsupported(N_("This station cannot encode the portrait in that format."), e.what()));
  }
  SecretBytes out(bytes.data(), bytes.size());
  SecureWipe(bytes.data(), bytes.size());
  return Result<SecretBytes>(std::move(out));
}

}  // namespace kiosk::biometrics::face
