#include "kiosk/biometrics/face/face_cues.h"

#include <algorithm>
#include <array>
#include <cmath>
#include <numbers>
#include <vector>

#include <opencv2/imgproc.hpp>

namespace kiosk::biometrics::face {

namespace {

// Where a frontal face's eyes sit in an SSD face box (fractions of its width and height).
constexpr float kBoxEyeX[2] = {0.30f, 0.70f};
constexpr float kBoxEyeY = 0.40f;

// A band mirrored to find an axis of symmetry, in eye distances from the eye midpoint: its rows,
// the half-width compared on each side of a candidate axis, and how far from the eye midpoint
// the candidates go.
struct MirrorBand {
  double top, bottom, half_width, search;
  int pixels;  // the band is resized to this width
};
// The eyes and brows: their axis is where the eyes' middle is, measured from the picture rather
// than from two cascade boxes (each a few pixels off, not by the same amount).
constexpr MirrorBand kEyeBand{-0.45, 0.2, 0.95, 0.3, 64};
// The upper cheeks to the mouth, wide enough to hold the face's outline and what lies beside it:
// their axis is the face's midline. Below the eyes, which move with the pose, and below the
// forehead, where a parting or a fringe is rarely symmetric.
constexpr MirrorBand kCheekBand{0.25, 1.15, 1.3, 0.5, 72};

// Skin references and the regions judged, as centre (across, down) and size, in eye distances.
struct Patch {
  double x, y, w, h;
};
constexpr Patch kForehead{0.0, -0.75, 0.8, 0.3};
// The upper cheeks: the strip of skin below dark lenses (which reach about 0.35 d below the eye
// line) and above a mask's edge (about 0.5 d over the nose, lower on the cheeks).
constexpr Patch kUpperCheeks[2] = {{-0.62, 0.46, 0.3, 0.12}, {0.62, 0.46, 0.3, 0.12}};
constexpr Patch kEyes[2] = {{-0.5, 0.0, 0.5, 0.3}, {0.5, 0.0, 0.5, 0.3}};
constexpr Patch kLowerFace{0.0, 1.05, 1.0, 0.8};  // nose tip, mouth, chin

// A pixel has "the skin's colour" when its lightness is at most this much below the reference's
// (the shadow under the nose and along the jaw) or this much above (the lower face is rarely
// brighter than the forehead; a white mask is), and its chroma within this distance (lips stay
// inside; surgical blue does not).
constexpr double kShadowTolerance = 0.45;
constexpr double kGlareTolerance = 0.15;
constexpr double kChromaTolerance = 14;

struct Axes {
  cv::Point2f mid, across, down;
  float d;
};

Axes AxesOf(const EyeAnchors& eyes) {
  const cv::Point2f delta = eyes.right - eyes.left;
  const float d = std::max(1.0f, static_cast<float>(cv::norm(delta)));
  const cv::Point2f across = delta * (1.0f / d);
  return {(eyes.left + eyes.right) * 0.5f, across, cv::Point2f(-across.y, across.x), d};
}

// The patch as a frame rectangle (axis-aligned around its rotated centre); nullopt when it is
// not wholly inside the frame or too small to mean anything.
std::optional<cv::Rect> Place(const Axes& axes, const Patch& p, cv::Size frame) {
  const cv::Point2f centre = axes.mid + axes.across * static_cast<float>(p.x * axes.d) +
                             axes.down * static_cast<float>(p.y * axes.d);
  const int w = static_cast<int>(p.w * axes.d), h = static_cast<int>(p.h * axes.d);
  if (w < 3 || h < 3) return std::nullopt;
  const cv::Rect rect(static_cast<int>(centre.x - w / 2.0f), static_cast<int>(centre.y - h / 2.0f), w, h);
  if ((rect & cv::Rect(cv::Point(), frame)) != rect) return std::nullopt;
  return rect;
}

// The patch reduced to at most `width` pixels across (area averaging), as 8-bit grey or Lab.
cv::Mat Reduced(const cv::Mat& frame, const cv::Rect& rect, int width, bool lab) {
  cv::Mat small;
  const double scale = std::min(1.0, static_cast<double>(width) / rect.width);
  cv::resize(frame(rect), small, cv::Size(), scale, scale, cv::INTER_AREA);
  if (small.channels() == 3) {
    cv::cvtColor(small, small, lab ? cv::COLOR_BGR2Lab : cv::COLOR_BGR2GRAY);
  }
  return small;
}

std::optional<double> MeanGrey(const cv::Mat& frame, const Axes& axes, const Patch& p) {
  auto rect = Place(axes, p, frame.size());
  if (!rect) return std::nullopt;
  return cv::mean(Reduced(frame, *rect, 16, false))[0];
}

// The mirror cost of axis m (in band pixels): mean |left - right| over the compared half-width.
double MirrorCost(const cv::Mat& band, int m, int half) {
  double sum = 0;
  for (int y = 0; y < band.rows; ++y) {
    const float* row = band.ptr<float>(y);
    for (int k = 1; k <= half; ++k) sum += std::abs(row[m - k] - row[m + k]);
  }
  return sum / (band.rows * half);
}

// Where, across the face (eye distances from the eye midpoint, along the eye line), the band is
// most nearly a mirror image of itself about an axis perpendicular to the eye line; nullopt when
// the band leaves the frame. The band is cut level with the eyes, so a tilted head is mirrored
// about its own axis.
std::optional<double> MirrorAxis(const cv::Mat& frame, const Axes& axes, const MirrorBand& b) {
  const double reach = b.half_width + b.search;
  const double radius = std::hypot(reach, std::max(std::abs(b.top), std::abs(b.bottom))) * axes.d + 2;
  const cv::Rect around(static_cast<int>(axes.mid.x - radius), static_cast<int>(axes.mid.y - radius),
                        static_cast<int>(2 * radius), static_cast<int>(2 * radius));
  if ((around & cv::Rect(cv::Point(), frame.size())) != around) return std::nullopt;
  // Reduced first (area averaging), then levelled and cut at the small size.
  const double scale = b.pixels / (2 * reach * axes.d);  // band pixels per frame pixel
  const cv::Mat small = Reduced(frame, around, static_cast<int>(std::lround(around.width * scale)), false);
  const double s = static_cast<double>(small.cols) / around.width;
  const cv::Point2f centre(static_cast<float>((axes.mid.x - around.x) * s), static_cast<float>((axes.mid.y - around.y) * s));
  const double roll = std::atan2(axes.across.y, axes.across.x) * 180 / std::numbers::pi;
  cv::Mat transform = cv::getRotationMatrix2D(centre, roll, 1.0);
  const int rows = std::max(4, static_cast<int>(std::lround((b.bottom - b.top) * axes.d * s)));
  transform.at<double>(0, 2) += b.pixels / 2.0 - centre.x;
  transform.at<double>(1, 2) += -b.top * axes.d * s - centre.y;
  cv::Mat band;
  cv::warpAffine(small, band, transform, cv::Size(b.pixels, rows), cv::INTER_LINEAR, cv::BORDER_REPLICATE);
  band.convertTo(band, CV_32F);
  // Blurred a little: the shapes matter here, not the skin's texture or the sensor's noise.
  cv::GaussianBlur(band, band, cv::Size(5, 5), 1.2);
  const int middle = b.pixels / 2;
  const int search = static_cast<int>(b.search * axes.d * s);
  const int half = std::min(static_cast<int>(b.half_width * axes.d * s), middle - search - 1);
  if (half < 4) return std::nullopt;
  std::vector<double> costs;
  for (int m = middle - search; m <= middle + search; ++m) costs.push_back(MirrorCost(band, m, half));
  const int i = static_cast<int>(std::min_element(costs.begin(), costs.end()) - costs.begin());
  double best = middle - search + i;
  // Sub-pixel: the parabola through the best axis and its neighbours.
  if (i > 0 && i + 1 < static_cast<int>(costs.size())) {
    const double a = costs[i - 1], c = costs[i + 1], curvature = a - 2 * costs[i] + c;
    if (curvature > 1e-9) best += 0.5 * (a - c) / curvature;
  }
  // Pixel m's centre is at m + 0.5; the eye midpoint is at the band's middle.
  return (best + 0.5 - b.pixels / 2.0) / (axes.d * s);
}

}  // namespace

float EyeAnchors::distance() const { return static_cast<float>(cv::norm(right - left)); }

EyeAnchors AnchorsFromBox(const cv::Rect2f& box) {
  return {cv::Point2f(box.x + kBoxEyeX[0] * box.width, box.y + kBoxEyeY * box.height),
          cv::Point2f(box.x + kBoxEyeX[1] * box.width, box.y + kBoxEyeY * box.height), false};
}

std::optional<double> YawRatio(const cv::Mat& frame, const EyeAnchors& eyes) {
  const Axes axes = AxesOf(eyes);
  if (axes.d < 12) return std::nullopt;
  // Both axes are searched around the eye midpoint, in bands taken level (the roll check
  // already limits the tilt to a few degrees).
  auto eye_axis = MirrorAxis(frame, axes, kEyeBand);
  auto face_axis = MirrorAxis(frame, axes, kCheekBand);
  if (!eye_axis || !face_axis) return std::nullopt;
  return *eye_axis - *face_axis;
}

std::optional<double> EyeToSkinRatio(const cv::Mat& frame, const EyeAnchors& eyes) {
  const Axes axes = AxesOf(eyes);
  double eye_sum = 0;
  for (const Patch& p : kEyes) {
    auto mean = MeanGrey(frame, axes, p);
    if (!mean) return std::nullopt;
    eye_sum += *mean;
  }
  std::optional<double> skin = MeanGrey(frame, axes, kForehead);
  auto left_cheek = MeanGrey(frame, axes, kUpperCheeks[0]);
  auto right_cheek = MeanGrey(frame, axes, kUpperCheeks[1]);
  if (left_cheek && right_cheek) skin = std::max(skin.value_or(0), (*left_cheek + *right_cheek) / 2);
  if (!skin || *skin < 1) return std::nullopt;
  return eye_sum / 2 / *skin;
}

std::optional<double> LowerFaceSkinFraction(const cv::Mat& frame, const EyeAnchors& eyes) {
  const Axes axes = AxesOf(eyes);
  const bool colour = frame.channels() == 3;
  auto lower_rect = Place(axes, kLowerFace, frame.size());
  if (!lower_rect) return std::nullopt;
  const cv::Mat lower = Reduced(frame, *lower_rect, 24, true);
  // The skin reference: the median colour of the forehead and the upper cheeks pooled, so that
  // a fringe over the forehead or a mask's edge reaching a cheek is outvoted by the bare skin.
  std::vector<cv::Vec3b> pool;
  for (const Patch& p : {kForehead, kUpperCheeks[0], kUpperCheeks[1]}) {
    auto rect = Place(axes, p, frame.size());
    if (!rect) continue;
    const cv::Mat patch = Reduced(frame, *rect, 16, true);
    for (int y = 0; y < patch.rows; ++y) {
      for (int x = 0; x < patch.cols; ++x) {
        pool.push_back(colour ? patch.at<cv::Vec3b>(y, x) : cv::Vec3b(patch.at<uchar>(y, x), 128, 128));
      }
    }
  }
  if (pool.size() < 16) return std::nullopt;
  cv::Vec3d reference;
  for (int c = 0; c < 3; ++c) {
    std::vector<uchar> channel;
    for (const auto& p : pool) channel.push_back(p[c]);
    std::nth_element(channel.begin(), channel.begin() + channel.size() / 2, channel.end());
    reference[c] = channel[channel.size() / 2];
  }
  if (reference[0] < 8) return std::nullopt;  // a black reference says nothing about skin
  int skin = 0;
  for (int y = 0; y < lower.rows; ++y) {
    for (int x = 0; x < lower.cols; ++x) {
      const cv::Vec3b p = colour ? lower.at<cv::Vec3b>(y, x) : cv::Vec3b(lower.at<uchar>(y, x), 128, 128);
      const double lightness = p[0] / reference[0];
      const double chroma = std::hypot(p[1] - reference[1], p[2] - reference[2]);
      if (lightness >= 1 - kShadowTolerance && lightness <= 1 + kGlareTolerance && chroma <= kChromaTolerance) ++skin;
    }
  }
  return static_cast<double>(skin) / lower.total();
}

}  // namespace kiosk::biometrics::face
