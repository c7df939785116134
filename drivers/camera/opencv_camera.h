#pragma once
// Camera over OpenCV's VideoCapture: a device index ("0"), a video file ("clip.avi"), an image
// sequence ("frames/%04d.png") or a GStreamer pipeline (anything containing '!', ending in
// appsink). See kiosk/biometrics/camera.h for the contract.
//
// Threading: Open() starts one grabber thread that owns the cv::VideoCapture (VideoCapture is not
// thread-safe, so no other thread touches it) and publishes the newest frame under a mutex;
// older frames are dropped. Close() from another thread cancels an Open() still waiting for the
// device (kCancelled at once); Close() itself still waits for the grabber to end, which can take
// as long as the device takes to open: call it off the GUI thread. Files and image sequences are paced at their frame rate so they
// behave like a live camera (set paced = false to read as fast as possible).

#include <condition_variable>
#include <memory>
#include <mutex>
#include <string>
#include <thread>

#include "kiosk/biometrics/camera.h"

namespace kiosk::drivers {

struct CameraSource {
  std::string spec;        // "0", "clip.avi", "frames/%04d.png", "videotestsrc ! … ! appsink"
  int width = 1280;        // requested from devices; 0: the device's default
  int height = 720;
  int fps = 30;            // requested from devices; pacing for files when they do not say
  bool prefer_mjpeg = true;  // ask devices for MJPEG (USB 2 webcams reach 720p30 only with it)
  bool paced = true;       // files and sequences: deliver at the frame rate, not as fast as read
  std::chrono::milliseconds open_timeout{5000};

  enum class Kind { kDevice, kFile, kImageSequence, kGStreamer };
  Kind kind() const;
};

class OpenCvCamera final : public biometrics::Camera {
 public:
  explicit OpenCvCamera(CameraSource source);
  ~OpenCvCamera() override;

  Result<void> Open() override;
  void Close() override;
  biometrics::CameraState state() const override;
  Result<biometrics::CameraFrame> NextFrame(std::uint64_t after_sequence,
                                            std::chrono::milliseconds timeout) override;
  std::optional<Error> lost_reason() const override;
  std::string description() const override;

 private:
  struct Shared;
  void StopGrabber();
  CameraSource source_;
  std::shared_ptr<Shared> shared_;
  std::thread grabber_;
  std::mutex open_mutex_;  // serialises Open()/Close()
};

}  // namespace kiosk::drivers
