#pragma once
// The measurements behind the portrait checks that cannot lean on the face detector's box alone:
// the head turn (yaw), dark glasses and a mask. All are placed from the eye centres, in units of
// the eye distance d, using the proportions of a frontal adult face: the upper cheeks 0.3-0.5 d
// below the eye line, the nose tip about 0.65 d, the mouth about 1.0 d, the chin about 1.5 d, the
// face's half-width about 1.1 d. Each reads a few small resized patches of the frame, so together
// they cost well under a millisecond at 1280x720.
//
// What each one is worth:
//  - YawRatio: the face's midline is found from the picture (the axis about which the cheeks,
//    the face's outline and the hair beside it are most nearly mirror images), not from the
//    detector's box, which the 160 px network places about 8 % of its width off to one side even
//    on a perfectly symmetric face. A turned head moves the eyes off that midline. It is a
//    measurement of the picture's symmetry and a heuristic as a pose: a strongly asymmetric
//    hairstyle beside the cheeks pulls the midline.
//  - EyeToSkinRatio (dark glasses): heuristic. The eye regions against the face's own bare skin.
//  - LowerFaceSkinFraction (mask): heuristic. The share of the nose-mouth-chin region whose
//    colour (or grey level, on a grey frame) is that of the face's upper skin. It catches masks
//    that differ from the skin: surgical blue, white, black, patterned. It does NOT catch a
//    skin-coloured mask, and a full dark beard can read as a covering.
//
// Thread safety: free functions without state.

#include <optional>

#include <opencv2/core.hpp>

namespace kiosk::biometrics::face {

// The two eye centres in frame pixels ("left" is on the picture's left), either found by the eye
// cascade or, when it found none, where a frontal face's eyes sit in the detector's box.
struct EyeAnchors {
  cv::Point2f left, right;
  bool detected = false;  // from the eye cascade (not estimated from the box)
  float distance() const;
};

// Where a frontal face's eyes sit in the SSD detector's box.
EyeAnchors AnchorsFromBox(const cv::Rect2f& face_box);

// (eyes' axis - face midline) / eye distance, signed: positive when the eyes sit right of the
// face's midline in the picture. Both axes are found as axes of mirror symmetry: of the eyes and
// brows, and of the cheeks and outline; the eye centres only say where to look. nullopt when the face is too close to the frame's edge to be mirrored
// or too small to measure. frame: 8-bit BGR or grey.
std::optional<double> YawRatio(const cv::Mat& frame, const EyeAnchors& eyes);

// Mean grey level of the two eye regions over that of the face's bare upper skin (forehead and
// upper cheeks, whichever is brighter: a fringe darkens the forehead, a mask the cheeks). About
// 0.8-1 for open or closed eyes, far lower behind dark lenses. nullopt when unmeasurable.
std::optional<double> EyeToSkinRatio(const cv::Mat& frame, const EyeAnchors& eyes);

// Share (0-1) of the nose-mouth-chin region that has the colour of the upper skin. nullopt when
// unmeasurable (part of the region outside the frame).
std::optional<double> LowerFaceSkinFraction(const cv::Mat& frame, const EyeAnchors& eyes);

}  // namespace kiosk::biometrics::face
