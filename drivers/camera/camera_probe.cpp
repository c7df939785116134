#include <opencv2/core/utils/logger.hpp>
#include <opencv2/videoio.hpp>

#include "drivers/device_probes.h"
#include "kiosk/core/i18n.h"

namespace kiosk::drivers {
namespace {

// Opens each configured camera source and grabs one frame. A source is a device index ("0"),
// a video file, an image sequence ("frames/%04d.png") or a GStreamer pipeline.
class CameraProbe final : public diag::Probe {
 public:
  std::vector<diag::Check> Run(const Config& config) override {
    using diag::Status;
    cv::utils::logging::setLogLevel(cv::utils::logging::LOG_LEVEL_SILENT);
    std::vector<diag::Check> out;
    if (config.devices.cameras.empty()) {
      out.push_back({"camera", "", Status::kMissing, N_("No camera is configured."), {}});
      return out;
    }
    for (const auto& source : config.devices.cameras) {
      out.push_back(ProbeOne(source));
    }
    return out;
  }

 private:
  static diag::Check ProbeOne(const std::string& source) {
    using diag::Status;
    try {
      cv::VideoCapture capture;
      bool is_index = !source.empty() && source.find_first_not_of("0123456789") == std::string::npos;
      bool opened = is_index ? capture.open(std::stoi(source)) : capture.open(source);
      if (!opened) {
        return {"camera", source, Status::kMissing, N_("Camera not found or cannot be opened."), {}};
      }
      cv::Mat frame;
      if (!capture.read(frame) || frame.empty()) {
        return {"camera", source, Status::kError, N_("The camera opened but gave no picture."), {}};
      }
      return {"camera", source, Status::kOk, N_("Camera gives {0}×{1} pictures."),
              {std::to_string(frame.cols), std::to_string(frame.rows)}};
    } catch (const cv::Exception& e) {
      return {"camera", source, Status::kError, N_("Camera error: {0}."), {e.msg}};
    }
  }
};

}  // namespace

std::unique_ptr<diag::Probe> MakeCameraProbe() { return std::make_unique<CameraProbe>(); }

}  // namespace kiosk::drivers
