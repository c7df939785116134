#include "drivers/sim/camera/synthetic_face.h"

#include <algorithm>
#include <cmath>
#include <numbers>
#include <vector>

#include <opencv2/imgproc.hpp>

namespace kiosk::sim {

namespace {

const cv::Scalar kWall(188, 190, 192);
const cv::Scalar kSkin(140, 172, 212);
const cv::Scalar kHair(28, 30, 36);

// A filled ellipse whose colour darkens towards its rim: enough shading for the face network to
// see a head rather than a flat disc.
void ShadedEllipse(cv::Mat& image, cv::Point centre, cv::Size axes, cv::Scalar colour, double rim) {
  constexpr int kRings = 8;
  for (int ring = 0; ring < kRings; ++ring) {
    const double t = static_cast<double>(ring) / kRings;  // 0 outer … 1 inner
    const double shade = 1.0 - rim * (1.0 - t) * (1.0 - t);
    const cv::Size a(std::max(1, static_cast<int>(axes.width * (1.0 - 0.5 * t))),
                     std::max(1, static_cast<int>(axes.height * (1.0 - 0.45 * t))));
    cv::ellipse(image, centre, a, 0, 0, 360, colour * shade, -1, cv::LINE_AA);
  }
}

// The head drawn with its centre (the nose bridge) at `centre`; s scales every size (head units:
// the face is 250 wide). A turn moves each feature across by its depth in front of the head's
// vertical axis times sin(yaw) and narrows it by cos(yaw); the outline (face, hair, shoulders) is
// the same from every side, as a head's roughly is.
class HeadPainter {
 public:
  HeadPainter(cv::Mat& image, cv::Point2d centre, double s, double yaw_degrees)
      : image_(image), centre_(centre), s_(s),
        cos_(std::cos(yaw_degrees * std::numbers::pi / 180)), sin_(std::sin(yaw_degrees * std::numbers::pi / 180)) {}

  void Draw(SyntheticAccessory accessory) {
    // Shoulders and neck.
    cv::ellipse(image_, P(0, 330), Z(250, 150), 0, 180, 360, cv::Scalar(110, 70, 45), -1, cv::LINE_AA);
    cv::rectangle(image_, P(-48, 120), P(48, 200), kSkin * 0.85, -1, cv::LINE_AA);
    // Hair behind the head, ears, the face.
    cv::ellipse(image_, P(0, -40), Z(150, 160), 0, 0, 360, kHair, -1, cv::LINE_AA);
    for (int side : {-1, 1}) ShadedEllipse(image_, F(side * 128, 10, 0), Z(20, 36), kSkin, 0.25);
    ShadedEllipse(image_, P(0, 20), Z(125, 165), kSkin, 0.35);
    // Fringe over the forehead, parted on the person's right and swept across.
    cv::ellipse(image_, P(18, -92), Z(128, 72), -8, 180, 360, kHair, -1, cv::LINE_AA);
    DrawEyes();
    // Nose: soft shadows down both sides (a frontal face is symmetric) and the nostrils.
    for (int side : {-1, 1}) {
      cv::line(image_, F(side * 9, 0, 110), F(side * 15, 50, 125), kSkin * 0.8, T(4), cv::LINE_AA);
    }
    cv::ellipse(image_, F(0, 58, 120), Z(22 * cos_, 10), 0, 0, 180, kSkin * 0.7, T(4), cv::LINE_AA);
    // Mouth.
    cv::ellipse(image_, F(0, 98, 105), Z(36 * cos_, 12), 0, 0, 180, cv::Scalar(80, 85, 160), T(6), cv::LINE_AA);
    if (accessory == SyntheticAccessory::kMask) DrawMask();
    if (accessory == SyntheticAccessory::kSunglasses) DrawSunglasses();
  }

 private:
  cv::Point P(double dx, double dy) const {
    return {static_cast<int>(centre_.x + dx * s_), static_cast<int>(centre_.y + dy * s_)};
  }
  // A feature at frontal position (dx, dy) lying `depth` in front of the head's axis.
  cv::Point F(double dx, double dy, double depth) const { return P(dx * cos_ + depth * sin_, dy); }
  cv::Size Z(double w, double h) const {
    return {std::max(1, static_cast<int>(w * s_)), std::max(1, static_cast<int>(h * s_))};
  }
  int T(double thickness) const { return std::max(1, static_cast<int>(thickness * s_)); }

  // Eyes: the socket's shadow, sclera, iris, pupil, a highlight, the upper lid; eyebrows above.
  void DrawEyes() {
    for (int side : {-1, 1}) {
      const cv::Point eye = F(side * 46, -8, 95);
      cv::ellipse(image_, F(side * 46, -4, 95), Z(30 * cos_, 16), 0, 0, 360, kSkin * 0.78, -1, cv::LINE_AA);
      cv::ellipse(image_, eye, Z(22 * cos_, 11), 0, 0, 360, cv::Scalar(238, 240, 242), -1, cv::LINE_AA);
      cv::circle(image_, eye, T(9), cv::Scalar(45, 60, 80), -1, cv::LINE_AA);
      cv::circle(image_, eye, T(4), cv::Scalar(15, 15, 15), -1, cv::LINE_AA);
      cv::circle(image_, F(side * 46 + 3, -11, 97), T(2), cv::Scalar(250, 250, 250), -1, cv::LINE_AA);
      cv::ellipse(image_, eye, Z(23 * cos_, 12), 0, 190, 350, cv::Scalar(40, 40, 50), T(3), cv::LINE_AA);
      cv::ellipse(image_, F(side * 48, -36, 100), Z(30 * cos_, 9), 0, 180 + (side < 0 ? 10 : 0),
                  360 - (side > 0 ? 10 : 0), kHair, T(6), cv::LINE_AA);
    }
  }

