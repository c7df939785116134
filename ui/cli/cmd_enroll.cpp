// kiosk-cli enroll --from DIR [--drafts DIR] [--out FILE] [--json]
// A headless enrollment from files, through the same workflow core as the wizard (for tests and
// demos). DIR/enrollment.json describes the citizen's visit:
//   {
//     "officer": "demo",
//     "card": {"qr_text": "…"} | {"qr_image": "card.png"} |
//             {"typed": {"id": "…", "dob": "…", "expiry": "…", "name": "…", "gender": "Nam"}},
//     "chip_exception": "no reader at this desk",          (the chip is not read headless)
//     "chip": {"wait": 15},          instead: read the card on the PC/SC reader with the access
//                                    key of the identified card, verified against <data>/trust
//     "portrait": "portrait.png",
//     "fingers": {"right_index": "ri.png", "left_index": {"exception": "bandaged", "note": "…"}},
//     "papers": [{"type": "gplx", "image": "gplx.png", "original_sighted": true},
//                {"type": "bhyt", "scan": {"device": "pnm:0", "file": "bhyt.ppm"}}],  (SANE)
//     "phone": "0912345678", "email": "", "consent": true
//   }
// The fingers listed are the required ones. Prints the record's SHA-256 when sealed; exit 1 with
// the first refusal (what is missing, which field is invalid) otherwise, the draft kept.
// With --store --user OFFICER (password in KIOSK_PASSWORD or --password-stdin) the sealed record
// is also written into the station's encrypted store, as the wizard does, and its number printed.
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <sstream>

#include <nlohmann/json.hpp>
#include <opencv2/imgcodecs.hpp>
#include <opencv2/imgproc.hpp>

#include "kiosk/biometrics/face/face_checks.h"
#include "kiosk/biometrics/finger/finger_quality.h"
#include "kiosk/core/clock.h"
#include "kiosk/core/i18n.h"
#include "kiosk/documents/barcode.h"
#include "kiosk/documents/paper_reader.h"
#include "kiosk/enrollment/canonical.h"
#include "kiosk/enrollment/workflow.h"
#include "ui/cli/cmd_store_common.h"
#include "ui/cli/commands.h"
#include "ui/cli/enroll_station.h"

