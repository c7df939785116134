#pragma once
// Synthetic portrait frames with known ground truth, made at test time.
//
// The only face used is a painting: the Mona Lisa (public domain), from the face-detection
// sample image that Debian's opencv-doc package ships with OpenCV's documentation. No photograph
// of a real person is used. The detector's green box and label drawn on that sample are painted
// out, the head is cut with a soft ellipse, turned to face the camera (the sitter's head is turned
// about ten degrees) and composited on a plain wall; every variant (dark, blurred, off-centre, two
// faces, eyes closed, dark glasses, masks…) is derived from it by image operations.
//
// Tests skip (not fail) when opencv-doc is not installed.

#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include <opencv2/core.hpp>

namespace kiosk::testdata {

// The sample image from opencv-doc, if installed.
std::optional<std::filesystem::path> PaintedFaceSource();

struct FaceSample {
  std::string name;
  cv::Mat frame;                  // BGR
  int faces = 1;                  // ground truth
  cv::Point2f left_eye, right_eye;  // ground truth of the (first) face, frame pixels
};

enum class FaceVariant {
  kGood, kNoFace, kTwoFaces, kOffCentre, kTooSmall, kTooDark, kOverExposed, kBlurred,
  kEyesClosed, kTilted, kBusyBackground, kDarkGlasses,
  kMask,       // a pleated surgical mask, light blue, from the nose to under the chin
  kWhiteMask,  // the same in white
};

class FaceSampleFactory {
 public:
  // Loads and cleans the painting; nullopt when opencv-doc is missing.
  static std::optional<FaceSampleFactory> Create();

  FaceSample Make(FaceVariant variant, cv::Size frame_size = {640, 480}) const;
  static std::string Name(FaceVariant variant);
  static std::vector<FaceVariant> AllVariants();

 private:
  struct Placement {
    cv::Point2f centre;   // where the head's centre goes, frame pixels
    double scale = 1;     // 1: the head patch as cut (face box about 160 px tall)
    double angle = 0;     // degrees, counter-clockwise
  };
  // Composites the head on frame; returns the eye positions after placement.
  std::pair<cv::Point2f, cv::Point2f> PlaceHead(cv::Mat& frame, const Placement& placement,
                                                const cv::Mat& head) const;
  void Straighten();
  void DrawMask(cv::Mat& head, cv::Scalar colour) const;
  cv::Mat head_;         // BGR patch, the head turned to face the camera
  cv::Point2f left_eye_, right_eye_;  // in head_
  cv::Mat alpha_;  // CV_32F, same size
};

}  // namespace kiosk::testdata