  // A pleated surgical mask from the nose's middle to under the chin, cheek to cheek, with its
  // ear loops. Its sides follow the face's outline; its middle fold turns with the face.
  void DrawMask() {
    const cv::Scalar blue(226, 204, 168);
    std::vector<cv::Point> outline;
    for (int x = -112; x <= 112; x += 8) {  // top edge: highest over the nose
      const double rise = 22 * std::exp(-(x * x) / (2.0 * 45 * 45));
      outline.push_back(F(x, 58 - rise, 110 * (1 - std::abs(x) / 125.0)));
    }
    // Down the right side and under the chin along the face's outline, a little outside it.
    const double top_angle = std::asin((58 - 20) / 171.0);
    for (double a = top_angle; a <= std::numbers::pi - top_angle + 1e-9; a += 0.08) {
      outline.push_back(P(130 * std::cos(a), 20 + 171 * std::sin(a)));
    }
    cv::fillPoly(image_, std::vector<std::vector<cv::Point>>{outline}, blue, cv::LINE_AA);
    for (double y : {92.0, 122.0, 150.0}) {  // the pleats
      cv::line(image_, F(-95, y, 40), F(95, y, 40), blue * 0.86, T(3), cv::LINE_AA);
    }
    for (int side : {-1, 1}) {  // ear loops
      cv::line(image_, P(side * 118, 62), F(side * 128, 0, 0), cv::Scalar(240, 240, 240), T(3), cv::LINE_AA);
      cv::line(image_, P(side * 112, 150), F(side * 128, 30, 0), cv::Scalar(240, 240, 240), T(3), cv::LINE_AA);
    }
  }

  // Dark lenses over both eyes, a bridge and the arms to the ears.
  void DrawSunglasses() {
    const cv::Scalar lens(32, 28, 30), rim(12, 12, 14);
    for (int side : {-1, 1}) {
      const cv::Point centre = F(side * 48, -6, 100);
      cv::ellipse(image_, centre, Z(38 * cos_, 27), 0, 0, 360, lens, -1, cv::LINE_AA);
      cv::ellipse(image_, centre, Z(38 * cos_, 27), 0, 0, 360, rim, T(4), cv::LINE_AA);
      cv::ellipse(image_, F(side * 48 - 10, -16, 100), Z(14 * cos_, 8), 0, 200, 290, cv::Scalar(95, 95, 100), T(3),
                  cv::LINE_AA);
      cv::line(image_, F(side * 86, -14, 80), F(side * 124, -10, 0), rim, T(5), cv::LINE_AA);
    }
    cv::line(image_, F(-12, -14, 112), F(12, -14, 112), rim, T(5), cv::LINE_AA);
  }

  cv::Mat& image_;
  cv::Point2d centre_;
  double s_, cos_, sin_;
};

}  // namespace

cv::Mat RenderSyntheticFaceFrame(const SyntheticCameraOptions& options, std::uint64_t frame_index) {
  cv::Mat frame(options.frame_size, CV_8UC3, kWall);
  const int cycle = std::max(1, options.approach_frames + options.steady_frames);
  const int step = static_cast<int>(frame_index % static_cast<std::uint64_t>(cycle));
  const double w = options.frame_size.width, h = options.frame_size.height;
  // Scale so the face box is about 45 % of the frame height once in place.
  const double in_place = h / 720.0 * options.scale;
  double scale = in_place;
  cv::Point2d centre(w * options.centre_x, 0.42 * h);
  if (step < options.approach_frames) {
    const double t = static_cast<double>(step) / options.approach_frames;  // 0 … 1
    scale = in_place * (0.45 + 0.55 * t);
    centre.x = w * (options.centre_x + 0.22 * (1 - t));
  }
  // A person never holds perfectly still: a pixel of sway.
  centre.x += std::sin(static_cast<double>(frame_index) / 7.0);
  HeadPainter(frame, centre, scale, options.yaw_degrees).Draw(options.accessory);
  // Light sensor noise (fixed per frame number: reproducible) and the lens's softness.
  cv::Mat noise(frame.size(), CV_8UC3);
  cv::RNG rng(0xCA3E0000ULL + frame_index);
  rng.fill(noise, cv::RNG::UNIFORM, cv::Scalar::all(0), cv::Scalar::all(5));
  cv::add(frame, noise, frame);
  cv::GaussianBlur(frame, frame, cv::Size(3, 3), 0.7);
  return frame;
}

}  // namespace kiosk::sim
