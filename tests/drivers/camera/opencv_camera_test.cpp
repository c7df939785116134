#include "drivers/camera/opencv_camera.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <gtest/gtest.h>

#include <atomic>
#include <thread>

#include <opencv2/imgcodecs.hpp>
#include <opencv2/imgproc.hpp>
#include <opencv2/videoio.hpp>

#include "tests/support/temp_dir.h"

namespace kiosk::drivers {
namespace {

using biometrics::CameraState;
using namespace std::chrono_literals;

cv::Mat NumberedFrame(int i) {
  cv::Mat frame(240, 320, CV_8UC3, cv::Scalar(40, 80, 120));
  cv::putText(frame, std::to_string(i), {100, 150}, cv::FONT_HERSHEY_SIMPLEX, 3, cv::Scalar::all(255), 4);
  return frame;
}

std::filesystem::path WriteVideo(const testing::TempDir& dir, int frames) {
  auto path = dir / "clip.avi";
  cv::VideoWriter writer(path.string(), cv::VideoWriter::fourcc('M', 'J', 'P', 'G'), 30, {320, 240});
  EXPECT_TRUE(writer.isOpened());
  for (int i = 0; i < frames; ++i) writer.write(NumberedFrame(i));
  return path;
}

TEST(OpenCvCamera, SourceKinds_RecognisedFromTheSpec) {
  EXPECT_EQ(CameraSource{.spec = "0"}.kind(), CameraSource::Kind::kDevice);
  EXPECT_EQ(CameraSource{.spec = "clip.avi"}.kind(), CameraSource::Kind::kFile);
  EXPECT_EQ(CameraSource{.spec = "frames/%04d.png"}.kind(), CameraSource::Kind::kImageSequence);
  EXPECT_EQ(CameraSource{.spec = "videotestsrc ! videoconvert ! appsink"}.kind(), CameraSource::Kind::kGStreamer);
}

TEST(OpenCvCamera, GeneratedVideo_StreamsThenLostWhenItEnds) {
  testing::TempDir dir;
  OpenCvCamera camera({.spec = WriteVideo(dir, 15).string(), .paced = true});
  ASSERT_TRUE(camera.Open().has_value());
  EXPECT_EQ(camera.state(), CameraState::kStreaming);

  std::uint64_t last = 0;
  int received = 0;
  while (true) {
    auto frame = camera.NextFrame(last, 2s);
    if (!frame) {
      EXPECT_EQ(frame.error().code(), ErrorCode::kDeviceRemoved);
      EXPECT_EQ(frame.error().message_key(), "The video source has ended.");
      break;
    }
    EXPECT_GT(frame->sequence, last);
    EXPECT_EQ(frame->image.size(), cv::Size(320, 240));
    last = frame->sequence;
    ++received;
  }
  EXPECT_EQ(camera.state(), CameraState::kLost);
  ASSERT_TRUE(camera.lost_reason().has_value());
  EXPECT_GT(received, 5);  // paced at 30 fps, a waiting consumer sees nearly every frame
  EXPECT_EQ(last, 15u);

  // Replug: opening again restarts the source.
  ASSERT_TRUE(camera.Open().has_value());
  auto again = camera.NextFrame(0, 2s);
  ASSERT_TRUE(again.has_value());
  EXPECT_EQ(camera.state(), CameraState::kStreaming);
}

TEST(OpenCvCamera, SlowConsumer_GetsTheNewestFrameNotABacklog) {
  testing::TempDir dir;
  OpenCvCamera camera({.spec = WriteVideo(dir, 60).string(), .paced = true});
  ASSERT_TRUE(camera.Open().has_value());
  auto first = camera.NextFrame(0, 2s);
  ASSERT_TRUE(first.has_value());
  std::this_thread::sleep_for(300ms);  // about 9 frames at 30 fps
  auto next = camera.NextFrame(first->sequence, 2s);
  ASSERT_TRUE(next.has_value());
  EXPECT_GE(next->sequence, first->sequence + 4);
}

TEST(OpenCvCamera, ImageSequence_StreamsEveryImage) {
  testing::TempDir dir;
  for (int i = 0; i < 5; ++i) {
    char name[32];
    std::snprintf(name, sizeof name, "frame%04d.png", i);
    cv::imwrite((dir / name).string(), NumberedFrame(i));
  }
  OpenCvCamera camera({.spec = (dir / "frame%04d.png").string(), .fps = 30, .paced = true});
  ASSERT_TRUE(camera.Open().has_value()) << camera.description();
  std::uint64_t last = 0;
  while (auto frame = camera.NextFrame(last, 2s)) last = frame->sequence;
  EXPECT_EQ(last, 5u);
  EXPECT_EQ(camera.state(), CameraState::kLost);
}

TEST(OpenCvCamera, MissingFile_NotFoundAndClosed) {
  OpenCvCamera camera({.spec = "/nonexistent/clip.avi"});
  auto opened = camera.Open();
  ASSERT_FALSE(opened.has_value());
  EXPECT_EQ(opened.error().code(), ErrorCode::kNotFound);
  EXPECT_EQ(camera.state(), CameraState::kClosed);
}

TEST(OpenCvCamera, AbsentDevice_DeviceNotFound) {
  OpenCvCamera camera({.spec = "97"});
  auto opened = camera.Open();
  ASSERT_FALSE(opened.has_value());
  EXPECT_EQ(opened.error().code(), ErrorCode::kDeviceNotFound);
}

TEST(OpenCvCamera, CloseWhileWaiting_WakesTheWaiterCancelled) {
  testing::TempDir dir;
  OpenCvCamera camera({.spec = WriteVideo(dir, 200).string(), .paced = true});
  ASSERT_TRUE(camera.Open().has_value());
  std::thread closer([&camera] {
    std::this_thread::sleep_for(100ms);
    camera.Close();
  });
  Result<biometrics::CameraFrame> result = Fail(Error::Internal("not run"));
  // Wait for a frame that will never come before Close().
  result = camera.NextFrame(1'000'000, 5s);
  closer.join();
  ASSERT_FALSE(result.has_value());
  EXPECT_EQ(result.error().code(), ErrorCode::kCancelled);
  EXPECT_EQ(camera.state(), CameraState::kClosed);
}

// A source that takes its time to open, as a USB camera can: a named pipe, whose open() blocks
// until someone opens it for writing. Close() from another thread must not wait out the open
// timeout (the portrait page calls it when the officer leaves).
TEST(OpenCvCamera, CloseWhileOpening_CancelsTheOpenAtOnce) {
  testing::TempDir dir;
  const auto fifo = dir / "slow.avi";
  ASSERT_EQ(::mkfifo(fifo.c_str(), 0600), 0);
  // Lets whatever blocks on the pipe go (it then reads an empty stream), until the test ends.
  std::atomic<bool> unblock{false}, done{false};
  std::thread unblocker([&] {
    while (!done) {
      if (unblock) {
        const int fd = ::open(fifo.c_str(), O_WRONLY | O_NONBLOCK);
        if (fd >= 0) ::close(fd);
      }
      std::this_thread::sleep_for(5ms);
    }
  });
  {
    OpenCvCamera camera({.spec = fifo.string(), .open_timeout = 10s});
    Result<void> opened = Fail(Error::Internal("not run"));
    std::thread opener([&] { opened = camera.Open(); });
    std::this_thread::sleep_for(200ms);  // the grabber is now blocked opening the pipe
    const auto before = std::chrono::steady_clock::now();
    std::thread closer([&] { camera.Close(); });
    opener.join();
    const auto took = std::chrono::steady_clock::now() - before;
    EXPECT_LT(took, 1s) << "Open() gave up when Close() was called, not after its 10 s timeout";
    ASSERT_FALSE(opened.has_value());
    EXPECT_EQ(opened.error().code(), ErrorCode::kCancelled);
    unblock = true;  // the grabber can finish opening (and fail on the empty stream); Close() joins it
    closer.join();
    EXPECT_EQ(camera.state(), CameraState::kClosed);
  }
  done = true;
  unblocker.join();
}

}  // namespace
}  // namespace kiosk::drivers
