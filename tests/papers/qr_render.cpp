#include "tests/papers/qr_render.h"

#include <qrencode.h>

#include <string>

#include <opencv2/imgproc.hpp>

namespace kiosk::papers {

cv::Mat RenderQr(std::string_view text, int module_px, int quiet_modules) {
  const std::string data(text);
  QRcode* code = QRcode_encodeData(static_cast<int>(data.size()),
                                   reinterpret_cast<const unsigned char*>(data.data()), 0,
                                   QR_ECLEVEL_M);
  if (code == nullptr) return {};
  const int size = (code->width + 2 * quiet_modules) * module_px;
  cv::Mat image(size, size, CV_8UC1, cv::Scalar(255));
  for (int y = 0; y < code->width; ++y) {
    for (int x = 0; x < code->width; ++x) {
      if (code->data[y * code->width + x] & 1) {  // bit 0: dark module
        cv::rectangle(image,
                      cv::Rect((x + quiet_modules) * module_px, (y + quiet_modules) * module_px,
                               module_px, module_px),
                      cv::Scalar(0), cv::FILLED);
      }
    }
  }
  QRcode_free(code);
  return image;
}

}  // namespace kiosk::papers
