#include "drivers/fingerprint/libfprint_sensor.h"

#include <gtest/gtest.h>

#include <sys/socket.h>
#include <sys/un.h>
#include <unistd.h>

#include <cstdint>
#include <cstring>
#include <thread>

#include "kiosk/biometrics/finger/finger_quality.h"
#include "tests/biometrics_data/finger_samples.h"
#include "tests/support/temp_dir.h"

namespace kiosk::drivers {
namespace {

using namespace std::chrono_literals;

// The test side of libfprint's virtual_image device: a client of the Unix socket it listens on
// once opened. Messages are two native int32 (width, height) then width×height grey bytes; a
// negative width is a command (-5: the device disappears).
class VirtualImageClient {
 public:
  explicit VirtualImageClient(const std::filesystem::path& socket_path) {
    fd_ = ::socket(AF_UNIX, SOCK_STREAM, 0);
    sockaddr_un address{};
    address.sun_family = AF_UNIX;
    std::strncpy(address.sun_path, socket_path.c_str(), sizeof(address.sun_path) - 1);
    for (int i = 0; i < 100; ++i) {  // the socket appears while the device opens
      if (::connect(fd_, reinterpret_cast<sockaddr*>(&address), sizeof address) == 0) {
        connected_ = true;
        break;
      }
      std::this_thread::sleep_for(20ms);
    }
  }
  ~VirtualImageClient() { ::close(fd_); }
  bool connected() const { return connected_; }

  bool SendImage(const cv::Mat& grey) {
    const std::int32_t header[2] = {grey.cols, grey.rows};
    cv::Mat continuous = grey.isContinuous() ? grey : grey.clone();
    return Write(header, sizeof header) && Write(continuous.data, continuous.total());
  }
  bool SendCommand(std::int32_t command, std::int32_t argument = 0) {
    const std::int32_t header[2] = {command, argument};
    return Write(header, sizeof header);
  }

 private:
  bool Write(const void* data, size_t size) {
    const auto* bytes = static_cast<const std::uint8_t*>(data);
    while (size > 0) {
      ssize_t n = ::write(fd_, bytes, size);
      if (n <= 0) return false;
      bytes += n;
      size -= static_cast<size_t>(n);
    }
    return true;
  }
  int fd_ = -1;
  bool connected_ = false;
};

class LibfprintVirtualImage : public ::testing::Test {
 protected:
  void SetUp() override {
    socket_path_ = dir_ / "virtual-image.sock";
    env_socket_ = std::make_unique<testing::ScopedEnv>("FP_VIRTUAL_IMAGE", socket_path_.string());
    env_drivers_ = std::make_unique<testing::ScopedEnv>("FP_DRIVERS_WHITELIST", "virtual_image");
    sensor_ = std::make_unique<LibfprintSensor>();
  }
  void TearDown() override { sensor_.reset(); }

  testing::TempDir dir_;
  std::filesystem::path socket_path_;
  std::unique_ptr<testing::ScopedEnv> env_socket_, env_drivers_;
  std::unique_ptr<LibfprintSensor> sensor_;
};

TEST_F(LibfprintVirtualImage, Enumerate_FindsTheImageDevice) {
  auto devices = sensor_->Enumerate();
  ASSERT_TRUE(devices.has_value()) << devices.error().ToLogString();
  ASSERT_EQ(devices->size(), 1u);
  EXPECT_EQ(devices->front().driver, "virtual_image");
  EXPECT_TRUE(devices->front().gives_images);
}

TEST_F(LibfprintVirtualImage, CaptureGeneratedPrint_ImageArrivesAndScoresWell) {
  ASSERT_TRUE(sensor_->Open("").has_value());
  const cv::Mat print = testdata::MakeFingerprint(testdata::FingerVariant::kGood, 4);
  VirtualImageClient client(socket_path_);
  ASSERT_TRUE(client.connected());
  std::thread feeder([&client, &print] { client.SendImage(print); });

  const auto start = std::chrono::steady_clock::now();
  auto captured = sensor_->Capture(10s);
  feeder.join();
  ASSERT_TRUE(captured.has_value()) << captured.error().ToLogString();
  EXPECT_EQ(captured->image.size(), print.size());
  auto quality = biometrics::finger::ScoreFingerprint(captured->image);
  const auto capture_to_score = std::chrono::steady_clock::now() - start;
  EXPECT_GE(quality.score, 80);
  EXPECT_TRUE(quality.acceptable);
  RecordProperty("capture_to_score_ms",
                 static_cast<int>(std::chrono::duration_cast<std::chrono::milliseconds>(capture_to_score).count()));
}

TEST_F(LibfprintVirtualImage, DeviceRemovedMidCapture_ClearError) {
  ASSERT_TRUE(sensor_->Open("").has_value());
  VirtualImageClient client(socket_path_);
  ASSERT_TRUE(client.connected());
  std::thread unplug([&client] {
    std::this_thread::sleep_for(300ms);  // the capture is waiting for a finger by then
    client.SendCommand(-5);
  });
  auto captured = sensor_->Capture(10s);
  unplug.join();
  ASSERT_FALSE(captured.has_value());
  EXPECT_EQ(captured.error().code(), ErrorCode::kDeviceRemoved) << captured.error().ToLogString();
  EXPECT_EQ(captured.error().message_key(), "The fingerprint sensor was disconnected.");
}

TEST_F(LibfprintVirtualImage, NoFinger_TimesOut) {
  ASSERT_TRUE(sensor_->Open("").has_value());
  auto captured = sensor_->Capture(400ms);
  ASSERT_FALSE(captured.has_value());
  EXPECT_EQ(captured.error().code(), ErrorCode::kTimeout);
}

TEST_F(LibfprintVirtualImage, CancelFromAnotherThread_Cancelled) {
  ASSERT_TRUE(sensor_->Open("").has_value());
  std::thread canceller([this] {
    std::this_thread::sleep_for(200ms);
    sensor_->Cancel();
  });
  auto captured = sensor_->Capture(10s);
  canceller.join();
  ASSERT_FALSE(captured.has_value());
  EXPECT_EQ(captured.error().code(), ErrorCode::kCancelled);
}

TEST(LibfprintSensor, NoDevice_DeviceNotFound) {
  testing::ScopedEnv drivers("FP_DRIVERS_WHITELIST", "no_such_driver");
  LibfprintSensor sensor;
  auto opened = sensor.Open("");
  ASSERT_FALSE(opened.has_value());
  EXPECT_EQ(opened.error().code(), ErrorCode::kDeviceNotFound);
}

}  // namespace
}  // namespace kiosk::drivers
