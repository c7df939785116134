#pragma once
// ISO/IEC 19794-5:2005 face image record ("FAC\0", version "010\0"), ICAO profile, as the centre
// receives the station's portrait: one token frontal image with its eye centres.
//
// Layout (big-endian):
//   header, 14 bytes: "FAC\0", "010\0", record length (4), number of facial images (2);
//   per image: facial information, 20 bytes: facial record data length (4, this block and
//     everything after it for this image), number of feature points (2), gender (1), eye colour
//     (1), hair colour (1), feature mask (3), expression (2), pose angle yaw/pitch/roll (3),
//     pose angle uncertainty (3);
//   feature points, 8 bytes each: type (1: MPEG-4), code (major << 4 | minor), x (2), y (2),
//     reserved (2);
//   image information, 12 bytes: face image type (0 basic, 1 full frontal, 2 token frontal),
//     image data type (0 JPEG, 1 JPEG 2000), width (2), height (2), colour space (1), source
//     type (1), device type (2), quality (2); then the image.
//
// Eye centres are the MPEG-4 feature points 12.1 (the subject's left eye, on the picture's
// right) and 12.2 (the right eye). The parser is strict: lengths add up exactly, the image's
// magic bytes match its declared type, feature points lie inside the image.
// Outside data: fuzzed (tests/fuzz/fuzz_face_record.cpp).

#include <array>
#include <cstdint>
#include <span>
#include <vector>

#include "kiosk/core/result.h"

namespace kiosk::biometrics::records {

enum class FaceImageType : uint8_t { kBasic = 0, kFullFrontal = 1, kTokenFrontal = 2 };
enum class FaceImageData : uint8_t { kJpeg = 0, kJpeg2000 = 1 };

inline constexpr uint8_t kLeftEyeCentre = 0xC1;   // MPEG-4 12.1
inline constexpr uint8_t kRightEyeCentre = 0xC2;  // MPEG-4 12.2

struct FacePoint {
  uint8_t code = 0;  // major << 4 | minor
  uint16_t x = 0, y = 0;
  friend bool operator==(const FacePoint&, const FacePoint&) = default;
};

struct FaceImage {
  uint8_t gender = 0, eye_colour = 0, hair_colour = 0;  // 0: unspecified
  uint32_t feature_mask = 0;                            // 24 bits
  uint16_t expression = 0;
  std::array<uint8_t, 3> pose{}, pose_uncertainty{};
  std::vector<FacePoint> points;
  FaceImageType image_type = FaceImageType::kTokenFrontal;
  FaceImageData data_type = FaceImageData::kJpeg2000;
  uint16_t width = 0, height = 0;
  uint8_t colour_space = 1;  // 24-bit RGB
  uint8_t source_type = 2;   // static photograph from a digital still camera
  uint16_t device_type = 0;
  uint16_t quality = 0;      // 0: unspecified
  std::vector<uint8_t> image;
};

struct FaceImageRecord {
  std::vector<FaceImage> faces;
};

Result<std::vector<uint8_t>> WriteFaceImageRecord(const FaceImageRecord& record);
Result<FaceImageRecord> ParseFaceImageRecord(std::span<const uint8_t> bytes);

}  // namespace kiosk::biometrics::records
