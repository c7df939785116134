#pragma once
// The final portrait: the frame rotated so the eyes are level and cropped to the ICAO 9303 /
// ISO/IEC 19794-5 "token" geometry, then encoded (JPEG for the record, JPEG 2000 for the
// central side, as in an eMRTD's DG2).
//
// Token geometry, for an image W wide: height 4W/3 (3:4), eye midpoint at (W/2, 0.6W) from the
// top-left corner, distance between the eye centres W/4. Parts of the token outside the camera
// frame are filled by replicating the frame's edge.

#include <opencv2/core.hpp>

#include "kiosk/biometrics/face/face_detector.h"
#include "kiosk/core/result.h"
#include "kiosk/core/secret.h"

namespace kiosk::biometrics::face {

struct TokenGeometry {
  int width = 480;                // the eye distance is width / 4 = 120 px (ICAO asks ≥ 90)
  int height() const { return width * 4 / 3; }
  cv::Point2f EyeMidpoint() const { return {width / 2.0f, 0.6f * width}; }
  float EyeDistance() const { return width / 4.0f; }
};

// Needs both eyes; fails with kInvalidArgument otherwise.
Result<cv::Mat> CropToToken(const cv::Mat& frame, const EyePair& eyes, TokenGeometry geometry = {});

enum class PortraitFormat { kJpeg, kJpeg2000 };

// Encoded image bytes, in a buffer wiped when released (a portrait is biometric data).
Result<SecretBytes> EncodePortrait(const cv::Mat& portrait, PortraitFormat format, int jpeg_quality = 90);

}  // namespace kiosk::biometrics::face
