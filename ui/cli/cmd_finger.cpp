// kiosk-cli finger score IMAGE [--json]
// kiosk-cli finger capture --finger NAME --out FILE [--device ID] [--timeout SECONDS] [--json]
//
// `score` rates a fingerprint image 0-100 with feedback; `capture` takes one print from a
// libfprint sensor, scores it and writes it as PNG (lossless). Both exit 0 when the print is
// acceptable and 1 with the first piece of feedback otherwise (the JSON is printed either way).
#include <cstdio>
#include <iostream>
#include <memory>

#include <nlohmann/json.hpp>
#include <opencv2/imgcodecs.hpp>

#include "kiosk/biometrics/finger/finger_quality.h"
#include "kiosk/biometrics/finger/finger_slots.h"
#include "kiosk/core/i18n.h"
#include "ui/cli/cmd_store_common.h"
#include "ui/cli/commands.h"

#ifdef KIOSK_WITH_LIBFPRINT
#include "drivers/fingerprint/libfprint_sensor.h"
#endif

namespace kiosk::cli {

namespace {

using namespace biometrics::finger;

nlohmann::json QualityToJson(const FingerQuality& q) {
  nlohmann::json feedback = nlohmann::json::array();
  for (const auto& f : q.feedback) {
    feedback.push_back({{"code", f.code}, {"message", f.message_key}, {"text", f.Message()}});
  }
  return {{"score", q.score}, {"acceptable", q.acceptable}, {"foreground", q.foreground},
          {"contrast", q.contrast}, {"coherence", q.coherence}, {"feedback", feedback}};
}

int Report(const FingerQuality& q, nlohmann::json extra, bool json) {
  if (json) {
    nlohmann::json doc = {{"ok", true}};
    doc.update(QualityToJson(q));
    doc.update(extra);
    std::cout << doc.dump(2) << "\n";
  } else {
    std::printf("%s\n", FormatMessage(i18n::tr("Fingerprint quality: {0}/100"), {std::to_string(q.score)}).c_str());
    for (const auto& f : q.feedback) std::printf("  %s\n", f.Message().c_str());
  }
  if (q.acceptable) return 0;
  std::fprintf(stderr, "%s\n", q.feedback.empty() ? "" : q.feedback.front().Message().c_str());
  return 1;
}

int RunScore(const std::string& path, bool json) {
  cv::Mat image = cv::imread(path, cv::IMREAD_GRAYSCALE);
  if (image.empty()) {
    Error error = Error::NotFound(N_("The picture {0} cannot be read."), path).WithArg(path);
    return json ? JsonFailure(error) : Failure(error);
  }
  return Report(ScoreFingerprint(image), {{"width", image.cols}, {"height", image.rows}}, json);
}

struct CaptureOptions {
  std::string finger;
  std::string out;
  std::string device;
  int timeout_seconds = 30;
  bool json = false;
};

int RunCapture(const Context& context, const CaptureOptions& o) {
  auto fail = [&o](const Error& e) { return o.json ? JsonFailure(e) : Failure(e); };
  auto finger = ParseFinger(o.finger);
  if (!finger) {
    return fail(Error::InvalidArgument(N_("Unknown finger {0} (use e.g. right_thumb, left_index)."), o.finger)
                    .WithArg(o.finger));
  }
#ifdef KIOSK_WITH_LIBFPRINT
  drivers::LibfprintSensor sensor;
  if (auto opened = sensor.Open(o.device); !opened) return fail(opened.error());
  auto captured = sensor.Capture(std::chrono::seconds(o.timeout_seconds));
  sensor.Close();
  if (!captured) return fail(captured.error());
  FingerQuality quality = ScoreFingerprint(captured->image, FingerQualityOptions{.ppi = captured->ppi});
  bool written = false;
  try {
    written = cv::imwrite(o.out, captured->image);
  } catch (const cv::Exception&) {
    written = false;
  }
  if (!written) return fail(Error::Io(N_("The fingerprint cannot be written to {0}."), o.out).WithArg(o.out));
  storecli::AuditStationEvent(context, audit::FingerprintCaptured(ToString(*finger), quality.score));
  return Report(quality,
                {{"finger", std::string(ToString(*finger))}, {"out", o.out}, {"width", captured->image.cols},
                 {"height", captured->image.rows}, {"ppi", captured->ppi}},
                o.json);
#else
  (void)context;
  return fail(Error::Unsupported(N_("This build has no fingerprint driver (libfprint is Linux-only)."), "finger capture"));
#endif
}

void RegisterFinger(CLI::App& app, Context& context) {
  auto* finger = app.add_subcommand("finger", "Fingerprint capture and quality");
  finger->require_subcommand(1);

  auto* score = finger->add_subcommand("score", "Rate a fingerprint image 0-100 with feedback");
  auto image = std::make_shared<std::string>();
  auto score_json = std::make_shared<bool>(false);
  score->add_option("IMAGE", *image, "Fingerprint image (grey, ridges dark, about 500 ppi)")->required();
  score->add_flag("--json", *score_json, "Print the score as JSON");
  score->callback([&context, image, score_json] {
    context.handler = [image, score_json] { return RunScore(*image, *score_json); };
  });

  auto* capture = finger->add_subcommand("capture", "Capture one fingerprint from the sensor and score it");
  auto options = std::make_shared<CaptureOptions>();
  capture->add_option("--finger", options->finger, "right_thumb, right_index, … left_little")->required();
  capture->add_option("--out", options->out, "Output image file (PNG)")->required();
  capture->add_option("--device", options->device, "libfprint device id (default: the first that gives images)");
  capture->add_option("--timeout", options->timeout_seconds, "Seconds to wait for the finger (default 30)");
  capture->add_flag("--json", options->json, "Print the result as JSON");
  capture->callback([&context, options] {
    context.handler = [&context, options] { return RunCapture(context, *options); };
  });
}

const CommandRegistration kRegisterFinger(61, RegisterFinger);

}  // namespace

}  // namespace kiosk::cli
