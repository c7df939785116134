#include "tests/papers/image_degrade.h"

#include <cmath>
#include <random>

#include <opencv2/imgproc.hpp>

namespace kiosk::papers {

cv::Mat Rotate(const cv::Mat& image, double degrees, int fill) {
  const cv::Point2f centre(image.cols / 2.0F, image.rows / 2.0F);
  cv::Mat rotation = cv::getRotationMatrix2D(centre, degrees, 1.0);
  const cv::Rect2f box = cv::RotatedRect(centre, image.size(), static_cast<float>(degrees)).boundingRect2f();
  rotation.at<double>(0, 2) += box.width / 2.0 - centre.x;
  rotation.at<double>(1, 2) += box.height / 2.0 - centre.y;
  cv::Mat out;
  cv::warpAffine(image, out, rotation, box.size(), cv::INTER_LINEAR, cv::BORDER_CONSTANT,
                 cv::Scalar::all(fill));
  return out;
}

cv::Mat Perspective(const cv::Mat& image, double strength, std::uint32_t seed, int fill) {
  std::mt19937 random(seed);
  std::uniform_real_distribution<float> jitter(0.0F, static_cast<float>(strength));
  const float w = static_cast<float>(image.cols);
  const float h = static_cast<float>(image.rows);
  const cv::Point2f from[] = {{0, 0}, {w, 0}, {w, h}, {0, h}};
  const cv::Point2f to[] = {{jitter(random) * w, jitter(random) * h},
                            {w - jitter(random) * w, jitter(random) * h},
                            {w - jitter(random) * w, h - jitter(random) * h},
                            {jitter(random) * w, h - jitter(random) * h}};
  cv::Mat out;
  cv::warpPerspective(image, out, cv::getPerspectiveTransform(from, to), image.size(),
                      cv::INTER_LINEAR, cv::BORDER_CONSTANT, cv::Scalar::all(fill));
  return out;
}

cv::Mat AddNoise(const cv::Mat& image, double sigma, std::uint32_t seed) {
  cv::Mat noise(image.size(), CV_32FC(image.channels()));
  cv::theRNG().state = seed;
  cv::randn(noise, 0.0, sigma);
  cv::Mat as_float;
  image.convertTo(as_float, CV_32F);
  as_float += noise;
  cv::Mat out;
  as_float.convertTo(out, image.type());
  return out;
}

cv::Mat Blur(const cv::Mat& image, int kernel) {
  cv::Mat out;
  cv::GaussianBlur(image, out, cv::Size(kernel | 1, kernel | 1), 0);
  return out;
}

cv::Mat OnBackground(const cv::Mat& image, int margin, int background) {
  cv::Mat out(image.rows + 2 * margin, image.cols + 2 * margin, image.type(),
              cv::Scalar::all(background));
  image.copyTo(out(cv::Rect(margin, margin, image.cols, image.rows)));
  return out;
}

}  // namespace kiosk::papers
