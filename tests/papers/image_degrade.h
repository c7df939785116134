#pragma once
// Degradations that real captures show: a tilted card, a phone held at an angle, sensor noise,
// defocus. Deterministic for a given seed so tests and benchmarks are repeatable.

#include <cstdint>

#include <opencv2/core.hpp>

namespace kiosk::papers {

// Rotates about the centre, growing the canvas so nothing is cut; the new area is `fill`.
cv::Mat Rotate(const cv::Mat& image, double degrees, int fill = 255);
// Moves the corners inwards by up to strength × size (0–0.3), as a photo taken at an angle.
cv::Mat Perspective(const cv::Mat& image, double strength, std::uint32_t seed, int fill = 255);
// Adds Gaussian noise of the given standard deviation (grey levels).
cv::Mat AddNoise(const cv::Mat& image, double sigma, std::uint32_t seed);
// Gaussian blur with an odd kernel size.
cv::Mat Blur(const cv::Mat& image, int kernel);
// Places the image on a larger canvas of the given grey (a card on a scanner bed).
cv::Mat OnBackground(const cv::Mat& image, int margin, int background);

}  // namespace kiosk::papers
