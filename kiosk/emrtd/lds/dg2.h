#pragma once
// DG2: the face, 75 { 7F61 { 02 count, 7F60 { A1 header, 5F2E|7F2E record } … } }, where the
// record is ISO/IEC 19794-5:2005 ("FAC\0"). This parser is OpenCV-free (cheap to fuzz); decoding
// the image is in dg2_image.h.

#include <cstdint>
#include <vector>

#include "kiosk/emrtd/lds/tlv.h"

namespace kiosk::emrtd {

enum class FaceImageFormat { kUnknown, kJpeg, kJpeg2000 };

const char* ToString(FaceImageFormat format);

// By magic bytes: FF D8 FF (JPEG), 00 00 00 0C 6A 50 20 20 (JP2 box) or FF 4F FF 51 (J2K stream).
FaceImageFormat DetectImageFormat(ByteView image);

struct FaceImage {
  FaceImageFormat format = FaceImageFormat::kUnknown;
  uint8_t declared_data_type = 0;  // 19794-5: 0 JPEG, 1 JPEG 2000
  uint16_t width = 0;
  uint16_t height = 0;
  uint8_t gender = 0;              // 19794-5 codes: 0 unspecified, 1 male, 2 female, 3 unknown
  Bytes data;                      // the encoded image
};

struct Dg2 {
  std::vector<FaceImage> faces;  // at least one
};

Result<Dg2> ParseDg2(ByteView file);

// Builds a DG2 with one ISO 19794-5 record around an encoded image (for the card emulator).
Bytes BuildDg2(ByteView image, FaceImageFormat format, uint16_t width, uint16_t height);

}  // namespace kiosk::emrtd
