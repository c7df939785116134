// The station side of `kiosk-cli enroll --from` (enroll_station.h): chip through PC/SC, paper
// through SANE, the store to seal into. No command of its own: cmd_enroll.cpp calls it.
#include "ui/cli/enroll_station.h"

#include "drivers/pcsc/pcsc_reader.h"
#include "drivers/scanner/sane_scanner.h"
#include "drivers/station/chip_sources.h"

namespace kiosk::cli::enrollstation {

namespace {

namespace fs = std::filesystem;

class WaitingChipSource final : public station::ChipSource {
 public:
  WaitingChipSource(Config config, int wait_seconds) : config_(std::move(config)), wait_seconds_(wait_seconds) {}

  Result<emrtd::ChipReadResult> Read(const emrtd::MrzAccessKey& key, Progress progress,
                                     std::stop_token stop) override {
    auto source = OnReader();
    if (!source) return Fail(source.error());
    return (*source)->Read(key, std::move(progress), std::move(stop));
  }
  Result<emrtd::ChipReadResult> ReadWithCan(const std::string& can, Progress progress,
                                            std::stop_token stop) override {
    auto source = OnReader();
    if (!source) return Fail(source.error());
    return (*source)->ReadWithCan(can, std::move(progress), std::move(stop));
  }
  std::string Describe() const override { return config_.devices.reader; }

 private:
  // Waits for the card here; the read itself then fails at once if the card goes (retriable).
  Result<std::unique_ptr<station::ChipSource>> OnReader() {
    auto trust = drivers::LoadTrust(config_);
    if (!trust) return Fail(trust.error());
    Config on_reader = config_;
    auto context = pcsc::Context::Establish();
    if (!context) return Fail(context.error());
    auto reader = pcsc::WaitForCard(**context, config_.devices.reader, std::chrono::seconds(wait_seconds_));
    if (!reader) return Fail(reader.error());
    on_reader.devices.reader = *reader;
    return drivers::MakePcscChipSource(on_reader, std::move(*trust));
  }

  Config config_;
  int wait_seconds_;
};

}  // namespace

Result<std::unique_ptr<station::ChipSource>> MakeWaitingChipSource(const Config& config, int wait_seconds) {
  // A broken trust folder is reported before the visit starts, not after the card is placed.
  if (auto trust = drivers::LoadTrust(config); !trust) return Fail(trust.error());
  return std::unique_ptr<station::ChipSource>(std::make_unique<WaitingChipSource>(config, wait_seconds));
}

Result<cv::Mat> ScanPaper(const std::string& device, const fs::path& file) {
  documents::ScanSettings settings;
  if (!file.empty()) settings.backend_options["filename"] = file.string();
  return drivers::MakeSaneScanner()->Scan(device, settings);
}

Result<OfficerAtStore> OpenForEnrollment(const Context& context, const StoreSeal& who) {
  auto open = storecli::Open(context);
  if (!open) return Fail(open.error());
  storecli::Credentials credentials;
  credentials.user = who.user;
  credentials.password_stdin = who.password_stdin;
  auto officer = storecli::SignIn(*open, credentials);
  if (!officer) return Fail(officer.error());
  if (auto allowed = open->records->CheckNewEnrollmentAllowed(*officer); !allowed) {
    return Fail(allowed.error());
  }
  return OfficerAtStore{std::move(*open), std::move(*officer)};
}

}  // namespace kiosk::cli::enrollstation