namespace kiosk::cli {

namespace {

namespace fs = std::filesystem;
using nlohmann::json;

struct Options {
  std::string from;
  std::string drafts;
  std::string out;
  bool json = false;
  bool store = false;  // seal into the station's store as well
  enrollstation::StoreSeal officer;
};

struct Outcome {
  enrollment::SealedRecord sealed;
  std::string record_number;  // with --store
};

Result<std::string> ReadFile(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return Fail(Error::Io(N_("The image file cannot be read."), path.string()));
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

Result<enrollment::ImageRef> Reference(const fs::path& path) {
  auto bytes = ReadFile(path);
  if (!bytes) return Fail(bytes.error());
  auto hash = enrollment::Sha256Hex(*bytes);
  if (!hash) return Fail(hash.error());
  return enrollment::ImageRef{"file:" + path.filename().string(), *hash};
}

Result<cv::Mat> LoadImage(const fs::path& path, int flags) {
  cv::Mat image = fs::is_regular_file(path) ? cv::imread(path.string(), flags) : cv::Mat();
  if (image.empty()) return Fail(Error::Io(N_("The image file cannot be read."), path.string()));
  return image;
}

#define KIOSK_TRY(expr)                          \
  do {                                           \
    if (auto _r = (expr); !_r) return Fail(_r.error()); \
  } while (0)

Result<void> IdentifyCard(enrollment::Workflow& w, const json& card, const fs::path& dir) {
  if (card.contains("qr_text")) return w.SetQrPayload(card.at("qr_text").get<std::string>());
  if (card.contains("qr_image")) {
    auto image = LoadImage(dir / card.at("qr_image").get<std::string>(), cv::IMREAD_GRAYSCALE);
    if (!image) return Fail(image.error());
    auto text = documents::DecodeQrText(*image);
    if (!text) return Fail(text.error());
    return w.SetQrPayload(*text);
  }
  const json& t = card.at("typed");
  return w.SetTypedIdentity({t.value("id", ""), t.value("dob", ""), t.value("expiry", ""),
                             t.value("name", ""), t.value("gender", "")});
}

// What the headless run did at the desk, audited once it ends (see AuditStationEvent).
using Events = std::vector<audit::StationEvent>;

Result<void> Portrait(enrollment::Workflow& w, const fs::path& path, Events& events) {
  auto frame = LoadImage(path, cv::IMREAD_COLOR);
  if (!frame) return Fail(frame.error());
  auto checker = biometrics::face::FaceChecker::LoadDefault();
  if (!checker) return Fail(checker.error());
  auto report = checker->Analyze(*frame);
  if (!report) return Fail(report.error());
  if (!report->Acceptable()) {
    for (const auto& check : report->checks) {
      if (!check.pass) {
        return Fail(Error(ErrorCode::kPolicyViolation, check.message_key, "portrait " + check.name));
      }
    }
    return Fail(Error(ErrorCode::kPolicyViolation, N_("Take the portrait."), "no single face"));
  }
  int passed = 0;
  for (const auto& check : report->checks) passed += check.pass ? 1 : 0;
  auto ref = Reference(path);
  if (!ref) return Fail(ref.error());
  const double quality = report->checks.empty() ? 1.0 : double(passed) / double(report->checks.size());
  KIOSK_TRY(w.SetPortrait(*ref, quality, std::nullopt));
  KIOSK_TRY(w.ConfirmPortrait());
  events.push_back(audit::PortraitCaptured(static_cast<int>(quality * 100 + 0.5)));
  return {};
}

Result<void> Fingers(enrollment::Workflow& w, const json& fingers, const fs::path& dir,
                     Events& events) {
  for (const auto& [name, item] : fingers.items()) {
    auto finger = enrollment::ParseFinger(name);
    if (!finger) return Fail(Error::InvalidArgument(N_("Unknown finger name."), name));
    if (item.is_object()) {
      auto exception = enrollment::ParseFingerException(item.value("exception", ""));
      if (!exception) return Fail(Error::InvalidArgument(N_("Unknown finger exception."), name));
      KIOSK_TRY(w.RecordFingerException(*finger, *exception, item.value("note", "")));
      events.push_back(audit::FingerprintException(name, enrollment::ToString(*exception)));
      continue;
    }
    const fs::path path = dir / item.get<std::string>();
    auto image = LoadImage(path, cv::IMREAD_GRAYSCALE);
    if (!image) return Fail(image.error());
    const auto quality = biometrics::finger::ScoreFingerprint(*image);
    auto ref = Reference(path);
    if (!ref) return Fail(ref.error());
    KIOSK_TRY(w.SetFingerprint(*finger, *ref, quality.score));
    events.push_back(audit::FingerprintCaptured(name, quality.score));
  }
  return {};
}

Result<void> Papers(enrollment::Workflow& w, const json& papers, const fs::path& dir,
                    Events& events) {
  if (papers.empty()) return {};
  auto reader = documents::PaperReader::Create();
  if (!reader) return Fail(reader.error());
  int scans = 0;
  for (const auto& paper : papers) {
    auto type = documents::ParsePaperType(paper.value("type", ""));
    if (!type) return Fail(Error::InvalidArgument(N_("Unknown paper type.")));
    const std::string type_name(documents::ToString(*type));
    fs::path path;
    if (paper.contains("scan")) {
      // Scanned now, kept beside the manifest (lossless) so the record's hash names its bytes.
      const json& scan = paper.at("scan");
      const std::string file = scan.value("file", "");
      auto scanned = enrollstation::ScanPaper(scan.value("device", "pnm:0"),
                                              file.empty() ? fs::path() : dir / file);
      if (!scanned) return Fail(scanned.error());
      path = dir / ("scan." + std::to_string(scans++) + "." + type_name + ".png");
      if (!cv::imwrite(path.string(), *scanned)) {
        return Fail(Error::Io(N_("The image file cannot be written."), path.string()));
      }
    } else {
      path = dir / paper.at("image").get<std::string>();
    }
    auto image = LoadImage(path, cv::IMREAD_COLOR);
    if (!image) return Fail(image.error());
    auto reading = (*reader)->Read(*type, *image);
    if (!reading) {
      events.push_back(audit::PaperScanned(type_name, false, reading.error().message_key()));
      return Fail(reading.error());
    }
    for (const auto& field : reading->fields) {
      if (!field.valid) {
        events.push_back(audit::PaperScanned(type_name, false, field.problem));
        return Fail(Error(ErrorCode::kInvalidArgument, field.problem, field.name));
      }
    }
    if (!reading->missing.empty()) {
      events.push_back(audit::PaperScanned(type_name, false, "The field {0} is required."));
      return Fail(Error::InvalidArgument(N_("The field {0} is required."))
                      .WithArg(reading->missing.front()));
    }
    events.push_back(audit::PaperScanned(type_name, true));
    auto ref = Reference(path);
    if (!ref) return Fail(ref.error());
    auto index = w.AddPaper(*type, reading->ValidFields(), {*ref});
    if (!index) return Fail(index.error());
    KIOSK_TRY(w.ConfirmPaper(*index, paper.value("original_sighted", false)));
  }
  return {};
}

Result<Outcome> Enroll(const Context& context, const Options& o, Events& events) {
  const fs::path dir = o.from;
  auto text = ReadFile(dir / "enrollment.json");
  if (!text) return Fail(Error::Io(N_("The enrollment description cannot be read."), "enrollment.json"));
  json m = json::parse(*text, nullptr, false);
  if (m.is_discarded() || !m.is_object()) {
    return Fail(Error::Parse(N_("The enrollment description is not valid JSON."), "enrollment.json"));
  }
  if (o.store) KIOSK_TRY(enrollstation::CheckMayEnroll(context, o.officer));
  enrollment::Policy policy;
  policy.required_fingers.clear();
  const json fingers = m.value("fingers", json::object());  // items() must not outlive it
  for (const auto& [name, item] : fingers.items()) {
    (void)item;
    if (auto finger = enrollment::ParseFinger(name)) policy.required_fingers.push_back(*finger);
  }
  // Declared before the workflow, which keeps a reference to it.
  enrollment::FileDraftStore store(o.drafts.empty() ? dir / ".drafts" : fs::path(o.drafts));
  auto started = enrollment::Workflow::Start(store, SystemClock::Instance(),
                                             m.value("officer", "headless"), policy);
  if (!started) return Fail(started.error());
  enrollment::Workflow& w = *started;
  enrollstation::ChipEvidence chip;
  // nlohmann throws on a wrong shape; the manifest is outside data, so stop it here.
  try {
    KIOSK_TRY(IdentifyCard(w, m.at("card"), dir));
    KIOSK_TRY(w.Next());
    if (m.contains("chip")) {
      auto read = enrollstation::ReadChip(w, context.ConfigOrDefaults(),
                                          m.at("chip").value("wait", 15), events);
      if (!read) return Fail(read.error());
      chip = std::move(*read);
    } else {
      KIOSK_TRY(w.RecordChipException(m.value("chip_exception", "headless enrollment: chip not read")));
      // The officer's note may be anything: the audit gets a fixed key instead.
      events.push_back(audit::ChipException("Chip not read: headless enrollment"));
    }
    KIOSK_TRY(w.Next());
    KIOSK_TRY(Portrait(w, dir / m.at("portrait").get<std::string>(), events));
    KIOSK_TRY(w.Next());
    KIOSK_TRY(Fingers(w, m.value("fingers", json::object()), dir, events));
    KIOSK_TRY(w.Next());
    KIOSK_TRY(Papers(w, m.value("papers", json::array()), dir, events));
    KIOSK_TRY(w.Next());
    KIOSK_TRY(w.SetContact(m.value("phone", ""), m.value("email", "")));
    KIOSK_TRY(w.SetConsent(m.value("consent", false)));
    KIOSK_TRY(w.Next());
  } catch (const json::exception& e) {
    return Fail(Error::Parse(N_("The enrollment description is not valid JSON."), e.what()));
  }
  auto sealed = w.Seal();
  if (!sealed) return Fail(sealed.error());
  if (!o.out.empty()) {
    std::ofstream out(o.out, std::ios::binary);
    out << sealed->canonical;
    if (!out) return Fail(Error::Io(N_("The sealed record cannot be written."), o.out));
  }
  Outcome outcome{std::move(*sealed), {}};
  if (o.store) {
    auto number = enrollstation::SealIntoStore(context, o.officer, outcome.sealed, dir, std::move(chip));
    if (!number) return Fail(number.error());
    outcome.record_number = std::move(*number);
  }
  // Only once the record is sealed (in the store, with --store) may the draft go.
  KIOSK_TRY(w.ReleaseDraft());
  return outcome;
}

void RegisterEnroll(CLI::App& app, Context& context) {
  auto options = std::make_shared<Options>();
  auto* cmd = app.add_subcommand("enroll", "A headless enrollment from files (tests, demos)");
  cmd->add_option("--from", options->from, "Folder with enrollment.json and the images")
      ->required()
      ->check(CLI::ExistingDirectory);
  cmd->add_option("--drafts", options->drafts, "Draft folder (default: FROM/.drafts)");
  cmd->add_option("--out", options->out, "Write the sealed record's canonical JSON here");
  cmd->add_flag("--json", options->json, "Print the result as JSON");
  cmd->add_flag("--store", options->store, "Seal the record into the station's encrypted store");
  cmd->add_option("--user", options->officer.user, "The officer sealing it (with --store)");
  cmd->add_flag("--password-stdin", options->officer.password_stdin,
                "Read the officer's password from standard input (default: KIOSK_PASSWORD)");
  cmd->callback([&context, options] {
    context.handler = [&context, options] {
      if (options->store && options->officer.user.empty()) {
        return Failure(Error(ErrorCode::kUnauthenticated, "This command needs --user."));
      }
      Events events;
      auto outcome = Enroll(context, *options, events);
      storecli::AuditStationEvents(context, events);
      if (!outcome) return options->json ? JsonFailure(outcome.error()) : Failure(outcome.error());
      const auto& sealed = outcome->sealed;
      if (options->json) {
        json doc{{"ok", true},
                 {"draft_id", sealed.enrollment.draft_id},
                 {"sealed_at", sealed.enrollment.sealed_at},
                 {"sha256", sealed.sha256}};
        if (options->store) doc["record_number"] = outcome->record_number;
        std::cout << doc.dump(2) << "\n";
      } else {
        std::printf("sealed %s sha256 %s\n", sealed.enrollment.draft_id.c_str(), sealed.sha256.c_str());
        if (options->store) std::printf("record %s\n", outcome->record_number.c_str());
      }
      return 0;
    };
  });
}

const CommandRegistration kRegisterEnroll(50, RegisterEnroll);

}  // namespace

}  // namespace kiosk::cli
