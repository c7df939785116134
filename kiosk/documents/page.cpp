#include "kiosk/documents/page.h"

#include <algorithm>
#include <cmath>
#include <vector>

#include <opencv2/imgproc.hpp>

#include "kiosk/core/i18n.h"

namespace kiosk::documents {

namespace {

cv::Mat Grey(const cv::Mat& image) {
  if (image.channels() == 1) return image;
  cv::Mat grey;
  cv::cvtColor(image, grey, image.channels() == 4 ? cv::COLOR_BGRA2GRAY : cv::COLOR_BGR2GRAY);
  return grey;
}

// Corners in the order top-left, top-right, bottom-right, bottom-left.
std::vector<cv::Point2f> OrderCorners(const std::vector<cv::Point>& quad) {
  std::vector<cv::Point2f> p(quad.begin(), quad.end());
  std::vector<cv::Point2f> out(4);
  auto sum = [](const cv::Point2f& a) { return a.x + a.y; };
  auto diff = [](const cv::Point2f& a) { return a.y - a.x; };
  out[0] = *std::min_element(p.begin(), p.end(), [&](auto& a, auto& b) { return sum(a) < sum(b); });
  out[2] = *std::max_element(p.begin(), p.end(), [&](auto& a, auto& b) { return sum(a) < sum(b); });
  out[1] = *std::min_element(p.begin(), p.end(), [&](auto& a, auto& b) { return diff(a) < diff(b); });
  out[3] = *std::max_element(p.begin(), p.end(), [&](auto& a, auto& b) { return diff(a) < diff(b); });
  return out;
}

std::optional<std::vector<cv::Point>> FindOutline(const cv::Mat& grey) {
  // Work on a reduced copy: outlines do not need detail, and it keeps this under a few ms.
  const double scale = std::min(1.0, 800.0 / std::max(grey.cols, grey.rows));
  cv::Mat small;
  cv::resize(grey, small, cv::Size(), scale, scale, cv::INTER_AREA);
  cv::GaussianBlur(small, small, cv::Size(5, 5), 0);
  cv::Mat mask;
  cv::threshold(small, mask, 0, 255, cv::THRESH_BINARY | cv::THRESH_OTSU);
  cv::morphologyEx(mask, mask, cv::MORPH_CLOSE, cv::getStructuringElement(cv::MORPH_RECT, {9, 9}));
  std::vector<std::vector<cv::Point>> contours;
  cv::findContours(mask, contours, cv::RETR_EXTERNAL, cv::CHAIN_APPROX_SIMPLE);
  const double min_area = 0.15 * small.cols * small.rows;
  const double max_area = 0.98 * small.cols * small.rows;  // the whole frame is not an outline
  std::optional<std::vector<cv::Point>> best;
  double best_area = 0;
  for (const auto& contour : contours) {
    const double area = cv::contourArea(contour);
    if (area < min_area || area > max_area || area <= best_area) continue;
    std::vector<cv::Point> approx;
    cv::approxPolyDP(contour, approx, 0.02 * cv::arcLength(contour, true), true);
    if (approx.size() != 4 || !cv::isContourConvex(approx)) continue;
    best_area = area;
    for (auto& p : approx) p = cv::Point(static_cast<int>(p.x / scale), static_cast<int>(p.y / scale));
    best = approx;
  }
  return best;
}

}  // namespace

double EstimateSkew(const cv::Mat& grey_input) {
  cv::Mat grey = Grey(grey_input);
  cv::Mat ink;
  cv::threshold(grey, ink, 0, 255, cv::THRESH_BINARY_INV | cv::THRESH_OTSU);
  // Join the letters of a line so each line is one long blob whose angle is the skew.
  cv::morphologyEx(ink, ink, cv::MORPH_CLOSE,
                   cv::getStructuringElement(cv::MORPH_RECT, {std::max(9, grey.cols / 40), 3}));
  // RETR_LIST: a printed border would otherwise enclose, and hide, every text line.
  std::vector<std::vector<cv::Point>> contours;
  cv::findContours(ink, contours, cv::RETR_LIST, cv::CHAIN_APPROX_SIMPLE);
  std::vector<double> angles;
  for (const auto& contour : contours) {
    const cv::RotatedRect box = cv::minAreaRect(contour);
    float w = box.size.width, h = box.size.height;
    double angle = box.angle;
    if (w < h) {
      std::swap(w, h);
      angle += 90;
    }
    if (w < grey.cols / 8.0 || w < 4 * h) continue;  // only line-shaped blobs
    while (angle > 45) angle -= 90;
    while (angle < -45) angle += 90;
    if (std::abs(angle) <= 15) angles.push_back(angle);
  }
  if (angles.empty()) return 0;
  std::nth_element(angles.begin(), angles.begin() + static_cast<long>(angles.size() / 2), angles.end());
  return -angles[angles.size() / 2];
}

Result<PageResult> NormalisePage(const cv::Mat& image, double aspect, int target_width) {
  if (image.empty() || image.depth() != CV_8U || aspect <= 0) {
    return Fail(Error::InvalidArgument(N_("The image is empty or not an 8-bit picture."),
                                       "NormalisePage"));
  }
  PageResult result;
  const cv::Mat grey = Grey(image);
  if (auto outline = FindOutline(grey)) {
    const auto corners = OrderCorners(*outline);
    const double top = cv::norm(corners[1] - corners[0]);
    const double bottom = cv::norm(corners[2] - corners[3]);
    const int width = target_width > 0 ? target_width : static_cast<int>(std::max(top, bottom));
    const int height = static_cast<int>(width / aspect);
    const cv::Point2f to[] = {{0, 0}, {static_cast<float>(width - 1), 0},
                              {static_cast<float>(width - 1), static_cast<float>(height - 1)},
                              {0, static_cast<float>(height - 1)}};
    cv::warpPerspective(image, result.page, cv::getPerspectiveTransform(corners.data(), to),
                        cv::Size(width, height), cv::INTER_CUBIC, cv::BORDER_REPLICATE);
    result.outline_found = true;
    return result;
  }
  result.skew_degrees = EstimateSkew(grey);
  if (std::abs(result.skew_degrees) < 0.2) {
    result.page = image.clone();
  } else {
    const cv::Point2f centre(image.cols / 2.0F, image.rows / 2.0F);
    cv::warpAffine(image, result.page, cv::getRotationMatrix2D(centre, -result.skew_degrees, 1.0),
                   image.size(), cv::INTER_CUBIC, cv::BORDER_REPLICATE);
  }
  if (target_width > 0 && result.page.cols != target_width) {
    const double scale = static_cast<double>(target_width) / result.page.cols;
    cv::resize(result.page, result.page, cv::Size(), scale, scale, cv::INTER_CUBIC);
  }
  return result;
}

}  // namespace kiosk::documents
