// kiosk-paper-gen: writes synthetic papers with their ground truth, for demos, benchmarks and
// SANE pnm scans. Usage: kiosk-paper-gen OUT_DIR [COUNT] [DPI] [DEGRADATION 0..1]
// Files: <type>_<n>.png and <type>_<n>.json ({"type", "dpi", "degradation", "truth", "qr"}).
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>

#include <nlohmann/json.hpp>
#include <opencv2/imgcodecs.hpp>

#include "tests/papers/paper_render.h"

int main(int argc, char** argv) {
  using kiosk::documents::PaperType;
  if (argc < 2) {
    std::fprintf(stderr, "usage: %s OUT_DIR [COUNT] [DPI] [DEGRADATION]\n", argv[0]);
    return 2;
  }
  const std::filesystem::path out = argv[1];
  const int count = argc > 2 ? std::atoi(argv[2]) : 5;
  const int dpi = argc > 3 ? std::atoi(argv[3]) : 300;
  const double degradation = argc > 4 ? std::atof(argv[4]) : 0.0;
  std::filesystem::create_directories(out);
  for (PaperType type : {PaperType::kDrivingLicence, PaperType::kHealthInsurance,
                         PaperType::kVehicleRegistration, PaperType::kTaxCode}) {
    for (int n = 0; n < count; ++n) {
      auto paper = kiosk::papers::MakeSyntheticPaper(type, static_cast<std::uint32_t>(n));
      cv::Mat image = kiosk::papers::RenderPaper(paper, dpi);
      if (degradation > 0) image = kiosk::papers::Degrade(image, degradation, static_cast<std::uint32_t>(n));
      const std::string stem = std::string(kiosk::documents::ToString(type)) + "_" + std::to_string(n);
      if (!cv::imwrite((out / (stem + ".png")).string(), image)) {
        std::fprintf(stderr, "cannot write %s\n", (out / (stem + ".png")).c_str());
        return 1;
      }
      nlohmann::json truth = {{"type", kiosk::documents::ToString(type)}, {"dpi", dpi},
                              {"degradation", degradation}, {"truth", paper.truth},
                              {"qr", paper.qr_payload}};
      std::ofstream(out / (stem + ".json")) << truth.dump(2) << "\n";
    }
  }
  std::printf("%d papers written to %s\n", 4 * count, out.c_str());
  return 0;
}
