#include "drivers/sim/camera/synthetic_camera.h"

#include <algorithm>
#include <cmath>

#include <opencv2/imgproc.hpp>

#include "kiosk/core/i18n.h"

namespace kiosk::sim {

namespace {

using biometrics::CameraState;

const cv::Scalar kWall(188, 190, 192);

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

// Draws the invented head with its centre (the nose bridge) at `centre`; s scales every size.
void DrawHead(cv::Mat& image, cv::Point2d centre, double s) {
  auto p = [&](double dx, double dy) {
    return cv::Point(static_cast<int>(centre.x + dx * s), static_cast<int>(centre.y + dy * s));
  };
  auto z = [&](double w, double h) {
    return cv::Size(std::max(1, static_cast<int>(w * s)), std::max(1, static_cast<int>(h * s)));
  };
  const cv::Scalar skin(140, 172, 212);
  const cv::Scalar hair(28, 30, 36);
  const cv::Scalar shirt(110, 70, 45);
  // Shoulders and neck.
  cv::ellipse(image, p(0, 330), z(250, 150), 0, 180, 360, shirt, -1, cv::LINE_AA);
  cv::rectangle(image, p(-48, 120), p(48, 200), skin * 0.85, -1, cv::LINE_AA);
  // Hair behind the head, the face, ears.
  cv::ellipse(image, p(0, -40), z(150, 160), 0, 0, 360, hair, -1, cv::LINE_AA);
  for (int side : {-1, 1}) ShadedEllipse(image, p(side * 128, 10), z(20, 36), skin, 0.25);
  ShadedEllipse(image, p(0, 20), z(125, 165), skin, 0.35);
  // Fringe over the forehead, parted on the person's right and swept across.
  cv::ellipse(image, p(18, -92), z(128, 72), -8, 180, 360, hair, -1, cv::LINE_AA);
  // The features sit a little to the picture's left of the head's middle. Why: the SSD face
  // network run at 160 px places its box about 8 % of the box width to the left of a symmetric
  // face (measured by mirroring the frame: the offset keeps its sign), and the yaw heuristic
  // compares the eyes with that box; a perfectly symmetric drawing then reads as "head turned".
  centre.x -= 12 * s;
  // Eyes: sclera, iris, pupil, a highlight, the upper lid; eyebrows above.
  for (int side : {-1, 1}) {
    const cv::Point eye = p(side * 46, -8);
    cv::ellipse(image, p(side * 46, -4), z(30, 16), 0, 0, 360, skin * 0.78, -1, cv::LINE_AA);
    cv::ellipse(image, eye, z(22, 11), 0, 0, 360, cv::Scalar(238, 240, 242), -1, cv::LINE_AA);
    cv::circle(image, eye, std::max(1, static_cast<int>(9 * s)), cv::Scalar(45, 60, 80), -1, cv::LINE_AA);
    cv::circle(image, eye, std::max(1, static_cast<int>(4 * s)), cv::Scalar(15, 15, 15), -1, cv::LINE_AA);
    cv::circle(image, p(side * 46 + 3, -11), std::max(1, static_cast<int>(2 * s)), cv::Scalar(250, 250, 250),
               -1, cv::LINE_AA);
    cv::ellipse(image, eye, z(23, 12), 0, 190, 350, cv::Scalar(40, 40, 50), std::max(1, static_cast<int>(3 * s)),
                cv::LINE_AA);
    cv::ellipse(image, p(side * 48, -36), z(30, 9), 0, 180 + (side < 0 ? 10 : 0), 360 - (side > 0 ? 10 : 0), hair,
                std::max(1, static_cast<int>(6 * s)), cv::LINE_AA);
  }
  // Nose: soft shadows down both sides (a frontal face is symmetric) and the nostrils.
  for (int side : {-1, 1}) {
    cv::line(image, p(side * 9, 0), p(side * 15, 50), skin * 0.8, std::max(1, static_cast<int>(4 * s)), cv::LINE_AA);
  }
  cv::ellipse(image, p(0, 58), z(22, 10), 0, 0, 180, skin * 0.7, std::max(1, static_cast<int>(4 * s)), cv::LINE_AA);
  // Mouth.
  cv::ellipse(image, p(0, 98), z(36, 12), 0, 0, 180, cv::Scalar(80, 85, 160), std::max(1, static_cast<int>(6 * s)),
              cv::LINE_AA);
}

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
  DrawHead(frame, centre, scale);
  // Light sensor noise (fixed per frame number: reproducible) and the lens's softness.
  cv::Mat noise(frame.size(), CV_8UC3);
  cv::RNG rng(0xCA3E0000ULL + frame_index);
  rng.fill(noise, cv::RNG::UNIFORM, cv::Scalar::all(0), cv::Scalar::all(5));
  cv::add(frame, noise, frame);
  cv::GaussianBlur(frame, frame, cv::Size(3, 3), 0.7);
  return frame;
}

SyntheticCamera::SyntheticCamera(SyntheticCameraOptions options) : options_(options) {}

SyntheticCamera::~SyntheticCamera() { Close(); }

Result<void> SyntheticCamera::Open() {
  std::lock_guard serial(open_mutex_);
  StopRenderer();
  {
    std::lock_guard lock(mutex_);
    state_ = CameraState::kOpening;
    lost_.reset();
    latest_ = {};
  }
  renderer_ = std::jthread([this](std::stop_token stop) { Render(stop); });
  std::unique_lock lock(mutex_);
  changed_.wait_for(lock, std::chrono::seconds(2), [this] { return latest_.sequence > 0; });
  if (latest_.sequence == 0) return Fail(Error(ErrorCode::kTimeout, N_("The camera did not give a picture in time."), "synthetic"));
  return {};
}

void SyntheticCamera::Close() {
  std::lock_guard serial(open_mutex_);
  StopRenderer();
}

void SyntheticCamera::StopRenderer() {
  if (renderer_.joinable()) {
    renderer_.request_stop();
    changed_.notify_all();
    renderer_.join();
  }
  std::lock_guard lock(mutex_);
  state_ = CameraState::kClosed;
  changed_.notify_all();
}

CameraState SyntheticCamera::state() const {
  std::lock_guard lock(mutex_);
  return state_;
}

std::optional<Error> SyntheticCamera::lost_reason() const {
  std::lock_guard lock(mutex_);
  return lost_;
}

void SyntheticCamera::SimulateUnplug() {
  std::lock_guard lock(mutex_);
  if (state_ != CameraState::kStreaming && state_ != CameraState::kOpening) return;
  state_ = CameraState::kLost;
  lost_ = Error(ErrorCode::kDeviceRemoved, N_("The camera was disconnected. Plug it in again."),
                "synthetic camera unplugged");
  changed_.notify_all();
}

void SyntheticCamera::Render(std::stop_token stop) {
  const auto period = std::chrono::duration_cast<std::chrono::steady_clock::duration>(
      std::chrono::duration<double>(1.0 / std::max(1.0, options_.fps)));
  auto next = std::chrono::steady_clock::now();
  for (std::uint64_t index = 0; !stop.stop_requested(); ++index) {
    cv::Mat frame = RenderSyntheticFaceFrame(options_, index);
    {
      std::lock_guard lock(mutex_);
      if (state_ == CameraState::kLost) return;
      latest_.image = std::move(frame);
      latest_.sequence = index + 1;
      latest_.captured_at = std::chrono::steady_clock::now();
      state_ = CameraState::kStreaming;
    }
    changed_.notify_all();
    next += period;
    std::unique_lock lock(mutex_);
    changed_.wait_until(lock, stop, next, [] { return false; });
  }
}

Result<biometrics::CameraFrame> SyntheticCamera::NextFrame(std::uint64_t after_sequence,
                                                         std::chrono::milliseconds timeout) {
  std::unique_lock lock(mutex_);
  const bool ready = changed_.wait_for(lock, timeout, [&] {
    return state_ == CameraState::kLost || state_ == CameraState::kClosed || latest_.sequence > after_sequence;
  });
  if (state_ == CameraState::kLost && lost_) return Fail(*lost_);
  if (state_ == CameraState::kClosed) {
    return Fail(Error::Cancelled());
  }
  if (!ready) return Fail(Error(ErrorCode::kTimeout, N_("The camera did not give a picture in time."), "synthetic"));
  return latest_;
}

}  // namespace kiosk::sim
