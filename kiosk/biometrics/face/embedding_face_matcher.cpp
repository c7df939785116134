#include "kiosk/biometrics/face/embedding_face_matcher.h"

#include <cmath>

#include <opencv2/imgproc.hpp>

#include "kiosk/biometrics/face/face_alignment.h"
#include "kiosk/core/i18n.h"
#include "kiosk/core/paths.h"

namespace kiosk::biometrics::face {

std::string_view ToString(FaceMatchBand band) {
  switch (band) {
    case FaceMatchBand::kSamePersonLikely: return "same_person_likely";
    case FaceMatchBand::kUncertain: return "uncertain";
    case FaceMatchBand::kDifferentLikely: return "different_likely";
  }
  return "uncertain";
}

FaceMatchBand BandOf(double score, const FaceMatchThresholds& thresholds) {
  if (score >= thresholds.same_person_at_least) return FaceMatchBand::kSamePersonLikely;
  if (score < thresholds.different_below) return FaceMatchBand::kDifferentLikely;
  return FaceMatchBand::kUncertain;
}

EmbeddingFaceMatcher::EmbeddingFaceMatcher(FaceDetector detector, tfjs::GraphRunner runner,
                                           FaceMatchThresholds thresholds)
    : detector_(std::move(detector)), runner_(std::move(runner)), thresholds_(thresholds) {}

Result<std::unique_ptr<EmbeddingFaceMatcher>> EmbeddingFaceMatcher::Load(const std::filesystem::path& model_dir,
                                                                         const std::filesystem::path& cascade_dir,
                                                                         FaceMatchThresholds thresholds) {
  auto model = tfjs::LoadModel(model_dir / kRecognitionModelFile);
  if (!model) return Fail(model.error());
  if (model->input.h != kAlignedFaceSize || model->input.w != kAlignedFaceSize || model->input.c != 3) {
    return Fail(Error(ErrorCode::kCorrupt, N_("The face recognition model cannot be loaded."),
                      "not a 112x112x3 embedding model"));
  }
  auto runner = tfjs::GraphRunner::Build(*model);
  if (!runner) return Fail(runner.error());
  auto detector = FaceDetector::Load(model_dir, cascade_dir);
  if (!detector) return Fail(detector.error());
  return std::unique_ptr<EmbeddingFaceMatcher>(
      new EmbeddingFaceMatcher(std::move(*detector), std::move(*runner), thresholds));
}

Result<std::unique_ptr<EmbeddingFaceMatcher>> EmbeddingFaceMatcher::LoadDefault() {
  return Load(paths::ResourceDir() / "models", FaceDetector::DefaultCascadeDir());
}

cv::Mat EmbeddingFaceMatcher::ModelInput(const cv::Mat& aligned_bgr) {
  cv::Mat rgb, input;
  cv::cvtColor(aligned_bgr, rgb, cv::COLOR_BGR2RGB);
  rgb.convertTo(input, CV_32FC3);
  return input;
}

Result<std::vector<float>> EmbeddingFaceMatcher::EmbedInput(const cv::Mat& input) { return runner_.Run(input); }

Result<std::vector<float>> EmbeddingFaceMatcher::EmbedAligned(const cv::Mat& aligned_bgr) {
  if (aligned_bgr.rows != kAlignedFaceSize || aligned_bgr.cols != kAlignedFaceSize || aligned_bgr.type() != CV_8UC3) {
    return Fail(Error::InvalidArgument(N_("The face picture does not fit the recognition model."), "EmbedAligned"));
  }
  return runner_.Run(ModelInput(aligned_bgr));
}

double EmbeddingFaceMatcher::Cosine(const std::vector<float>& a, const std::vector<float>& b) {
  if (a.size() != b.size() || a.empty()) return 0;
  double dot = 0, na = 0, nb = 0;
  for (size_t i = 0; i < a.size(); ++i) {
    dot += static_cast<double>(a[i]) * b[i];
    na += static_cast<double>(a[i]) * a[i];
    nb += static_cast<double>(b[i]) * b[i];
  }
  return na > 0 && nb > 0 ? dot / std::sqrt(na * nb) : 0;
}

Result<FaceComparison> EmbeddingFaceMatcher::Compare(const cv::Mat& live, const cv::Mat& reference) {
  auto live_face = AlignFace(live, detector_);
  if (!live_face) {
    if (live_face.error().code() == ErrorCode::kNotFound) {
      return Fail(Error::NotFound(N_("No face was found in the live portrait."), live_face.error().detail()));
    }
    return Fail(live_face.error());
  }
  auto chip_face = AlignFace(reference, detector_);
  if (!chip_face) {
    if (chip_face.error().code() == ErrorCode::kNotFound) {
      return Fail(Error::NotFound(N_("No face was found in the chip photo."), chip_face.error().detail()));
    }
    return Fail(chip_face.error());
  }
  auto a = EmbedAligned(live_face->image);
  if (!a) return Fail(a.error());
  auto b = EmbedAligned(chip_face->image);
  if (!b) return Fail(b.error());
  FaceComparison out;
  out.score = Cosine(*a, *b);
  out.band = BandOf(out.score, thresholds_);
  out.live_eyes_found = live_face->eyes_found;
  out.reference_eyes_found = chip_face->eyes_found;
  return out;
}

}  // namespace kiosk::biometrics::face
