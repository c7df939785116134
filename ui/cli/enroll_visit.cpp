#include "ui/cli/enroll_visit.h"

#include <fstream>
#include <sstream>

#include <opencv2/imgcodecs.hpp>

#include "kiosk/biometrics/face/face_checks.h"
#include "kiosk/core/i18n.h"
#include "kiosk/documents/barcode.h"
#include "kiosk/documents/paper_reader.h"

namespace kiosk::cli::enroll {

namespace {

namespace fs = std::filesystem;
using nlohmann::json;

#define KIOSK_TRY(expr)                                 \
  do {                                                  \
    if (auto _r = (expr); !_r) return Fail(_r.error()); \
  } while (0)

Result<std::string> ReadText(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return Fail(Error::Io(N_("The image file cannot be read."), path.string()));
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

Result<cv::Mat> LoadImage(const fs::path& path, int flags) {
  cv::Mat image = fs::is_regular_file(path) ? cv::imread(path.string(), flags) : cv::Mat();
  if (image.empty()) return Fail(Error::Io(N_("The image file cannot be read."), path.string()));
  return image;
}

Result<void> IdentifyCard(enrollment::Visit& visit, const json& card, const fs::path& dir) {
  const bool qr = card.contains("qr_text") || card.contains("qr_image");
  if (card.contains("qr_text")) {
    KIOSK_TRY(visit.SetQrPayload(card.at("qr_text").get<std::string>()));
  } else if (card.contains("qr_image")) {
    auto image = LoadImage(dir / card.at("qr_image").get<std::string>(), cv::IMREAD_GRAYSCALE);
    if (!image) return Fail(image.error());
    auto text = documents::DecodeQrText(*image);
    if (!text) return Fail(text.error());
    KIOSK_TRY(visit.SetQrPayload(*text));
  }
  if (card.contains("typed") || !qr) {
    const json& t = card.at("typed");
    KIOSK_TRY(visit.SetTypedIdentity({t.value("id", ""), t.value("dob", ""), t.value("expiry", ""),
                                      t.value("name", ""), t.value("gender", "")}));
  }
  return {};
}

Result<void> ReadChip(enrollment::Visit& visit, const json& chip, const Devices& devices,
                      Events& events) {
  if (devices.chip == nullptr) {
    return Fail(Error(ErrorCode::kDeviceNotFound, N_("No card reader is configured on this station.")));
  }
  auto key = visit.AccessKey(chip.value("can", ""));
  if (!key) return Fail(key.error());
  auto read = key->can.empty() ? devices.chip->Read(key->mrz, {}, {})
                               : devices.chip->ReadWithCan(key->can, {}, {});
  if (!read) {
    events.push_back(audit::ChipRead(audit::ChipVerdict::kFailed, read.error().message_key()));
    return Fail(enrollment::ExplainRefusedKey(read.error(), *key));
  }
  auto accepted = visit.AcceptChipRead(*read);
  if (!accepted) return Fail(accepted.error());
  events.push_back(audit::ChipRead(accepted->verdict, accepted->reason_key));
  return {};
}

Result<void> Portrait(enrollment::Visit& visit, const fs::path& path, const Devices& devices,
                      Events& events) {
  auto frame = LoadImage(path, cv::IMREAD_COLOR);
  if (!frame) return Fail(frame.error());
  auto checker = biometrics::face::FaceChecker::LoadDefault();
  if (!checker) return Fail(checker.error());
  auto report = checker->Analyze(*frame);
  if (!report) return Fail(report.error());
  auto capture = enrollment::MakePortraitCapture(*frame, *report, checker->options());
  if (!capture) return Fail(capture.error());
  auto compared = visit.SetPortrait(*capture, devices.face_matcher);
  if (!compared) return Fail(compared.error());
  KIOSK_TRY(visit.ConfirmPortrait());
  events.push_back(audit::PortraitCaptured(static_cast<int>(capture->quality * 100 + 0.5)));
  return {};
}

Result<void> Fingers(enrollment::Visit& visit, const json& fingers, const fs::path& dir,
                     const Devices& devices, Events& events) {
  for (const auto& [name, item] : fingers.items()) {
    auto finger = enrollment::ParseFinger(name);
    if (!finger) return Fail(Error::InvalidArgument(N_("Unknown finger name."), name));
    if (item.is_object()) {
      auto exception = enrollment::ParseFingerException(item.value("exception", ""));
      if (!exception) return Fail(Error::InvalidArgument(N_("Unknown finger exception."), name));
      KIOSK_TRY(visit.RecordFingerException(*finger, *exception, item.value("note", "")));
      events.push_back(audit::FingerprintException(name, enrollment::ToString(*exception)));
      continue;
    }
    auto image = LoadImage(dir / item.get<std::string>(), cv::IMREAD_GRAYSCALE);
    if (!image) return Fail(image.error());
    auto check = enrollment::CheckFingerPrint(*image, biometrics::finger::FingerQualityOptions{}.ppi,
                                              visit.policy().minimum_finger_quality,
                                              devices.finger_matcher, visit.KeptFingerTemplates());
    if (!check) return Fail(check.error());
    auto outcome = visit.RecordFingerAttempt(*finger, std::move(*check));
    if (!outcome) return Fail(outcome.error());
    if (outcome->duplicate_of) {
      return Fail(Error(ErrorCode::kPolicyViolation,
                        N_("This print is the same finger as another one already captured."), name));
    }
    if (!outcome->kept) {
      return Fail(Error(ErrorCode::kPolicyViolation,
                        N_("The print's quality is too low ({0}): clean the sensor and the finger, "
                           "and capture it again."),
                        name)
                      .WithArg(std::to_string(outcome->score)));
    }
    events.push_back(audit::FingerprintCaptured(name, outcome->score));
  }
  return {};
}

Result<void> Papers(enrollment::Visit& visit, const json& papers, const fs::path& dir,
                    const Devices& devices, Events& events) {
  if (papers.empty()) return {};
  auto reader = documents::PaperReader::Create();
  if (!reader) return Fail(reader.error());
  for (const auto& paper : papers) {
    auto type = documents::ParsePaperType(paper.value("type", ""));
    if (!type) return Fail(Error::InvalidArgument(N_("Unknown paper type.")));
    const std::string type_name(documents::ToString(*type));
    cv::Mat image;
    if (paper.contains("scan")) {
      if (!devices.scan) {
        return Fail(Error(ErrorCode::kDeviceNotFound,
                          N_("No document scanner is configured on this station. Import an image "
                             "file of the paper, or type its fields.")));
      }
      const json& scan = paper.at("scan");
      const std::string file = scan.value("file", "");
      auto scanned = devices.scan(scan.value("device", "pnm:0"), file.empty() ? fs::path() : dir / file);
      if (!scanned) return Fail(scanned.error());
      image = std::move(*scanned);
    } else {
      auto loaded = LoadImage(dir / paper.at("image").get<std::string>(), cv::IMREAD_COLOR);
      if (!loaded) return Fail(loaded.error());
      image = std::move(*loaded);
    }
    auto reading = (*reader)->Read(*type, image);
    if (!reading) {
      events.push_back(audit::PaperScanned(type_name, false, reading.error().message_key()));
      return Fail(reading.error());
    }
    // The fields as read, with their sources and confidences; the visit validates them (an
    // invalid or missing field is refused there) and keeps the page.
    auto index = visit.AddPaper(*type, enrollment::PaperEntryFromReading(*reading), image,
                                paper.value("original_sighted", false));
    events.push_back(audit::PaperScanned(type_name, index.has_value(),
                                         index ? "" : index.error().message_key()));
    if (!index) return Fail(index.error());
  }
  return {};
}

}  // namespace

Result<Manifest> LoadManifest(const fs::path& dir) {
  auto text = ReadText(dir / "enrollment.json");
  if (!text) return Fail(Error::Io(N_("The enrollment description cannot be read."), "enrollment.json"));
  json manifest = json::parse(*text, nullptr, false);
  if (manifest.is_discarded() || !manifest.is_object()) {
    return Fail(Error::Parse(N_("The enrollment description is not valid JSON."), "enrollment.json"));
  }
  return Manifest{std::move(manifest), dir};
}

enrollment::Policy PolicyOf(const Manifest& manifest) {
  enrollment::Policy policy;
  policy.required_fingers.clear();
  const json fingers = manifest.json.value("fingers", json::object());  // items() borrows it
  if (!fingers.is_object()) return policy;
  for (const auto& [name, item] : fingers.items()) {
    if (auto finger = enrollment::ParseFinger(name)) policy.required_fingers.push_back(*finger);
  }
  return policy;
}

std::string OfficerOf(const Manifest& manifest) {
  const json officer = manifest.json.value("officer", json("headless"));
  return officer.is_string() ? officer.get<std::string>() : "headless";
}

Result<void> DriveVisit(enrollment::Visit& visit, const Manifest& manifest, const Devices& devices,
                        Events& events) {
  const json& m = manifest.json;
  const fs::path& dir = manifest.dir;
  // nlohmann throws on a wrong shape; the manifest is outside data, so stop it here.
  try {
    KIOSK_TRY(IdentifyCard(visit, m.at("card"), dir));
    KIOSK_TRY(visit.Next());
    if (m.contains("chip")) {
      KIOSK_TRY(ReadChip(visit, m.at("chip"), devices, events));
    } else {
      KIOSK_TRY(visit.RecordChipException(m.value("chip_exception", "headless enrollment: chip not read")));
      // The officer's note may be anything: the audit gets a fixed key instead.
      events.push_back(audit::ChipException("Chip not read: headless enrollment"));
    }
    KIOSK_TRY(visit.Next());
    KIOSK_TRY(Portrait(visit, dir / m.at("portrait").get<std::string>(), devices, events));
    KIOSK_TRY(visit.Next());
    KIOSK_TRY(Fingers(visit, m.value("fingers", json::object()), dir, devices, events));
    KIOSK_TRY(visit.Next());
    KIOSK_TRY(Papers(visit, m.value("papers", json::array()), dir, devices, events));
    KIOSK_TRY(visit.Next());
    KIOSK_TRY(visit.SetContact(m.value("phone", ""), m.value("email", "")));
    KIOSK_TRY(visit.SetConsent(m.value("consent", false)));
    KIOSK_TRY(visit.Next());
  } catch (const json::exception& e) {
    return Fail(Error::Parse(N_("The enrollment description is not valid JSON."), e.what()));
  }
  return {};
}

}  // namespace kiosk::cli::enroll
