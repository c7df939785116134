// kiosk-cli finger score IMAGE [--json]
// kiosk-cli finger capture --finger NAME --out FILE [--device ID] [--timeout SECONDS] [--json]
// kiosk-cli finger match A B [--json]
//
// `score` rates a fingerprint image 0-100 with feedback; `capture` takes one print from a
// libfprint sensor, scores it and writes it as PNG (lossless). Both exit 0 when the print is
// acceptable and 1 with the first piece of feedback otherwise (the JSON is printed either way).
// `match` compares two prints with the station's own matcher and thresholds (the duplicate-finger
// check of the fingerprint step): score, paired minutiae and the verdict; exit 0 whenever the
// comparison ran, whatever the verdict, 1 with the reason when a print is unreadable or unusable.
#include <cstdio>
#include <fstream>
#include <iterator>
#include <iostream>
#include <memory>
#include <vector>

#include <nlohmann/json.hpp>
#include <opencv2/imgcodecs.hpp>

#include "kiosk/biometrics/finger/finger_quality.h"
#include "kiosk/biometrics/finger/finger_slots.h"
#include "kiosk/biometrics/finger/minutiae_matcher.h"
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

int RunMatch(const std::string& path_a, const std::string& path_b, bool json) {
  auto fail = [json](const Error& e) { return json ? JsonFailure(e) : Failure(e); };
  cv::Mat images[2];
  const std::string* paths[2] = {&path_a, &path_b};
  for (int i = 0; i < 2; ++i) {
    // Read here and decoded from memory: cv::imread would print its own warning for a missing
    // file, and the reason must stay one line.
    std::ifstream in(*paths[i], std::ios::binary);
    const std::vector<uchar> bytes((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    try {
      if (!bytes.empty()) images[i] = cv::imdecode(bytes, cv::IMREAD_GRAYSCALE);
    } catch (const cv::Exception&) {
      images[i].release();
    }
    if (images[i].empty()) {
      return fail(Error::NotFound(N_("The picture {0} cannot be read."), *paths[i]).WithArg(*paths[i]));
    }
  }
  MinutiaeMatcher matcher;
  auto compared = matcher.Compare(images[0], images[1]);
  if (!compared) return fail(compared.error());
  const MatchOptions& thresholds = matcher.options();
  if (json) {
    nlohmann::json doc = {{"ok", true},
                          {"score", compared->score},
                          {"paired", compared->paired},
                          {"common_a", compared->common_a},
                          {"common_b", compared->common_b},
                          {"same_finger", compared->same_finger},
                          {"threshold", thresholds.threshold},
                          {"min_paired", thresholds.min_paired}};
    std::cout << doc.dump(2) << "\n";
    return 0;
  }
  char score[16];
  std::snprintf(score, sizeof score, "%.2f", compared->score);
  char threshold[16];
  std::snprintf(threshold, sizeof threshold, "%.2f", thresholds.threshold);
  std::printf("%s\n", FormatMessage(i18n::tr("Match score: {0} (same finger from {1}), {2} minutiae paired (at least {3})"),
                                    {score, threshold,
                                     std::to_string(compared->paired), std::to_string(thresholds.min_paired)})
                          .c_str());
  std::printf("%s\n", compared->same_finger ? i18n::tr("Verdict: the same finger").c_str()
                                             : i18n::tr("Verdict: not the same finger").c_str());
  return 0;
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

  auto* match = finger->add_subcommand("match", "Compare two fingerprint images: score, pairs, same finger or not");
  auto match_a = std::make_shared<std::string>();
  auto match_b = std::make_shared<std::string>();
  auto match_json = std::make_shared<bool>(false);
  match->add_option("A", *match_a, "First fingerprint image")->required();
  match->add_option("B", *match_b, "Second fingerprint image")->required();
  match->add_flag("--json", *match_json, "Print the comparison as JSON");
  match->callback([&context, match_a, match_b, match_json] {
    context.handler = [match_a, match_b, match_json] { return RunMatch(*match_a, *match_b, *match_json); };
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

const CommandRegistration kRegisterFinger(57, RegisterFinger);

}  // namespace

}  // namespace kiosk::cli
