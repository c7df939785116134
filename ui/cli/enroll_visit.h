#pragma once
// `kiosk-cli enroll --from DIR`: one enrollment session (enrollment::Visit, the same one the
// wizard presents) driven from files. DIR/enrollment.json describes the citizen's visit:
//   {
//     "officer": "demo",
//     "card": {"qr_text": "…"} | {"qr_image": "card.png"} |
//             {"typed": {"id": "…", "dob": "…", "expiry": "…", "name": "…", "gender": "Nam"}},
//             (a QR and "typed" may both be given; the typed expiry then opens the chip)
//     "chip_exception": "no reader at this desk",          (the chip is not read headless)
//     "chip": {"wait": 15, "can": "123456"},  instead: read the card on the reader with the
//                                    visit's access key (the CAN when given; else the MRZ key,
//                                    its expiry typed or worked out from the QR's dates)
//     "portrait": "portrait.png",
//     "fingers": {"right_index": "ri.png", "left_index": {"exception": "bandaged", "note": "…"}},
//     "papers": [{"type": "gplx", "image": "gplx.png", "original_sighted": true},
//                {"type": "bhyt", "scan": {"device": "pnm:0", "file": "bhyt.ppm"}}],  (scanner)
//     "phone": "0912345678", "email": "", "consent": true
//   }
// The fingers listed are the required ones. Every rule (access key, what a chip read keeps,
// portrait crop, finger slots and duplicates, paper fields, sealed layout, review flags) is the
// Visit's: this file only reads the manifest and feeds the devices' results in. The station-side
// devices (PC/SC, SANE) are given by kiosk-cli (cmd_enroll*.cpp); tests give fakes.

#include <filesystem>
#include <functional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>
#include <opencv2/core.hpp>

#include "kiosk/audit/station_events.h"
#include "kiosk/biometrics/face/face_matcher.h"
#include "kiosk/biometrics/finger/finger_matcher.h"
#include "kiosk/enrollment/visit.h"
#include "kiosk/station/chip_source.h"

namespace kiosk::cli::enroll {

// What the run did at the desk, audited once it ends (storecli::AuditStationEvents).
using Events = std::vector<audit::StationEvent>;

struct Devices {
  station::ChipSource* chip = nullptr;  // for "chip"; refused when the manifest asks and none
  // One page from a scanner ("scan" papers): device name, and a file for SANE's pnm backend.
  std::function<Result<cv::Mat>(const std::string& device, const std::filesystem::path& file)> scan;
  biometrics::face::FaceMatcher* face_matcher = nullptr;      // none: "not compared" (flagged)
  biometrics::finger::FingerMatcher* finger_matcher = nullptr;  // the duplicate-finger check
};

struct Manifest {
  nlohmann::json json;
  std::filesystem::path dir;
};
// kIo when DIR/enrollment.json cannot be read, kParse when it is not a JSON object.
Result<Manifest> LoadManifest(const std::filesystem::path& dir);

// The visit's policy for this manifest: the fingers it lists are the required ones.
enrollment::Policy PolicyOf(const Manifest& manifest);
std::string OfficerOf(const Manifest& manifest);

// Takes `visit` (just started) through every step up to "review and seal"; the first refusal
// stops it (the draft is kept). A wrong shape in the manifest is kParse.
Result<void> DriveVisit(enrollment::Visit& visit, const Manifest& manifest, const Devices& devices,
                        Events& events);

}  // namespace kiosk::cli::enroll
