#include "kiosk/biometrics/finger/ridge_orientation.h"

#include <algorithm>
#include <cmath>

#include <opencv2/imgproc.hpp>

namespace kiosk::biometrics::finger {

double PaperLevel(const cv::Mat& grey) {
  cv::Mat histogram;
  const int channels[] = {0};
  const int bins[] = {256};
  const float range[] = {0, 256};
  const float* ranges[] = {range};
  cv::calcHist(&grey, 1, channels, cv::Mat(), histogram, 1, bins, ranges);
  double seen = 0;
  const double total = static_cast<double>(grey.total());
  for (int v = 255; v >= 0; --v) {
    seen += histogram.at<float>(v);
    if (seen >= 0.1 * total) return v;
  }
  return 255;
}

RidgeOrientation EstimateRidgeOrientation(const cv::Mat& grey, double sigma) {
  cv::Mat smooth, gx, gy;
  cv::GaussianBlur(grey, smooth, cv::Size(0, 0), 1.0);
  cv::Sobel(smooth, gx, CV_32F, 1, 0, 3);
  cv::Sobel(smooth, gy, CV_32F, 0, 1, 3);
  cv::Mat gxx = gx.mul(gx), gyy = gy.mul(gy), gxy = gx.mul(gy);
  // A wide window varies slowly: average it at a quarter of the resolution (several times
  // cheaper) and interpolate back.
  const int shrink = sigma >= 4 ? 4 : 1;
  const cv::Size small(std::max(1, grey.cols / shrink), std::max(1, grey.rows / shrink));
  for (cv::Mat* m : {&gxx, &gyy, &gxy}) {
    if (shrink == 1) {
      cv::GaussianBlur(*m, *m, cv::Size(0, 0), sigma);
      continue;
    }
    cv::Mat reduced;
    cv::resize(*m, reduced, small, 0, 0, cv::INTER_AREA);
    cv::GaussianBlur(reduced, reduced, cv::Size(0, 0), sigma / shrink);
    cv::resize(reduced, *m, grey.size(), 0, 0, cv::INTER_LINEAR);
  }
  RidgeOrientation out;
  out.normal.create(grey.size(), CV_32F);
  out.coherence.create(grey.size(), CV_32F);
  for (int y = 0; y < grey.rows; ++y) {
    const float* xx = gxx.ptr<float>(y);
    const float* yy = gyy.ptr<float>(y);
    const float* xy = gxy.ptr<float>(y);
    float* normal = out.normal.ptr<float>(y);
    float* coherence = out.coherence.ptr<float>(y);
    for (int x = 0; x < grey.cols; ++x) {
      // The doubled angle makes a gradient and its opposite the same direction.
      const double cos2 = xx[x] - yy[x], sin2 = 2.0 * xy[x];
      double angle = 0.5 * std::atan2(sin2, cos2);
      if (angle < 0) angle += CV_PI;
      normal[x] = static_cast<float>(angle);
      const double energy = xx[x] + yy[x];
      coherence[x] = energy > 1e-6 ? static_cast<float>(std::sqrt(cos2 * cos2 + sin2 * sin2) / energy) : 0.0f;
    }
  }
  return out;
}

}  // namespace kiosk::biometrics::finger
