#pragma once
// Synthetic fingerprints for tests, 500 ppi, 300×400 by default: Gabor-filtered noise following
// a loop-like orientation field (ridges circle a core), about 9 px ridge period (0.46 mm).
// Variants give the quality measure known defects. No real finger is involved.

#include <cstdint>
#include <string>
#include <vector>

#include <opencv2/core.hpp>

namespace kiosk::testdata {

enum class FingerVariant { kGood, kSmudged, kDry, kPartial, kBlank, kOffCentre };

std::string FingerVariantName(FingerVariant variant);
std::vector<FingerVariant> AllFingerVariants();

// Grey 8-bit, ridges dark on light. seed changes the ridge pattern (a different "finger").
cv::Mat MakeFingerprint(FingerVariant variant, std::uint64_t seed = 1, cv::Size size = {300, 400});

}  // namespace kiosk::testdata
