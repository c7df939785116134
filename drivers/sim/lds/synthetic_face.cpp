// The emulator's face image: a simple drawn portrait (no real person), or a file given by the
// citizen JSON. OpenCV draws and encodes it.
#include <fstream>
#include <iterator>

#include <opencv2/imgcodecs.hpp>
#include <opencv2/imgproc.hpp>

#include "drivers/sim/lds/lds_builder.h"
#include "kiosk/emrtd/lds/dg2_image.h"

namespace kiosk::sim {

Result<EncodedFace> LoadFaceFile(const std::filesystem::path& file);

namespace {

cv::Mat DrawPortrait() {
  constexpr int kWidth = 360;
  constexpr int kHeight = 480;
  cv::Mat image(kHeight, kWidth, CV_8UC3);
  // Light background with a soft vertical gradient, as on ID photos.
  for (int y = 0; y < kHeight; ++y) {
    const int shade = 235 - y / 24;
    image.row(y).setTo(cv::Scalar(shade, shade - 4, shade - 10));
  }
  const cv::Point center(kWidth / 2, kHeight / 2 - 10);
  const cv::Scalar skin(150, 185, 225);
  const cv::Scalar hair(30, 30, 35);
  cv::ellipse(image, {center.x, kHeight + 40}, {150, 150}, 0, 180, 360, cv::Scalar(90, 60, 40), -1);
  cv::rectangle(image, {center.x - 35, center.y + 110}, {center.x + 35, center.y + 170}, skin, -1);
  cv::ellipse(image, center, {105, 140}, 0, 0, 360, skin, -1, cv::LINE_AA);
  cv::ellipse(image, {center.x, center.y - 70}, {112, 85}, 0, 180, 360, hair, -1, cv::LINE_AA);
  for (int side : {-1, 1}) {
    const cv::Point eye(center.x + side * 42, center.y - 15);
    cv::ellipse(image, eye, {20, 10}, 0, 0, 360, cv::Scalar(250, 250, 250), -1, cv::LINE_AA);
    cv::circle(image, eye, 7, cv::Scalar(40, 50, 60), -1, cv::LINE_AA);
    cv::line(image, {eye.x - 22, eye.y - 22}, {eye.x + 22, eye.y - 25}, hair, 5, cv::LINE_AA);
    cv::ellipse(image, {center.x + side * 106, center.y + 5}, {12, 26}, 0, 0, 360, skin, -1);
  }
  cv::line(image, {center.x, center.y - 5}, {center.x - 8, center.y + 40}, cv::Scalar(110, 140, 190),
           3, cv::LINE_AA);
  cv::ellipse(image, {center.x, center.y + 72}, {32, 12}, 0, 10, 170, cv::Scalar(90, 90, 170), 4,
              cv::LINE_AA);
  // Sensor-like noise so the JPEG has a realistic size (~15-20 KB), fixed seed: reproducible.
  cv::Mat noise(image.size(), CV_16SC3);
  cv::RNG rng(0x5EED);
  rng.fill(noise, cv::RNG::NORMAL, 0, 6);
  cv::Mat noisy;
  image.convertTo(noisy, CV_16SC3);
  noisy += noise;
  noisy.convertTo(image, CV_8UC3);
  cv::GaussianBlur(image, image, {3, 3}, 0.8);
  return image;
}

}  // namespace

Result<EncodedFace> DrawSyntheticFace(emrtd::FaceImageFormat format) {
  const cv::Mat image = DrawPortrait();
  std::vector<uint8_t> data;
  try {
    if (format == emrtd::FaceImageFormat::kJpeg2000) {
      // OpenJPEG's compression ratio parameter (x1000): about 20 KB for this image.
      if (!cv::imencode(".jp2", image, data, {cv::IMWRITE_JPEG2000_COMPRESSION_X1000, 40})) {
        return Fail(Error::Unsupported("JPEG 2000 encoding is not available.", "imencode jp2"));
      }
    } else {
      if (!cv::imencode(".jpg", image, data, {cv::IMWRITE_JPEG_QUALITY, 80})) {
        return Fail(Error::Internal("imencode jpg"));
      }
    }
  } catch (const cv::Exception& e) {
    return Fail(Error::Unsupported("JPEG 2000 encoding is not available.", e.what()));
  }
  EncodedFace face;
  face.data = std::move(data);
  face.format = emrtd::DetectImageFormat(face.data);
  face.width = static_cast<uint16_t>(image.cols);
  face.height = static_cast<uint16_t>(image.rows);
  return face;
}

Result<EncodedFace> LoadFaceFile(const std::filesystem::path& file) {
  std::ifstream in(file, std::ios::binary);
  if (!in) return Fail(Error::NotFound("The face image file cannot be read.", file.filename().string()));
  EncodedFace face;
  face.data.assign(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
  auto decoded = emrtd::DecodeFaceImage(face.data);
  if (!decoded) return Fail(decoded.error());
  face.format = emrtd::DetectImageFormat(face.data);
  face.width = static_cast<uint16_t>(decoded->cols);
  face.height = static_cast<uint16_t>(decoded->rows);
  return face;
}

}  // namespace kiosk::sim
