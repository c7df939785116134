// kiosk-cli face check IMAGE [--json]
// kiosk-cli face capture --source SRC --out FILE [--format jpeg|jp2] [--max-frames N] [--json]
// kiosk-cli face compare LIVE REFERENCE [--json]
//
// `check` runs the live portrait checks on one picture: exit 0 when every check passes, 1 with
// the first failing check's message otherwise (the JSON is printed in both cases).
// `capture` opens a camera source (device index, video file, image sequence, GStreamer
// pipeline), runs the checks on each frame until auto-capture, and writes the ICAO token crop.
// `compare` is the wizard's comparison of a portrait with the chip photo (JPEG, JPEG 2000, PNG):
// the score and its band (docs/face-comparison.md); exit 0 whatever the band, 1 on an error.
#include <cstdio>
#include <fstream>
#include <iostream>
#include <memory>

#include <nlohmann/json.hpp>
#include <opencv2/imgcodecs.hpp>

#include "drivers/camera/opencv_camera.h"
#include "kiosk/biometrics/face/auto_capture.h"
#include "kiosk/biometrics/face/embedding_face_matcher.h"
#include "kiosk/biometrics/face/face_checks.h"
#include "kiosk/biometrics/face/portrait.h"
#include "kiosk/core/i18n.h"
#include "ui/cli/cmd_store_common.h"
#include "ui/cli/commands.h"

