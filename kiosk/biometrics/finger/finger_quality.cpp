#include "kiosk/biometrics/finger/finger_quality.h"

#include <algorithm>
#include <cmath>

#include <opencv2/imgproc.hpp>

#include "kiosk/biometrics/finger/ridge_orientation.h"
#include "kiosk/core/i18n.h"

namespace kiosk::biometrics::finger {

namespace {

double Clamp01(double v) { return std::clamp(v, 0.0, 1.0); }

FingerFeedback Feedback(std::string code, std::string key) { return {std::move(code), std::move(key)}; }

}  // namespace

std::string FingerFeedback::Message() const { return i18n::tr(message_key); }

FingerQuality ScoreFingerprint(const cv::Mat& input, const FingerQualityOptions& o) {
  FingerQuality q;
  if (input.empty()) {
    q.feedback.push_back(Feedback("no_finger", N_("No finger detected: place a finger on the sensor.")));
    return q;
  }
  cv::Mat grey;
  if (input.channels() == 3) {
    cv::cvtColor(input, grey, cv::COLOR_BGR2GRAY);
  } else {
    grey = input;
  }
  // 16 px at 500 ppi is about two ridge periods: enough to see an orientation, small enough
  // to follow the ridges' curve.
  const int block = std::max(8, static_cast<int>(std::lround(16 * o.ppi / 500)));
  cv::Mat gx, gy;
  cv::Sobel(grey, gx, CV_32F, 1, 0, 3);
  cv::Sobel(grey, gy, CV_32F, 0, 1, 3);
  cv::Mat gxx = gx.mul(gx), gyy = gy.mul(gy), gxy = gx.mul(gy);

  // The paper (no finger) level: the bright end of the histogram. A flat block much darker than
  // it is a finger too (a wet smudge), not background.
  const double paper = PaperLevel(grey);
  int blocks = 0, foreground = 0;
  double contrast_sum = 0, coherence_sum = 0, brightness_sum = 0;
  cv::Point2d mass(0, 0);
  for (int y = 0; y + block <= grey.rows; y += block) {
    for (int x = 0; x + block <= grey.cols; x += block) {
      ++blocks;
      const cv::Rect r(x, y, block, block);
      cv::Scalar mean, stddev;
      cv::meanStdDev(grey(r), mean, stddev);
      if (!IsFingerBlock(mean[0], stddev[0], paper, o.min_block_stddev)) continue;
      ++foreground;
      const double sxx = cv::sum(gxx(r))[0], syy = cv::sum(gyy(r))[0], sxy = cv::sum(gxy(r))[0];
      const double energy = sxx + syy;
      const double coherence = energy > 0 ? std::sqrt((sxx - syy) * (sxx - syy) + 4 * sxy * sxy) / energy : 0;
      contrast_sum += stddev[0];
      coherence_sum += coherence;
      brightness_sum += mean[0];
      mass += cv::Point2d(x + block / 2.0, y + block / 2.0);
    }
  }
  if (blocks == 0) {
    q.feedback.push_back(Feedback("no_finger", N_("No finger detected: place a finger on the sensor.")));
    return q;
  }
  q.foreground = static_cast<double>(foreground) / blocks;
  if (foreground > 0) {
    q.contrast = contrast_sum / foreground;
    q.coherence = coherence_sum / foreground;
    q.brightness = brightness_sum / foreground;
    mass *= 1.0 / foreground;
    q.centre_offset = cv::Point2f(static_cast<float>(mass.x / grey.cols - 0.5), static_cast<float>(mass.y / grey.rows - 0.5));
  }

  // The score: what is there is judged by ridge clarity (most) and contrast; a print that covers
  // too little of the sensor scales down as a whole, since a matcher finds too few minutiae in it.
  const double area_factor = Clamp01(q.foreground / (o.min_foreground + 0.15));
  const double contrast_term = Clamp01((q.contrast - o.min_block_stddev) / 30);
  const double clarity_term = Clamp01((q.coherence - 0.2) / 0.55);
  double score = 100 * area_factor * (0.3 * contrast_term + 0.7 * clarity_term);
  if (q.foreground < 0.05) score = std::min(score, 5.0);
  q.score = static_cast<int>(std::lround(std::clamp(score, 0.0, 100.0)));

  if (q.foreground < 0.05) {
    q.feedback.push_back(Feedback("no_finger", N_("No finger detected: place a finger on the sensor.")));
    return q;
  }
  if (q.foreground < o.min_foreground) {
    q.feedback.push_back(Feedback("press_harder", N_("Too little of the finger touches: press the finger flat and a little harder.")));
  }
  if (std::abs(q.centre_offset.x) > o.max_centre_offset || std::abs(q.centre_offset.y) > o.max_centre_offset) {
    q.feedback.push_back(Feedback("centre", N_("Centre your finger on the sensor.")));
  }
  if (q.brightness > o.dry_brightness) {
    q.feedback.push_back(Feedback("too_dry", N_("Finger too dry or pressed too lightly: breathe on it and press again.")));
  } else if (q.brightness < o.wet_brightness) {
    q.feedback.push_back(Feedback("too_wet", N_("Finger too wet or pressed too hard: wipe it and press gently.")));
  }
  if (q.coherence < o.min_coherence) {
    q.feedback.push_back(Feedback("unclear", N_("Ridges unclear: clean the finger and the sensor, then try again.")));
  }
  q.acceptable = q.score >= o.good_score && q.feedback.empty();
  if (q.feedback.empty()) {
    q.feedback.push_back(q.acceptable ? Feedback("good", N_("Good fingerprint."))
                                      : Feedback("low_quality", N_("Fingerprint quality too low: try again.")));
  }
  return q;
}

}  // namespace kiosk::biometrics::finger
