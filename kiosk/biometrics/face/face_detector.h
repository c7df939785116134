#pragma once
// Finds faces and eyes in a camera frame.
//
// Faces: OpenCV's SSD face detector (resources/models/opencv_face_detector_uint8.pb, see the
// provenance note beside it), run on a downscaled copy of the frame: its cost depends only on
// the network's input size, so a small input keeps a 1280×720 live check above 30 fps on one
// core. Eyes: OpenCV's Haar eye cascade (package opencv-data), searched only in the upper half of
// the face box, also downscaled. The Haar cascade is trained on open eyes: it rarely fires on
// closed ones, which is what the "eyes open" check relies on (a heuristic, not a classifier).
//
// Thread safety: a FaceDetector is not thread-safe (cv::dnn::Net::forward mutates the network).
// Use one per thread; Load() is cheap enough (about 20 ms) to create one per capture session.

#include <filesystem>
#include <memory>
#include <optional>
#include <vector>

#include <opencv2/core.hpp>

#include "kiosk/core/result.h"

namespace kiosk::biometrics::face {

struct DetectorOptions {
  int network_input = 160;        // square input side; the model was trained at 300
  float min_confidence = 0.6f;    // detections below this are ignored
  int eye_search_width = 160;     // face box is rescaled to this width before the eye cascade
};

struct DetectedFace {
  cv::Rect2f box;      // in frame pixels, clipped to the frame
  float confidence = 0;
};

// Eye centres in frame pixels. "left" is the eye on the left of the picture (the person's right).
struct EyePair {
  std::optional<cv::Point2f> left;
  std::optional<cv::Point2f> right;
  bool Both() const { return left.has_value() && right.has_value(); }
};

class FaceDetector {
 public:
  // model_dir holds opencv_face_detector_uint8.pb and opencv_face_detector.pbtxt; cascade_dir
  // holds haarcascade_eye.xml.
  static Result<FaceDetector> Load(const std::filesystem::path& model_dir,
                                   const std::filesystem::path& cascade_dir,
                                   DetectorOptions options = {});
  // kiosk::paths::ResourceDir()/models and the opencv-data cascade folder.
  static Result<FaceDetector> LoadDefault(DetectorOptions options = {});
  static std::filesystem::path DefaultCascadeDir();

  FaceDetector(FaceDetector&&) noexcept;
  FaceDetector& operator=(FaceDetector&&) noexcept;
  FaceDetector(const FaceDetector&) = delete;
  FaceDetector& operator=(const FaceDetector&) = delete;
  ~FaceDetector();

  // Faces in a BGR (or grey) frame, most confident first.
  Result<std::vector<DetectedFace>> DetectFaces(const cv::Mat& frame);
  // The eyes inside one face box; grey is the frame converted to 8-bit grey.
  EyePair DetectEyes(const cv::Mat& grey, const cv::Rect2f& face_box);

  const DetectorOptions& options() const;

 private:
  struct Impl;
  explicit FaceDetector(std::unique_ptr<Impl> impl);
  std::unique_ptr<Impl> impl_;
};

}  // namespace kiosk::biometrics::face
