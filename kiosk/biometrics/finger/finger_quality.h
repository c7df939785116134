#pragma once
// A fingerprint image's quality: a score from 0 to 100 and feedback the officer can act on
// ("press harder", "finger too dry", "centre your finger"), in the spirit of NIST NFIQ 2 but
// written here from simple, explainable measures (NFIQ 2 itself is not packaged for Debian):
//
//  - foreground: the share of 16×16 blocks (at 500 ppi) with ridge-like grey-level spread;
//  - contrast: the grey-level spread of those blocks;
//  - ridge clarity: the coherence of the gradient orientation in each block (1 where ridges run
//    parallel, 0 for noise or smudge), the measure that carries most weight;
//  - placement: where the print's centre of mass lies in the image;
//  - dry/wet: the foreground's mean brightness (dry prints are faint and broken, wet ones dark).
//
// Expects an 8-bit grey image, ridges dark on a light background, about 500 ppi (other
// resolutions: set ppi so the block size follows). Pure function: thread-safe.

#include <string>
#include <vector>

#include <opencv2/core.hpp>

namespace kiosk::biometrics::finger {

struct FingerQualityOptions {
  double ppi = 500;
  double min_block_stddev = 12;     // a block with less spread is background
  double min_foreground = 0.30;     // share of the image the finger should cover
  double max_centre_offset = 0.22;  // centre of mass from the image centre, fraction of its size
  double dry_brightness = 195;      // foreground mean above this with low contrast: too dry/light
  double wet_brightness = 90;        // below this: too wet/pressed too hard
  double min_coherence = 0.45;
  int good_score = 40;              // at or above: accepted (MOSIP's default threshold is 40)
};

struct FingerFeedback {
  std::string code;         // stable: no_finger, press_harder, centre, too_dry, too_wet, unclear, good
  std::string message_key;  // English msgid
  std::string Message() const;  // current language
};

struct FingerQuality {
  int score = 0;                 // 0-100
  double foreground = 0;         // 0-1
  double contrast = 0;           // mean block std-dev of the foreground
  double coherence = 0;          // 0-1
  double brightness = 0;         // foreground mean grey level
  cv::Point2f centre_offset;     // fraction of width/height, signed
  bool acceptable = false;       // score >= good_score and no blocking feedback
  std::vector<FingerFeedback> feedback;  // most useful first; {"good"} when acceptable
};

FingerQuality ScoreFingerprint(const cv::Mat& grey, const FingerQualityOptions& options = {});

}  // namespace kiosk::biometrics::finger
