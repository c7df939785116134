#pragma once
// Aligns a face for the recognition model: the eyes are moved by a similarity transform
// (rotation, uniform scale, shift) onto the 112×112 template, the eye positions of insightface's
// five-point template (the common alignment of 112×112 recognition models). The same function
// aligns the chip photo (DG2) and the live portrait, so both reach the model the same way.
//
// Landmarks: the station's own detector (face_detector.h): the SSD face box, then the Haar eye
// cascade inside it. When the cascade does not find both eyes, or finds an implausible pair,
// the eyes are placed where a frontal face's eyes sit in the box (face_cues.h AnchorsFromBox)
// and the result says so.
//
// Thread safety: uses the caller's FaceDetector (not thread-safe).

#include <opencv2/core.hpp>

#include "kiosk/biometrics/face/face_detector.h"
#include "kiosk/core/result.h"

namespace kiosk::biometrics::face {

inline constexpr int kAlignedFaceSize = 112;
// Eye centres of the 112×112 template ("left" on the picture's left).
inline const cv::Point2f kTemplateLeftEye{38.2946f, 51.6963f};
inline const cv::Point2f kTemplateRightEye{73.5318f, 51.5014f};

struct AlignedFace {
  cv::Mat image;            // 112×112 BGR
  bool eyes_found = false;  // from the eye cascade, not estimated from the box
};

// The 2×3 similarity transform taking `left`/`right` onto the template's eyes.
cv::Mat EyeAlignment(cv::Point2f left, cv::Point2f right);

// kNotFound when the picture holds no face; kInvalidArgument when it is not an 8-bit image.
Result<AlignedFace> AlignFace(const cv::Mat& bgr, FaceDetector& detector);

}  // namespace kiosk::biometrics::face
