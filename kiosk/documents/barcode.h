#pragma once
// Barcode and QR decoding from a camera frame or a scanned page, with ZXing-cpp. (OpenCV's own
// QR decoder is built without its decoding library on Debian, so it can find but not read codes.)
// Text is decoded as UTF-8 when the code carries no character-set indication, which is how the
// CCCD and BHYT QR codes are written.

#include <string>
#include <vector>

#include <opencv2/core.hpp>

#include "kiosk/core/result.h"

namespace kiosk::documents {

struct DecodedBarcode {
  std::string text;
  std::string format;  // "QRCode", "PDF417", "Code128", …
  std::vector<cv::Point> corners;  // four corners in image coordinates
};

// Every barcode found (none is not an error). Accepts 8-bit grey, BGR or BGRA images; tries
// harder (rotations, inverted, a second binariser) only when the first pass finds nothing.
Result<std::vector<DecodedBarcode>> DecodeBarcodes(const cv::Mat& image);

// The first QR code's text, or kNotFound with a message telling the officer to rescan or type.
Result<std::string> DecodeQrText(const cv::Mat& image);

}  // namespace kiosk::documents