namespace kiosk::cli {

namespace {

using namespace biometrics::face;

nlohmann::json ChecksToJson(const FrameReport& report) {
  nlohmann::json checks = nlohmann::json::array();
  for (const auto& c : report.checks) {
    checks.push_back({{"name", c.name}, {"pass", c.pass}, {"message", c.EnglishMessage()}, {"text", c.Message()}});
  }
  return checks;
}

const Check* FirstFailure(const FrameReport& report) {
  for (const auto& c : report.checks) {
    if (!c.pass) return &c;
  }
  return nullptr;
}

int RunCheck(const std::string& image_path, bool json) {
  cv::Mat image = cv::imread(image_path, cv::IMREAD_COLOR);
  if (image.empty()) {
    Error error = Error::NotFound(N_("The picture {0} cannot be read."), image_path).WithArg(image_path);
    return json ? JsonFailure(error) : Failure(error);
  }
  auto checker = FaceChecker::LoadDefault();
  if (!checker) return json ? JsonFailure(checker.error()) : Failure(checker.error());
  auto report = checker->Analyze(image);
  if (!report) return json ? JsonFailure(report.error()) : Failure(report.error());

  const bool acceptable = report->Acceptable();
  if (json) {
    nlohmann::json doc = {{"ok", true}, {"faces", report->faces}, {"acceptable", acceptable},
                          {"checks", ChecksToJson(*report)}};
    std::cout << doc.dump(2) << "\n";
  } else {
    for (const auto& c : report->checks) {
      std::printf("%-5s %-13s %s\n", c.pass ? "OK" : i18n::tr("FAIL").c_str(), c.name.c_str(), c.Message().c_str());
    }
  }
  if (acceptable) return 0;
  std::fprintf(stderr, "%s\n", FirstFailure(*report)->Message().c_str());
  return 1;
}

struct CaptureOptions {
  std::string source;
  std::string out;
  std::string format = "jpeg";
  int max_frames = 300;
  int steady_frames = 5;
  bool json = false;
};

int RunCapture(const Context& context, const CaptureOptions& o) {
  auto fail = [&o](const Error& e) { return o.json ? JsonFailure(e) : Failure(e); };
  if (o.format != "jpeg" && o.format != "jp2") {
    return fail(Error::InvalidArgument(N_("Unknown portrait format {0} (use jpeg or jp2)."), o.format).WithArg(o.format));
  }
  auto checker = FaceChecker::LoadDefault();
  if (!checker) return fail(checker.error());
  drivers::OpenCvCamera camera({.spec = o.source});
  if (auto opened = camera.Open(); !opened) return fail(opened.error());

  AutoCapture capture(AutoCaptureOptions{.required_consecutive = o.steady_frames});
  std::uint64_t last = 0;
  int analysed = 0;
  std::optional<FrameReport> last_report;
  while (capture.state() != CaptureState::kCaptured && analysed < o.max_frames) {
    auto frame = camera.NextFrame(last, std::chrono::seconds(5));
    if (!frame) {
      if (frame.error().code() == ErrorCode::kDeviceRemoved && last_report) break;  // source ended
      return fail(frame.error());
    }
    last = frame->sequence;
    auto report = checker->Analyze(frame->image);
    if (!report) return fail(report.error());
    ++analysed;
    capture.Feed(frame->image, *report);
    last_report = std::move(*report);
  }
  camera.Close();
  if (capture.state() != CaptureState::kCaptured) {
    std::string guidance = last_report && FirstFailure(*last_report) ? FirstFailure(*last_report)->EnglishMessage() : "";
    return fail(Error(ErrorCode::kTimeout, N_("No acceptable portrait was seen: {0}"), "frames=" + std::to_string(analysed))
                    .WithArg(guidance));
  }
  auto token = CropToToken(capture.captured_frame(), capture.captured_report().eyes);
  if (!token) return fail(token.error());
  auto bytes = EncodePortrait(*token, o.format == "jp2" ? PortraitFormat::kJpeg2000 : PortraitFormat::kJpeg);
  if (!bytes) return fail(bytes.error());
  std::ofstream out(o.out, std::ios::binary | std::ios::trunc);
  out.write(reinterpret_cast<const char*>(bytes->data()), static_cast<std::streamsize>(bytes->size()));
  if (!out.flush()) return fail(Error::Io(N_("The portrait cannot be written to {0}."), o.out).WithArg(o.out));
  storecli::AuditStationEvent(context, audit::PortraitCaptured());

  if (o.json) {
    nlohmann::json doc = {{"ok", true}, {"out", o.out}, {"format", o.format}, {"frames", analysed},
                          {"width", token->cols}, {"height", token->rows}, {"bytes", bytes->size()},
                          {"sharpness", capture.captured_report().sharpness}};
    std::cout << doc.dump(2) << "\n";
  } else {
    std::printf("%s\n", FormatMessage(i18n::tr("Portrait captured after {0} frames: {1}"),
                                      {std::to_string(analysed), o.out}).c_str());
  }
  return 0;
}

int RunCompare(const std::string& live_path, const std::string& reference_path, bool json) {
  auto fail = [json](const Error& error) { return json ? JsonFailure(error) : Failure(error); };
  cv::Mat pictures[2];
  const std::string* paths[2] = {&live_path, &reference_path};
  for (int i = 0; i < 2; ++i) {
    pictures[i] = cv::imread(*paths[i], cv::IMREAD_COLOR);
    if (pictures[i].empty()) return fail(Error::NotFound(N_("The picture {0} cannot be read."), *paths[i]).WithArg(*paths[i]));
  }
  auto matcher = EmbeddingFaceMatcher::LoadDefault();
  if (!matcher) return fail(matcher.error());
  auto compared = (*matcher)->Compare(pictures[0], pictures[1]);
  if (!compared) return fail(compared.error());
  if (json) {
    nlohmann::json doc = {{"ok", true}, {"score", compared->score}, {"band", ToString(compared->band)},
                          {"live_eyes_found", compared->live_eyes_found},
                          {"reference_eyes_found", compared->reference_eyes_found}};
    std::cout << doc.dump(2) << "\n";
  } else {
    std::printf("%.3f %s\n", compared->score, std::string(ToString(compared->band)).c_str());
  }
  return 0;
}

void RegisterFace(CLI::App& app, Context& context) {
  auto* face = app.add_subcommand("face", "Portrait quality checks and capture");
  face->require_subcommand(1);

  auto* check = face->add_subcommand("check", "Run the portrait checks on one picture");
  auto image = std::make_shared<std::string>();
  auto check_json = std::make_shared<bool>(false);
  check->add_option("IMAGE", *image, "Picture file (JPEG, PNG…)")->required();
  check->add_flag("--json", *check_json, "Print the checks as JSON");
  check->callback([&context, image, check_json] {
    context.handler = [image, check_json] { return RunCheck(*image, *check_json); };
  });

  auto* compare = face->add_subcommand("compare", "Compare a portrait with the chip photo: score and band");
  auto live = std::make_shared<std::string>();
  auto reference = std::make_shared<std::string>();
  auto compare_json = std::make_shared<bool>(false);
  compare->add_option("LIVE", *live, "The live portrait")->required();
  compare->add_option("REFERENCE", *reference, "The chip photo (DG2 image)")->required();
  compare->add_flag("--json", *compare_json, "Print the result as JSON");
  compare->callback([&context, live, reference, compare_json] {
    context.handler = [live, reference, compare_json] { return RunCompare(*live, *reference, *compare_json); };
  });

  auto* cap = face->add_subcommand("capture", "Capture a portrait from a camera source when every check holds");
  auto options = std::make_shared<CaptureOptions>();
  cap->add_option("--source", options->source, "Device index, video file, image sequence (%04d) or GStreamer pipeline")
      ->required();
  cap->add_option("--out", options->out, "Output file for the ICAO token portrait")->required();
  cap->add_option("--format", options->format, "jpeg (default) or jp2");
  cap->add_option("--max-frames", options->max_frames, "Give up after this many frames (default 300)");
  cap->add_option("--steady", options->steady_frames, "Consecutive good frames before capture (default 5)");
  cap->add_flag("--json", options->json, "Print the result as JSON");
  cap->callback([&context, options] {
    context.handler = [&context, options] { return RunCapture(context, *options); };
  });
}

const CommandRegistration kRegisterFace(56, RegisterFace);

}  // namespace

}  // namespace kiosk::cli
