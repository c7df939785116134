#include "tests/biometrics_data/finger_samples.h"

#include <cmath>
#include <numbers>

#include <opencv2/imgproc.hpp>

namespace kiosk::testdata {

namespace {

constexpr int kOrientations = 12;
constexpr double kRidgePeriod = 9;

// Ridges that circle a core: the stripes' normal points at the core.
cv::Mat RidgePattern(cv::Size size, cv::Point2f core, std::uint64_t seed) {
  std::vector<cv::Mat> kernels;
  for (int k = 0; k < kOrientations; ++k) {
    double theta = k * std::numbers::pi / kOrientations;
    kernels.push_back(cv::getGaborKernel(cv::Size(17, 17), 3.5, theta, kRidgePeriod, 1.0, 0, CV_32F));
  }
  cv::Mat index(size, CV_8U);
  for (int y = 0; y < size.height; ++y) {
    for (int x = 0; x < size.width; ++x) {
      // Slightly elliptic rings, as a loop's core region looks.
      double angle = std::atan2((y - core.y) * 0.8, x - core.x);
      if (angle < 0) angle += std::numbers::pi;
      index.at<uchar>(y, x) = static_cast<uchar>(static_cast<int>(std::lround(angle / std::numbers::pi * kOrientations)) % kOrientations);
    }
  }
  cv::RNG rng(seed);
  cv::Mat field(size, CV_32F);
  rng.fill(field, cv::RNG::UNIFORM, -1, 1);
  std::vector<cv::Mat> responses(kOrientations);
  for (int iteration = 0; iteration < 3; ++iteration) {
    for (int k = 0; k < kOrientations; ++k) cv::filter2D(field, responses[k], CV_32F, kernels[k]);
    for (int y = 0; y < size.height; ++y) {
      float* out = field.ptr<float>(y);
      const uchar* idx = index.ptr<uchar>(y);
      for (int x = 0; x < size.width; ++x) out[x] = std::tanh(2.0f * responses[idx[x]].at<float>(y, x));
    }
  }
  return field;  // about -1 (valley) .. +1 (ridge)
}

cv::Mat FingerMask(cv::Size size, cv::Point2f centre, cv::Size axes) {
  cv::Mat mask(size, CV_32F, cv::Scalar(0));
  cv::ellipse(mask, centre, axes, 0, 0, 360, cv::Scalar(1), -1, cv::LINE_AA);
  cv::GaussianBlur(mask, mask, cv::Size(0, 0), 4);
  return mask;
}

}  // namespace

std::string FingerVariantName(FingerVariant v) {
  switch (v) {
    case FingerVariant::kGood: return "good";
    case FingerVariant::kSmudged: return "smudged";
    case FingerVariant::kDry: return "dry";
    case FingerVariant::kPartial: return "partial";
    case FingerVariant::kBlank: return "blank";
    case FingerVariant::kOffCentre: return "off_centre";
  }
  return "?";
}

std::vector<FingerVariant> AllFingerVariants() {
  return {FingerVariant::kGood, FingerVariant::kSmudged, FingerVariant::kDry,
          FingerVariant::kPartial, FingerVariant::kBlank, FingerVariant::kOffCentre};
}

cv::Mat MakeFingerprint(FingerVariant variant, std::uint64_t seed, cv::Size size) {
  const cv::Point2f centre(size.width / 2.0f, size.height / 2.0f);
  cv::Point2f finger_centre = centre;
  cv::Size axes(static_cast<int>(size.width * 0.40), static_cast<int>(size.height * 0.44));
  if (variant == FingerVariant::kPartial) {
    finger_centre = {size.width * 0.22f, size.height * 0.80f};
    axes = {static_cast<int>(size.width * 0.22), static_cast<int>(size.height * 0.16)};
  } else if (variant == FingerVariant::kOffCentre) {
    finger_centre = {size.width * 0.85f, size.height * 0.5f};
  }
  cv::Mat ridges = RidgePattern(size, finger_centre + cv::Point2f(0, -size.height * 0.08f), seed);
  cv::Mat mask = variant == FingerVariant::kBlank ? cv::Mat(size, CV_32F, cv::Scalar(0))
                                                  : FingerMask(size, finger_centre, axes);
  double ink = 95, paper = 235;  // ridge darkness and background level
  if (variant == FingerVariant::kDry) {
    ink = 30;
    // Dry skin touches in patches: knock out random spots of ridge.
    cv::Mat spots(size, CV_32F);
    cv::RNG rng(seed * 7 + 3);
    rng.fill(spots, cv::RNG::UNIFORM, 0, 1);
    cv::GaussianBlur(spots, spots, cv::Size(0, 0), 3);
    cv::threshold(spots, spots, 0.5, 1, cv::THRESH_BINARY);
    mask = mask.mul(spots * 0.6 + 0.4);
  }
  // Grey = paper, darkened where a ridge touches: ridges (+1) dark, valleys (-1) near paper.
  cv::Mat image = paper - mask.mul(ridges * (ink / 2) + (ink / 2) + 20);
  if (variant == FingerVariant::kSmudged) {
    // Wet finger: ridges flow into each other and the print darkens.
    cv::GaussianBlur(image, image, cv::Size(0, 0), 4.0);
    image = paper - (paper - image) * 3.0;
  }
  cv::Mat noise(size, CV_32F);
  cv::RNG rng(seed * 13 + 5);
  rng.fill(noise, cv::RNG::NORMAL, 0, 3);
  image += noise;
  cv::Mat out;
  image.convertTo(out, CV_8U);
  return out;
}

}  // namespace kiosk::testdata
