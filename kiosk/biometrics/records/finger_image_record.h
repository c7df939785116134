#pragma once
// ISO/IEC 19794-4:2005 finger image record ("FIR\0", version "010\0"), as the centre receives
// the station's fingerprints: one record, one view per captured finger.
//
// Layout (big-endian):
//   general header, 32 bytes: "FIR\0", "010\0", record length (6 bytes), capture device id (2),
//     image acquisition level (2), number of fingers (1), scale units (1: ppi, 2: ppcm),
//     scan resolution h/v (2+2), image resolution h/v (2+2), pixel depth in bits (1),
//     image compression (1: 0 raw, 1 bit-packed, 2 WSQ, 3 JPEG, 4 JPEG 2000, 5 PNG), reserved (2);
//   per view, a 14-byte finger image header: data block length (4, header included), finger
//     position (1: 0 unknown, 1 right thumb … 10 left little, 11-15 plain multi-finger),
//     count of views (1), view number (1), finger image quality (1), impression type (1),
//     horizontal and vertical line length in pixels (2+2), reserved (1); then the image.
//
// Quality: the standard's per-view quality byte (0-100, 255 not computed) names no algorithm in
// its 2005 edition. The station writes its own score there, "station quality 0-100"
// (kiosk/biometrics/finger/finger_quality.h): it is NOT an NFIQ value, and docs/
// biometric-records.md says so to the centre.
//
// The parser is strict: every length must add up exactly, codes outside the standard are
// refused, a PNG image must carry the PNG signature, an uncompressed one the exact pixel count.
// Outside data: fuzzed (tests/fuzz/fuzz_finger_record.cpp).

#include <cstdint>
#include <span>
#include <vector>

#include "kiosk/core/result.h"

namespace kiosk::biometrics::records {

enum class FingerCompression : uint8_t { kUncompressed = 0, kBitPacked = 1, kWsq = 2, kJpeg = 3, kJpeg2000 = 4, kPng = 5 };
enum class FingerImpression : uint8_t { kLiveScanPlain = 0, kLiveScanRolled = 1, kNonLivePlain = 2, kNonLiveRolled = 3, kSwipe = 8 };

inline constexpr uint8_t kQualityNotComputed = 255;

struct FingerView {
  uint8_t position = 0;         // ISO/IEC 19794-4 finger position code
  uint8_t view_number = 1;      // 1…view_count for this finger
  uint8_t view_count = 1;
  uint8_t station_quality = kQualityNotComputed;  // 0-100: the station's score, not NFIQ
  FingerImpression impression = FingerImpression::kLiveScanPlain;
  uint16_t width = 0, height = 0;  // line length and line count, pixels
  std::vector<uint8_t> image;   // encoded as the record's compression says
};

struct FingerImageRecord {
  uint16_t capture_device_id = 0;   // 0: unreported
  uint16_t acquisition_level = 31;  // 31: 500 ppi, 8-bit grey
  uint8_t scale_units = 1;          // pixels per inch
  uint16_t scan_resolution = 500;
  uint16_t image_resolution = 500;
  uint8_t pixel_depth = 8;
  FingerCompression compression = FingerCompression::kPng;
  std::vector<FingerView> views;
};

// kInvalidArgument when the record cannot be written as the standard allows (no view, a field
// out of range, an image that does not match the compression).
Result<std::vector<uint8_t>> WriteFingerImageRecord(const FingerImageRecord& record);
// kParse on anything malformed; never reads past the input.
Result<FingerImageRecord> ParseFingerImageRecord(std::span<const uint8_t> bytes);

}  // namespace kiosk::biometrics::records
