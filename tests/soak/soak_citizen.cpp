// One invented citizen's visit for the end-to-end soak (tests/soak/e2e_soak.sh):
//   soak_citizen OUT_DIR INDEX PAPER_PNG PAPER_TYPE
// writes into OUT_DIR
//   citizen.json     the chip emulator's citizen (kiosk-cli card sim --citizen)
//   portrait.png     a drawn, invented face (the demo camera's steady frame)
//   finger.*.png     two drawn fingerprints of this citizen
//   paper.ppm        the paper as PNM, for SANE's pnm backend
//   enrollment.json  the visit for `kiosk-cli enroll --from OUT_DIR --store`: typed card data,
//                    chip read through PC/SC, portrait and prints from the files, paper scanned
// and prints the citizen's ID number. Every person here is invented; INDEX makes each different.
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <string>

#include <nlohmann/json.hpp>
#include <opencv2/imgcodecs.hpp>

#include "drivers/sim/camera/synthetic_camera.h"
#include "drivers/sim/finger/synthetic_finger.h"
#include "drivers/sim/lds/citizen.h"
#include "kiosk/identity/cccd_id.h"

namespace {

namespace fs = std::filesystem;
using nlohmann::json;

// Family names, middle names and "specimen"-like given names: obviously made-up people.
constexpr const char* kFamily[] = {"NGUYỄN", "TRẦN", "LÊ", "PHẠM", "HOÀNG", "VŨ", "ĐẶNG", "BÙI"};
constexpr const char* kMiddleMale[] = {"VĂN", "HỮU", "ĐỨC", "MINH"};
constexpr const char* kMiddleFemale[] = {"THỊ", "NGỌC", "THU", "MỸ"};
constexpr const char* kGiven[] = {"MẪU", "THỬ", "NGHIỆM", "GIẢ ĐỊNH", "VÍ DỤ", "KIỂM TRA", "MÔ PHỎNG"};

template <size_t N>
const char* Pick(const char* const (&list)[N], unsigned long n) {
  return list[n % N];
}

int Fail(const std::string& message) {
  std::fprintf(stderr, "soak_citizen: %s\n", message.c_str());
  return 1;
}

}  // namespace

int main(int argc, char** argv) {
  if (argc != 5) {
    std::fprintf(stderr, "usage: %s OUT_DIR INDEX PAPER_PNG PAPER_TYPE\n", argv[0]);
    return 2;
  }
  const fs::path out = argv[1];
  const unsigned long index = std::strtoul(argv[2], nullptr, 10);
  fs::create_directories(out);

  const bool female = index % 2 == 1;
  const int year = 1970 + static_cast<int>(index % 30);
  const int month = 1 + static_cast<int>(index % 12);
  const int day = 1 + static_cast<int>((index * 7) % 28);
  char dob[11];
  std::snprintf(dob, sizeof dob, "%04d-%02d-%02d", year, month, day);
  // 001 (Hà Nội), century/gender digit (1900s: 0 male, 1 female), two-digit year, 6 digits.
  char id[13];
  std::snprintf(id, sizeof id, "001%d%02d%06lu", female ? 1 : 0, year % 100, 100000 + index % 900000);
  const std::string issue = "2021-04-10";
  auto birth = kiosk::identity::ParseDate(dob);
  auto issued = kiosk::identity::ParseDate(issue);
  if (!birth || !issued) return Fail("bad dates");
  auto expiry = kiosk::identity::CccdExpiry(*birth, *issued);
  if (!expiry) return Fail("no expiry for this date of birth");

  kiosk::sim::Citizen citizen;
  citizen.id_number = id;
  citizen.full_name = std::string(Pick(kFamily, index)) + " " +
                      Pick(female ? kMiddleFemale : kMiddleMale, index / 8) + " " +
                      Pick(kGiven, index / 3);
  citizen.date_of_birth = dob;
  citizen.gender = female ? "F" : "M";
  citizen.hometown = "Xã Mẫu, Huyện Thử, Hà Nội";
  citizen.permanent_address = "Số " + std::to_string(1 + index % 200) + " Phố Mẫu, Hà Nội";
  citizen.issue_date = issue;
  citizen.expiry_date = expiry->ToIso();
  citizen.father = "NGUYỄN VĂN CHA MẪU";
  citizen.mother = "TRẦN THỊ MẸ MẪU";
  if (auto valid = kiosk::sim::ValidateCitizen(citizen); !valid) {
    return Fail("invented citizen is invalid: " + valid.error().ToLogString());
  }
  std::ofstream(out / "citizen.json") << kiosk::sim::ToJson(citizen).dump(2) << "\n";

  kiosk::sim::SyntheticCameraOptions camera;
  camera.approach_frames = 0;
  if (!cv::imwrite((out / "portrait.png").string(), kiosk::sim::RenderSyntheticFaceFrame(camera, 5))) {
    return Fail("cannot write portrait.png");
  }
  json fingers = json::object();
  for (const char* finger : {"right_index", "left_index"}) {
    const std::uint64_t seed = index * 10 + (finger[0] == 'r' ? 1 : 2);
    const std::string name = std::string("finger.") + finger + ".png";
    const cv::Mat print = kiosk::sim::DrawFingerImpression(seed, kiosk::sim::VariedImpression(seed, 0));
    if (!cv::imwrite((out / name).string(), print)) return Fail("cannot write " + name);
    fingers[finger] = name;
  }
  const cv::Mat paper = cv::imread(argv[3], cv::IMREAD_COLOR);
  if (paper.empty() || !cv::imwrite((out / "paper.ppm").string(), paper)) {
    return Fail(std::string("cannot convert the paper ") + argv[3]);
  }

  const json manifest = {
      {"officer", "officer1"},
      {"card",
       {{"typed",
         {{"id", citizen.id_number},
          {"dob", citizen.date_of_birth},
          {"expiry", citizen.expiry_date},
          {"name", citizen.full_name},
          {"gender", female ? "Nữ" : "Nam"}}}}},
      {"chip", {{"wait", 10}}},
      {"portrait", "portrait.png"},
      {"fingers", fingers},
      {"papers", json::array({{{"type", argv[4]},
                               {"scan", {{"device", "pnm:0"}, {"file", "paper.ppm"}}},
                               {"original_sighted", true}}})},
      {"phone", "09" + std::to_string(10000000 + index % 90000000)},
      {"consent", true}};
  std::ofstream(out / "enrollment.json") << manifest.dump(2) << "\n";
  std::printf("%s\n", citizen.id_number.c_str());
  return 0;
}
