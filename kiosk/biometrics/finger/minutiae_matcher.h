#pragma once
// The station's own fingerprint matcher (FingerMatcher): compares the minutiae of two prints
// (minutiae.h) whatever the finger's shift and rotation between the two captures.
//
//  1. Local structures: each minutia described by its nearest neighbours as seen from it (the
//     distance to each, the neighbour's bearing and direction relative to its own direction) —
//     numbers that do not change when the whole print moves or turns.
//  2. Candidate alignments: the pairs of minutiae (one per print) whose local structures agree
//     best; each pair gives a rotation and a translation.
//  3. Global pairing: under each candidate alignment (refined by a least-squares fit on the
//     pairs it finds), minutiae of the two prints are paired one-to-one within a distance and a
//     direction tolerance that leave room for the skin's stretch.
//  4. Score: paired² / (minutiae of print A in the common area × those of print B in it), 0-1,
//     so a partial print is judged on the part both prints show.
//
// The threshold (kDefaultThreshold) is set from measured score distributions of genuine and
// impostor pairs of invented prints (tests/kiosk/biometrics/finger, make bench): no real-print
// data set was available to calibrate on, so the margin is deliberately wide.
//
// Thread safety: SameFinger/Compare may be called from any thread; templates of recent images
// are cached (so comparing a new print with nine kept ones extracts each kept print only once)
// under a mutex.

#include <cstdint>
#include <list>
#include <memory>
#include <mutex>
#include <utility>

#include "kiosk/biometrics/finger/finger_matcher.h"
#include "kiosk/biometrics/finger/minutiae.h"

namespace kiosk::biometrics::finger {

struct MatchOptions {
  // Measured on 20 invented fingers x 4 impressions (±20°, ±25 px, pressure, stretch, one partial):
  // genuine scores 0.56-1.0 (median 0.83), impostor scores at most 0.19 (median 0.05); the
  // threshold sits between the two, nearer the impostors' side than the middle would.
  static constexpr double kDefaultThreshold = 0.30;
  double threshold = kDefaultThreshold;  // score at or above: the same finger
  int min_paired = 7;                    // and at least this many minutiae paired
  double distance_tolerance = 10;        // pixels at 500 ppi, after alignment
  double direction_tolerance_deg = 20;
  int neighbours = 6;                    // per local structure
  int candidate_alignments = 12;
  int min_common = 16;                   // the common area counts at least this many minutiae
};

struct MatchResult {
  double score = 0;  // 0 (nothing in common) .. 1 (every minutia paired)
  int paired = 0;
  int common_a = 0;  // minutiae of each print inside the other's finger area, after alignment
  int common_b = 0;
  bool same_finger = false;
};

// Compares two templates (pure function).
MatchResult CompareTemplates(const FingerTemplate& a, const FingerTemplate& b, const MatchOptions& options = {});

class MinutiaeMatcher final : public FingerMatcher {
 public:
  explicit MinutiaeMatcher(MatchOptions options = {}, MinutiaeOptions extraction = {})
      : options_(options), extraction_(extraction) {}

  // An error (kInvalidArgument, officer-readable) when either image holds no usable print:
  // empty, too small, no ridges, too few minutiae. Never "same" for such an image.
  Result<bool> SameFinger(const cv::Mat& a, const cv::Mat& b) override;
  Result<MatchResult> Compare(const cv::Mat& a, const cv::Mat& b);
  // The print's minutiae, extracted once (about 30 ms on the station); compared in under 1 ms.
  Result<std::shared_ptr<const PrintTemplate>> MakeTemplate(const cv::Mat& image) override;
  Result<bool> SameFingerTemplates(const PrintTemplate& a, const PrintTemplate& b) override;
  const MatchOptions& options() const { return options_; }

 private:
  Result<FingerTemplate> TemplateOf(const cv::Mat& image);

  MatchOptions options_;
  MinutiaeOptions extraction_;
  std::mutex mutex_;
  // Most recent first: (content hash, template). Biometric data: holds only minutiae.
  std::list<std::pair<std::uint64_t, FingerTemplate>> cache_;
};

}  // namespace kiosk::biometrics::finger
