#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <mutex>

#include <opencv2/imgcodecs.hpp>
#include <spdlog/spdlog.h>

#include "drivers/station/station_devices.h"
#include "kiosk/core/i18n.h"
#include "kiosk/core/paths.h"

#if defined(KIOSK_WITH_SANE)
#include "drivers/scanner/sane_scanner.h"
#endif

namespace kiosk::drivers {

namespace {

namespace fs = std::filesystem;

// Demo papers (synthetic holders) shipped in resources/demo/papers/<type>.png, in this order.
constexpr const char* kDemoPapers[] = {"gplx", "bhyt", "vehicle", "mst"};

// make demo's scanner: a bed that holds the demo paper of the type the officer chose (else the
// next one in turn). With SANE it really scans, through SANE's pnm backend ("scans" a PNM file)
// configured by a SANE_CONFIG_DIR of its own, so the demo crosses the same libsane code as a
// real scanner; without SANE (or when the pnm backend is missing) it hands the image over
// in-process.
class DemoPaperScanner final : public documents::DocumentScanner {
 public:
  DemoPaperScanner(fs::path papers, fs::path work) : papers_(std::move(papers)), work_(std::move(work)) {
#if defined(KIOSK_WITH_SANE)
    std::error_code ec;
    fs::create_directories(work_, ec);
    std::ofstream(work_ / "dll.conf") << "pnm\n";
    // Read by sane_init: set once here, by the composition root, before any scan thread runs.
    ::setenv("SANE_CONFIG_DIR", work_.c_str(), /*overwrite=*/1);
    sane_ = MakeSaneScanner();
#endif
  }

  Result<std::vector<documents::ScannerInfo>> ListDevices() override {
    return std::vector<documents::ScannerInfo>{{"pnm:0", "Demo", "Demo paper tray", "virtual device"}};
  }

  Result<cv::Mat> Scan(const std::string&, const documents::ScanSettings& settings) override {
    std::lock_guard lock(mutex_);
    std::string name = settings.expected_paper;
    if (std::find(std::begin(kDemoPapers), std::end(kDemoPapers), name) == std::end(kDemoPapers)) {
      name = kDemoPapers[next_++ % std::size(kDemoPapers)];
    }
    const fs::path source = papers_ / (name + ".png");
    cv::Mat image = cv::imread(source.string(), cv::IMREAD_COLOR);
    if (image.empty()) {
      return Fail(Error(ErrorCode::kDeviceNotFound,
                        N_("The demo papers are missing (resources/demo/papers)."), source.string()));
    }
#if defined(KIOSK_WITH_SANE)
    const fs::path pnm = work_ / (name + ".ppm");
    std::error_code ec;
    if (!fs::exists(pnm, ec) && !cv::imwrite(pnm.string(), image)) {
      return Fail(Error::Io(N_("The demo scanner cannot prepare its paper."), pnm.string()));
    }
    documents::ScanSettings sane_settings = settings;
    sane_settings.backend_options["filename"] = pnm.string();
    auto scanned = sane_->Scan("pnm:0", sane_settings);
    if (scanned) return scanned;
    spdlog::warn("demo scanner: SANE pnm backend unavailable ({}), reading in-process",
                 scanned.error().ToLogString());
#endif
    if (settings.mode == documents::ScanMode::kGrey) {
      return cv::imread(source.string(), cv::IMREAD_GRAYSCALE);
    }
    return image;
  }

 private:
  fs::path papers_;
  fs::path work_;
  std::mutex mutex_;
  size_t next_ = 0;
#if defined(KIOSK_WITH_SANE)
  std::unique_ptr<documents::DocumentScanner> sane_;
#endif
};

}  // namespace

std::unique_ptr<documents::DocumentScanner> MakeStationScanner([[maybe_unused]] const Config& config) {
  // KIOSK_DEMO_PKI is set by make demo (and the UI tests): the simulated devices.
  if (paths::GetEnv("KIOSK_DEMO_PKI")) {
    return std::make_unique<DemoPaperScanner>(paths::ResourceDir() / "demo" / "papers",
                                              config.data_dir / "demo-scanner");
  }
#if defined(KIOSK_WITH_SANE)
  return MakeSaneScanner();
#else
  return nullptr;
#endif
}

}  // namespace kiosk::drivers
