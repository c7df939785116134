#include "kiosk/documents/barcode.h"

// ZXing 1.4's Result::text() returns std::wstring unless told to move to UTF-8.
#define ZX_USE_UTF8 1
#include <ZXing/ReadBarcode.h>

#include <opencv2/imgproc.hpp>

#include "kiosk/core/i18n.h"

namespace kiosk::documents {

namespace {

std::vector<DecodedBarcode> Run(const cv::Mat& grey, const ZXing::DecodeHints& hints) {
  ZXing::ImageView view(grey.data, grey.cols, grey.rows, ZXing::ImageFormat::Lum,
                        static_cast<int>(grey.step[0]));
  std::vector<DecodedBarcode> out;
  for (const auto& result : ZXing::ReadBarcodes(view, hints)) {
    if (!result.isValid()) continue;
    DecodedBarcode barcode{result.text(), ZXing::ToString(result.format()), {}};
    const auto& position = result.position();
    for (int i = 0; i < 4; ++i) barcode.corners.emplace_back(position[i].x, position[i].y);
    out.push_back(std::move(barcode));
  }
  return out;
}

}  // namespace

Result<std::vector<DecodedBarcode>> DecodeBarcodes(const cv::Mat& image) {
  if (image.empty() || image.depth() != CV_8U) {
    return Fail(Error::InvalidArgument(N_("The image is empty or not an 8-bit picture."),
                                       "DecodeBarcodes"));
  }
  cv::Mat grey;
  if (image.channels() == 3) cv::cvtColor(image, grey, cv::COLOR_BGR2GRAY);
  else if (image.channels() == 4) cv::cvtColor(image, grey, cv::COLOR_BGRA2GRAY);
  else grey = image.isContinuous() ? image : image.clone();

  ZXing::DecodeHints hints;
  hints.setCharacterSet("UTF-8");
  hints.setTryHarder(false);
  hints.setTryRotate(false);
  hints.setMaxNumberOfSymbols(8);
  auto found = Run(grey, hints);
  if (!found.empty()) return found;

  hints.setTryHarder(true);
  hints.setTryRotate(true);
  found = Run(grey, hints);
  if (!found.empty()) return found;

  // Noisy phone or scanner frames: a light blur removes speckle that breaks the finder patterns.
  cv::Mat smoothed;
  cv::GaussianBlur(grey, smoothed, cv::Size(3, 3), 0);
  found = Run(smoothed, hints);
  if (!found.empty()) return found;
  hints.setBinarizer(ZXing::Binarizer::GlobalHistogram);
  return Run(smoothed, hints);
}

Result<std::string> DecodeQrText(const cv::Mat& image) {
  auto found = DecodeBarcodes(image);
  if (!found) return Fail(found.error());
  for (const auto& barcode : *found) {
    if (barcode.format == "QRCode") return barcode.text;
  }
  return Fail(Error::NotFound(N_("No QR code could be read. Hold the card flat, avoid glare and "
                                 "scan again, or type the data.")));
}

}  // namespace kiosk::documents
