#pragma once
// From the station's sealed captures to the centre's standard records:
//  - the portrait (the ICAO token crop the wizard seals as JPEG) → one ISO/IEC 19794-5 record:
//    token frontal, JPEG 2000 when this OpenCV can write it (OpenJPEG), else the JPEG as sealed;
//    eye centres from the token geometry (portrait.h), 24-bit RGB, digital still camera;
//  - the fingerprints (8-bit grey PNG at 500 ppi, as sealed) → one ISO/IEC 19794-4 record, one
//    view per finger, PNG compression (lossless, the sealed bytes themselves), acquisition level
//    31, each view's quality byte holding the station quality 0-100 (not NFIQ).
//
// Thread safety: free functions without state.

#include <cstdint>
#include <span>
#include <vector>

#include "kiosk/core/result.h"

namespace kiosk::biometrics::records {

Result<std::vector<uint8_t>> FaceRecordFromPortrait(std::span<const uint8_t> encoded_portrait);

struct FingerCapture {
  uint8_t position = 0;         // ISO/IEC 19794-4 code, 1 right thumb … 10 left little
  int station_quality = -1;     // 0-100, or -1 when not computed
  std::span<const uint8_t> image;  // the sealed image (PNG; another format is re-encoded)
};

Result<std::vector<uint8_t>> FingerRecordFromCaptures(const std::vector<FingerCapture>& captures);

}  // namespace kiosk::biometrics::records
