#include <chrono>

#include "drivers/camera/opencv_camera.h"
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
  // Through OpenCvCamera, so the probe opens a source exactly as the portrait step will (same
  // backends, image sequences and pipelines included) instead of a second, different way.
  static diag::Check ProbeOne(const std::string& spec) {
    using diag::Status;
    CameraSource source;
    source.spec = spec;
    source.paced = false;
    OpenCvCamera camera(source);
    if (auto opened = camera.Open(); !opened) {
      const ErrorCode code = opened.error().code();
      if (code == ErrorCode::kDeviceNotFound || code == ErrorCode::kNotFound) {
        return {"camera", spec, Status::kMissing, N_("Camera not found or cannot be opened."), {}};
      }
      return {"camera", spec, Status::kError, N_("Camera error: {0}."),
              {i18n::tr(opened.error().message_key())}};
    }
    auto frame = camera.NextFrame(0, std::chrono::seconds(3));
    camera.Close();
    if (!frame || frame->image.empty()) {
      return {"camera", spec, Status::kError, N_("The camera opened but gave no picture."), {}};
    }
    return {"camera", spec, Status::kOk, N_("Camera gives {0}×{1} pictures."),
            {std::to_string(frame->image.cols), std::to_string(frame->image.rows)}};
  }
};

}  // namespace

std::unique_ptr<diag::Probe> MakeCameraProbe() { return std::make_unique<CameraProbe>(); }

}  // namespace kiosk::drivers
