// kiosk-cli paper read --type gplx|bhyt|vehicle|mst (--image FILE | --scanner DEVICE) [--dpi N]
//                      [--json]
// Runs the capture pipeline on one paper (page → QR → OCR → validators) and prints each field
// with its confidence. Exit 0 when every required field was read and is valid, 1 otherwise
// (the fields are printed either way, so the officer can see what to correct).
#include <cstdio>
#include <filesystem>
#include <iostream>

#include <nlohmann/json.hpp>
#include <opencv2/imgcodecs.hpp>

#include "drivers/scanner/sane_scanner.h"
#include "kiosk/core/i18n.h"
#include "kiosk/documents/paper_reader.h"
#include "ui/cli/cmd_store_common.h"
#include "ui/cli/commands.h"

namespace kiosk::cli {

namespace {

struct Options {
  std::string type;
  std::string image;
  std::string scanner;
  int dpi = 300;
  bool json = false;
};

Result<cv::Mat> Capture(const Options& o) {
  if (!o.image.empty()) {
    std::error_code ec;
    if (!std::filesystem::is_regular_file(o.image, ec)) {
      return Fail(Error::Io(N_("The image file cannot be read."), o.image));
    }
    cv::Mat image = cv::imread(o.image, cv::IMREAD_COLOR);
    if (image.empty()) {
      return Fail(Error::Io(N_("The image file cannot be read."), o.image));
    }
    return image;
  }
  documents::ScanSettings settings;
  settings.dpi = o.dpi;
  return drivers::MakeSaneScanner()->Scan(o.scanner, settings);
}

int Run(const Context& context, const Options& o) {
  auto type = documents::ParsePaperType(o.type);
  if (!type) return Failure(Error::InvalidArgument(N_("Unknown paper type.")));
  auto image = Capture(o);
  if (!image) return o.json ? JsonFailure(image.error()) : Failure(image.error());
  auto reader = documents::PaperReader::Create();
  if (!reader) return o.json ? JsonFailure(reader.error()) : Failure(reader.error());
  auto reading = (*reader)->Read(*type, *image);
  if (!reading) {
    storecli::AuditStationEvent(context,
                                audit::PaperScanned(o.type, false, reading.error().message_key()));
    return o.json ? JsonFailure(reading.error()) : Failure(reading.error());
  }

  bool complete = reading->missing.empty();
  for (const auto& f : reading->fields) complete = complete && f.valid;
  storecli::AuditStationEvent(
      context, audit::PaperScanned(o.type, complete,
                                   complete ? "" : "Some fields are missing or invalid."));
  if (o.json) {
    nlohmann::json fields = nlohmann::json::array();
    for (const auto& f : reading->fields) {
      fields.push_back({{"name", f.name},
                        {"value", f.value},
                        {"raw", f.raw},
                        {"confidence", f.confidence},
                        {"source", f.source},
                        {"valid", f.valid},
                        {"problem", f.problem}});
    }
    nlohmann::json doc = {{"ok", complete},
                          {"type", o.type},
                          {"fields", fields},
                          {"missing", reading->missing},
                          {"qr", reading->qr_text ? nlohmann::json(*reading->qr_text) : nlohmann::json(nullptr)},
                          {"outline_found", reading->outline_found},
                          {"milliseconds", reading->milliseconds}};
    std::cout << doc.dump(2) << "\n";
  } else {
    for (const auto& f : reading->fields) {
      std::printf("%-15s %-32s %3.0f%%  %-3s %s\n", f.name.c_str(), f.value.c_str(),
                  f.confidence * 100, f.source.c_str(),
                  f.valid ? "ok" : i18n::tr(f.problem).c_str());
    }
    for (const auto& name : reading->missing) {
      std::printf("%-15s %s\n", name.c_str(), i18n::tr("not found: type it in").c_str());
    }
    std::printf("(%.0f ms)\n", reading->milliseconds);
  }
  return complete ? 0 : 1;
}

void RegisterPaper(CLI::App& app, Context& context) {
  auto* group = app.add_subcommand("paper", "Papers to integrate (GPLX, BHYT, vehicle, MST)");
  group->require_subcommand(1);
  auto options = std::make_shared<Options>();
  auto* read = group->add_subcommand("read", "Read a paper's fields from an image or a scanner");
  read->add_option("--type", options->type, "gplx, bhyt, vehicle or mst")
      ->required()
      ->check(CLI::IsMember({"gplx", "bhyt", "vehicle", "mst"}));
  auto* image = read->add_option("--image", options->image, "Image file (PNG, JPEG, PNM…)");
  auto* scanner = read->add_option("--scanner", options->scanner, "SANE device name");
  image->excludes(scanner);
  read->add_option("--dpi", options->dpi, "Scan resolution")->check(CLI::Range(75, 1200));
  read->add_flag("--json", options->json, "Print the fields as JSON");
  read->callback([&context, options] {
    context.handler = [&context, options] {
      if (options->image.empty() && options->scanner.empty()) {
        return Failure(Error::InvalidArgument(N_("Give --image FILE or --scanner DEVICE.")));
      }
      return Run(context, *options);
    };
  });
}

const CommandRegistration kRegisterPaper(45, RegisterPaper);

}  // namespace

}  // namespace kiosk::cli
