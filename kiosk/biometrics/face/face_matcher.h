#pragma once
// FaceMatcher: compares the live portrait with the chip's photo (DG2) and gives the officer a
// score and what it means. The station's matcher is EmbeddingFaceMatcher (MobileFace,
// embedding_face_matcher.h); tests use fakes.
//
// The score is the cosine similarity of the two faces' embeddings (−1…1, 1: the same picture).
// Its meaning is one of three bands. MobileFace publishes LFW accuracy but no threshold, so the
// cuts are PROVISIONAL (docs/face-comparison.md says how they were set and what calibration they
// still need). The band is a rule
// of the core (BandOf), so the wizard, the CLI and the review flag ("portrait compared below
// threshold / uncertain") read it the same way from a stored score.
//
// Thread safety: Compare() is called from the wizard's worker thread, one call at a time.

#include <string_view>

#include <opencv2/core.hpp>

#include "kiosk/core/result.h"

namespace kiosk::biometrics::face {

enum class FaceMatchBand {
  kSamePersonLikely,  // at or above the "same person" threshold
  kUncertain,         // between the two: the officer looks closely
  kDifferentLikely,   // below the "different person" threshold
};

// "same_person_likely", "uncertain", "different_likely".
std::string_view ToString(FaceMatchBand band);

// Provisional thresholds on the cosine similarity (docs/face-comparison.md).
struct FaceMatchThresholds {
  double same_person_at_least = 0.60;
  double different_below = 0.40;
};

FaceMatchBand BandOf(double score, const FaceMatchThresholds& thresholds = {});

struct FaceComparison {
  double score = 0;  // cosine similarity of the embeddings, −1…1
  FaceMatchBand band = FaceMatchBand::kUncertain;
  // Whether the eyes were found in each picture; when not, the face was aligned from the
  // detector's box alone and the score is less reliable (said to the officer).
  bool live_eyes_found = false;
  bool reference_eyes_found = false;
};

class FaceMatcher {
 public:
  virtual ~FaceMatcher() = default;
  // Compares two BGR pictures, each holding one face (the most confident face is used).
  virtual Result<FaceComparison> Compare(const cv::Mat& live, const cv::Mat& reference) = 0;
};

}  // namespace kiosk::biometrics::face
