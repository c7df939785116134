#include "drivers/camera/opencv_camera.h"

#include <atomic>

#include <opencv2/core/utils/logger.hpp>
#include <opencv2/videoio.hpp>

#include "drivers/camera/cv_error.h"
#include "kiosk/core/i18n.h"

namespace kiosk::drivers {

using biometrics::CameraFrame;
using biometrics::CameraState;

struct OpenCvCamera::Shared {
  std::mutex mutex;
  std::condition_variable changed;
  CameraState state = CameraState::kClosed;
  bool stop = false;
  CameraFrame latest;
  std::optional<Error> open_error;
  std::optional<Error> lost_reason;
  std::atomic<std::uint64_t> close_calls{0};  // Close() calls so far: an Open() they overlap gives up
};

namespace {

bool IsDeviceIndex(const std::string& spec) {
  return !spec.empty() && spec.size() < 4 && spec.find_first_not_of("0123456789") == std::string::npos;
}

// Opens the capture for the source; runs on the grabber thread.
Result<cv::VideoCapture> OpenCapture(const CameraSource& source) {
  // OpenCV would print every backend it tries and fails on stderr; the outcome reaches the
  // officer as a kiosk::Error instead.
  cv::utils::logging::setLogLevel(cv::utils::logging::LOG_LEVEL_SILENT);
  // Named backends, not CAP_ANY: "any" also tries gphoto2, which enumerates every USB device
  // looking for a still camera (half a second per open, leaking libusb's device list each time)
  // and could claim a USB camera the desk uses for something else. A desk camera is UVC: V4L2 on
  // Linux; Windows picks among Media Foundation and DirectShow itself. Files are FFmpeg's.
#ifdef __linux__
  constexpr int kDeviceBackend = cv::CAP_V4L2;
#else
  constexpr int kDeviceBackend = cv::CAP_ANY;
#endif
  cv::VideoCapture capture;
  try {
    switch (source.kind()) {
      case CameraSource::Kind::kDevice: {
        std::vector<int> params;
        if (source.width > 0) params.insert(params.end(), {cv::CAP_PROP_FRAME_WIDTH, source.width});
        if (source.height > 0) params.insert(params.end(), {cv::CAP_PROP_FRAME_HEIGHT, source.height});
        capture.open(std::stoi(source.spec), kDeviceBackend, params);
        if (capture.isOpened()) {
          // MJPEG and fps are hints: a device that lacks them keeps its own mode.
          if (source.prefer_mjpeg) capture.set(cv::CAP_PROP_FOURCC, cv::VideoWriter::fourcc('M', 'J', 'P', 'G'));
          if (source.fps > 0) capture.set(cv::CAP_PROP_FPS, source.fps);
          capture.set(cv::CAP_PROP_BUFFERSIZE, 1);  // the driver too should keep only the newest
        }
        break;
      }
      case CameraSource::Kind::kGStreamer: capture.open(source.spec, cv::CAP_GSTREAMER); break;
      case CameraSource::Kind::kImageSequence: capture.open(source.spec, cv::CAP_IMAGES); break;
      case CameraSource::Kind::kFile: capture.open(source.spec, cv::CAP_FFMPEG); break;
    }
  } catch (const cv::Exception& e) {
    return Fail(FromCvException(e, "opening camera"));
  }
  if (!capture.isOpened()) {
    if (source.kind() == CameraSource::Kind::kDevice) {
      return Fail(Error(ErrorCode::kDeviceNotFound, N_("Camera not found or cannot be opened."),
                        "device " + source.spec));
    }
    return Fail(Error::NotFound(N_("The camera source cannot be opened."), source.spec));
  }
  return capture;
}

Error LostError(const CameraSource& source) {
  switch (source.kind()) {
    case CameraSource::Kind::kDevice:
      return Error(ErrorCode::kDeviceRemoved, N_("The camera was disconnected. Plug it in again."),
                   "device " + source.spec + ": read failed", Error::Retry::kYes);
    case CameraSource::Kind::kGStreamer:
      return Error(ErrorCode::kDeviceRemoved, N_("The camera stream stopped."), "pipeline ended",
                   Error::Retry::kYes);
    default:
      return Error(ErrorCode::kDeviceRemoved, N_("The video source has ended."), source.spec + ": end of stream",
                   Error::Retry::kNo);
  }
}

}  // namespace

CameraSource::Kind CameraSource::kind() const {
  if (IsDeviceIndex(spec)) return Kind::kDevice;
  if (spec.find('!') != std::string::npos) return Kind::kGStreamer;
  if (spec.find('%') != std::string::npos) return Kind::kImageSequence;
  return Kind::kFile;
}

OpenCvCamera::OpenCvCamera(CameraSource source)
    : source_(std::move(source)), shared_(std::make_shared<Shared>()) {}

OpenCvCamera::~OpenCvCamera() { Close(); }

std::string OpenCvCamera::description() const {
  switch (source_.kind()) {
    case CameraSource::Kind::kDevice: return "device " + source_.spec;
    case CameraSource::Kind::kGStreamer: return "GStreamer pipeline";
    case CameraSource::Kind::kImageSequence: return "image sequence " + source_.spec;
    case CameraSource::Kind::kFile: return "video " + source_.spec;
  }
  return source_.spec;
}

Result<void> OpenCvCamera::Open() {
  // A Close() from another thread from now on cancels this Open() (see the wait below).
  const std::uint64_t closes_before = shared_->close_calls.load();
  std::lock_guard open_lock(open_mutex_);
  {
    std::lock_guard lock(shared_->mutex);
    if (shared_->state == CameraState::kStreaming) return {};
  }
  StopGrabber();  // a lost grabber has ended on its own; join it before replacing it
  {
    std::lock_guard lock(shared_->mutex);
    shared_->state = CameraState::kOpening;
    shared_->stop = false;
    shared_->latest = CameraFrame{};
    shared_->open_error.reset();
    shared_->lost_reason.reset();
  }
  grabber_ = std::thread([source = source_, shared = shared_] {
    auto opened = OpenCapture(source);
    if (!opened) {
      std::lock_guard lock(shared->mutex);
      shared->open_error = std::move(opened).error();
      shared->changed.notify_all();
      return;
    }
    cv::VideoCapture capture = std::move(*opened);
    const bool paced = source.paced && source.kind() != CameraSource::Kind::kDevice &&
                       source.kind() != CameraSource::Kind::kGStreamer;
    // Image sequences report 1 fps whatever they hold: they run at the configured rate.
    double fps = source.kind() == CameraSource::Kind::kImageSequence ? 0 : capture.get(cv::CAP_PROP_FPS);
    if (!(fps > 0 && fps < 1000)) fps = source.fps > 0 ? source.fps : 30;
    const auto period = std::chrono::duration_cast<std::chrono::steady_clock::duration>(
        std::chrono::duration<double>(1.0 / fps));
    auto next = std::chrono::steady_clock::now();
    while (true) {
      cv::Mat image;  // a new buffer each time: consumers may still hold the previous one
      std::optional<Error> failure;
      try {
        if (!capture.read(image) || image.empty()) failure = LostError(source);
      } catch (const cv::Exception& e) {
        failure = FromCvException(e, "reading camera");
      }
      std::unique_lock lock(shared->mutex);
      if (shared->stop) return;
      if (failure) {
        shared->lost_reason = std::move(failure);
        if (shared->state == CameraState::kOpening) {
          shared->open_error = shared->lost_reason;  // opened but never gave a picture
        }
        shared->state = CameraState::kLost;
        shared->changed.notify_all();
        return;
      }
      shared->latest = CameraFrame{std::move(image), shared->latest.sequence + 1, std::chrono::steady_clock::now()};
      shared->state = CameraState::kStreaming;
      shared->changed.notify_all();
      if (paced) {
        next += period;
        shared->changed.wait_until(lock, next, [&shared] { return shared->stop; });
        if (shared->stop) return;
      }
    }
  });

  std::unique_lock lock(shared_->mutex);
  auto cancelled = [this, closes_before] { return shared_->close_calls.load() != closes_before; };
  bool settled = shared_->changed.wait_for(lock, source_.open_timeout, [this, &cancelled] {
    return shared_->state != CameraState::kOpening || shared_->open_error.has_value() || cancelled();
  });
  if (settled && !shared_->open_error && !cancelled()) return {};
  const bool was_cancelled = cancelled();
  Error error = was_cancelled ? Error::Cancelled()
                              : shared_->open_error.value_or(Error(ErrorCode::kTimeout,
                                                                   N_("The camera did not give a picture in time."),
                                                                   description()));
  shared_->stop = true;
  shared_->state = CameraState::kClosed;
  lock.unlock();
  shared_->changed.notify_all();
  // A cancelled open returns at once: the grabber may still be inside VideoCapture::open (a USB
  // device can take seconds), and it ends by itself once that returns, seeing `stop`. The next
  // Open() or Close() joins it.
  if (!was_cancelled && grabber_.joinable()) grabber_.join();
  return Fail(std::move(error));
}

void OpenCvCamera::StopGrabber() {
  {
    std::lock_guard lock(shared_->mutex);
    shared_->stop = true;
  }
  shared_->changed.notify_all();
  if (grabber_.joinable()) grabber_.join();
}

void OpenCvCamera::Close() {
  {
    // First wake an Open() in progress on another thread (it holds open_mutex_ while it waits
    // for the first frame), so Close() does not wait out the open timeout.
    std::lock_guard lock(shared_->mutex);
    shared_->close_calls.fetch_add(1);
  }
  shared_->changed.notify_all();
  std::lock_guard open_lock(open_mutex_);
  StopGrabber();
  std::lock_guard lock(shared_->mutex);
  shared_->state = CameraState::kClosed;
  shared_->changed.notify_all();
}

CameraState OpenCvCamera::state() const {
  std::lock_guard lock(shared_->mutex);
  return shared_->state;
}

std::optional<Error> OpenCvCamera::lost_reason() const {
  std::lock_guard lock(shared_->mutex);
  return shared_->lost_reason;
}

Result<CameraFrame> OpenCvCamera::NextFrame(std::uint64_t after_sequence, std::chrono::milliseconds timeout) {
  std::unique_lock lock(shared_->mutex);
  shared_->changed.wait_for(lock, timeout, [&] {
    return shared_->latest.sequence > after_sequence || shared_->state == CameraState::kLost ||
           shared_->state == CameraState::kClosed || shared_->stop;
  });
  if (shared_->latest.sequence > after_sequence) return shared_->latest;
  if (shared_->state == CameraState::kLost && shared_->lost_reason) return Fail(*shared_->lost_reason);
  if (shared_->state == CameraState::kClosed || shared_->stop) return Fail(Error::Cancelled());
  return Fail(Error(ErrorCode::kTimeout, N_("The camera did not give a picture in time."), description()));
}

}  // namespace kiosk::drivers
