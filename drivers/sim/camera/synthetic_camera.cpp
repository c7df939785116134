#include "drivers/sim/camera/synthetic_camera.h"

#include <algorithm>

#include "kiosk/core/i18n.h"

namespace kiosk::sim {

using biometrics::CameraState;

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
