#pragma once
// Synthetic papers: invented holders rendered in card layouts with Vietnamese labels
// ("Số/No:", "Họ tên:", …), drawn with Pango/Cairo so diacritics are shaped as in print.
// Each paper carries its ground truth in the normalised form ValidatePaperFields produces.

#include <cstdint>
#include <map>
#include <string>
#include <utility>
#include <vector>

#include <opencv2/core.hpp>

#include "kiosk/documents/paper.h"

namespace kiosk::papers {

struct SyntheticPaper {
  documents::PaperType type;
  std::string title;                                        // printed heading
  std::vector<std::pair<std::string, std::string>> lines;   // printed label, printed value
  std::map<std::string, std::string> truth;                 // field → normalised value
  std::string qr_payload;                                   // empty when the paper has no QR
};

// A different invented holder for every seed; deterministic.
SyntheticPaper MakeSyntheticPaper(documents::PaperType type, std::uint32_t seed);

// The paper as printed (85.6 × 54 mm card layout), BGR, at dpi (150 and 300 are the test sets).
cv::Mat RenderPaper(const SyntheticPaper& paper, int dpi);

// A capture of it: on a darker background, rotated, at a slight angle, noisy and soft.
// strength 0 = a clean flatbed scan, 1 = a poor phone photo.
cv::Mat Degrade(const cv::Mat& printed, double strength, std::uint32_t seed);

}  // namespace kiosk::papers
