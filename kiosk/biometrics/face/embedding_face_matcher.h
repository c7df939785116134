#pragma once
// The station's face matcher: both pictures aligned to the 112×112 five-point template
// (face_alignment.h), embedded by MobileFace (resources/models/mobileface.json, run by the
// station's own TF.js executor: tfjs_model.h, tfjs_runner.h), compared by cosine similarity and
// banded with the published thresholds (face_matcher.h, docs/face-comparison.md).
//
// Thread safety: not thread-safe (owns a FaceDetector and a network); one per thread.

#include <filesystem>
#include <memory>
#include <vector>

#include "kiosk/biometrics/face/face_detector.h"
#include "kiosk/biometrics/face/face_matcher.h"
#include "kiosk/biometrics/face/tfjs_runner.h"

namespace kiosk::biometrics::face {

inline constexpr const char* kRecognitionModelFile = "mobileface.json";

class EmbeddingFaceMatcher final : public FaceMatcher {
 public:
  // model_dir holds mobileface.json and .bin beside the face detector's files.
  static Result<std::unique_ptr<EmbeddingFaceMatcher>> Load(const std::filesystem::path& model_dir,
                                                            const std::filesystem::path& cascade_dir,
                                                            FaceMatchThresholds thresholds = {});
  // kiosk::paths::ResourceDir()/models and the opencv-data cascades.
  static Result<std::unique_ptr<EmbeddingFaceMatcher>> LoadDefault();

  Result<FaceComparison> Compare(const cv::Mat& live, const cv::Mat& reference) override;

  // The embedding of a face already aligned to the template (112×112 BGR).
  Result<std::vector<float>> EmbedAligned(const cv::Mat& aligned_bgr);
  // The model's input for an aligned face: RGB, 0-255 (the graph normalises it itself).
  static cv::Mat ModelInput(const cv::Mat& aligned_bgr);
  // The embedding of a ready model input (112×112 CV_32FC3): what the TF.js agreement test feeds.
  Result<std::vector<float>> EmbedInput(const cv::Mat& input);

  static double Cosine(const std::vector<float>& a, const std::vector<float>& b);

 private:
  EmbeddingFaceMatcher(FaceDetector detector, tfjs::GraphRunner runner, FaceMatchThresholds thresholds);
  FaceDetector detector_;
  tfjs::GraphRunner runner_;
  FaceMatchThresholds thresholds_;
};

}  // namespace kiosk::biometrics::face
