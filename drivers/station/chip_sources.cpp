#include "drivers/station/chip_sources.h"

#include <chrono>
#include <thread>

#include <spdlog/spdlog.h>

#include "drivers/pcsc/pcsc_context.h"
#include "drivers/pcsc/pcsc_reader.h"
#include "drivers/sim/chip/chip_profile.h"
#include "drivers/sim/chip/in_process_channel.h"
#include "kiosk/core/i18n.h"

namespace kiosk::drivers {
namespace {

emrtd::ChipReadOptions OptionsWith(const emrtd::TrustStore& trust, const std::string& can = {}) {
  emrtd::ChipReadOptions options;
  options.trust = &trust;
  options.can = can;
  return options;
}

emrtd::ReadProgress Adapt(const station::ChipSource::Progress& progress) {
  return [progress](std::string_view file, size_t done, size_t total) {
    if (progress) progress(std::string(file), done, total);
  };
}

class PcscChipSource final : public station::ChipSource {
 public:
  PcscChipSource(std::string reader, emrtd::TrustStore trust)
      : reader_(std::move(reader)), trust_(std::move(trust)) {}

  Result<emrtd::ChipReadResult> Read(const emrtd::MrzAccessKey& key, Progress progress,
                                     std::stop_token stop) override {
    return ReadOnReader(key, {}, std::move(progress), stop);
  }

  // With a CAN the MRZ key stays empty: PACE runs with the CAN alone.
  Result<emrtd::ChipReadResult> ReadWithCan(const std::string& can, Progress progress,
                                            std::stop_token stop) override {
    return ReadOnReader({}, can, std::move(progress), stop);
  }

  std::string Describe() const override { return reader_.empty() ? "PC/SC" : reader_; }

 private:
  Result<emrtd::ChipReadResult> ReadOnReader(const emrtd::MrzAccessKey& key, const std::string& can,
                                             const Progress& progress, std::stop_token stop) {
    auto context = pcsc::Context::Establish();
    if (!context) return Fail(context.error());
    auto states = (*context)->ReaderStates();
    if (!states) return Fail(states.error());
    std::string reader = reader_;
    if (reader.empty()) {
      for (const auto& s : *states) {
        if (s.card_present) {
          reader = s.name;
          break;
        }
      }
    }
    if (reader.empty()) {
      return Fail(Error(ErrorCode::kCardRemoved,
                        N_("Place the citizen's card on the reader, then read the chip again.")));
    }
    auto channel = pcsc::PcscCardChannel::Connect(**context, reader);
    if (!channel) return Fail(channel.error());
    return emrtd::ReadChip(**channel, key, OptionsWith(trust_, can), Adapt(progress), stop);
  }

  std::string reader_;
  emrtd::TrustStore trust_;
};

class DemoChipSource final : public station::ChipSource {
 public:
  DemoChipSource(sim::EmulatedCard card, emrtd::TrustStore trust)
      : emulator_(std::move(card.content)), trust_(std::move(trust)) {}

  Result<emrtd::ChipReadResult> Read(const emrtd::MrzAccessKey& key, Progress progress,
                                     std::stop_token stop) override {
    return ReadEmulated(key, {}, progress, stop);
  }

  // The demo card's CAN is the last 6 digits of its ID, as `kiosk-cli card sim` prints it.
  Result<emrtd::ChipReadResult> ReadWithCan(const std::string& can, Progress progress,
                                            std::stop_token stop) override {
    return ReadEmulated({}, can, progress, stop);
  }

  std::string Describe() const override { return "Emulated CCCD (demo)"; }

 private:
  Result<emrtd::ChipReadResult> ReadEmulated(const emrtd::MrzAccessKey& key, const std::string& can,
                                             const Progress& progress, std::stop_token stop) {
    emulator_.Reset();
    // Model a real contactless reader's pace so the progress bar means something in the demo.
    sim::InProcessChannel channel(emulator_, /*transport_extended=*/true,
                                  /*sleep_modelled_time=*/true);
    return emrtd::ReadChip(channel, key, OptionsWith(trust_, can), Adapt(progress), stop);
  }

  sim::ChipEmulator emulator_;
  emrtd::TrustStore trust_;
};

}  // namespace

std::filesystem::path TrustDir(const Config& config) { return config.data_dir / "trust"; }

Result<emrtd::TrustStore> LoadTrust(const Config& config) {
  emrtd::TrustStore trust;
  std::error_code ec;
  if (std::filesystem::is_directory(TrustDir(config), ec)) {
    auto loaded = trust.LoadDirectory(TrustDir(config));
    if (!loaded) return Fail(loaded.error());
    // A certificate that is not a CSCA (a document signer copied there) is not trusted: say so
    // for the technician, who may think it was imported.
    for (const std::string& rejected : trust.rejected()) {
      spdlog::warn("trust store: not a CSCA, not trusted: {}", rejected);
    }
  }
  return trust;
}

std::unique_ptr<station::ChipSource> MakePcscChipSource(const Config& config,
                                                        emrtd::TrustStore trust) {
  return std::make_unique<PcscChipSource>(config.devices.reader, std::move(trust));
}

Result<std::unique_ptr<station::ChipSource>> MakeDemoChipSource(
    const std::filesystem::path& pki_dir, const std::filesystem::path& citizen_file,
    emrtd::TrustStore trust) {
  auto pki = sim::LoadOrCreateTestPki(pki_dir);
  if (!pki) return Fail(pki.error());
  sim::Citizen citizen = sim::DefaultCitizen();
  if (!citizen_file.empty()) {
    auto loaded = sim::LoadCitizen(citizen_file);
    if (!loaded) return Fail(loaded.error());
    citizen = std::move(*loaded);
  }
  auto card = sim::MakeEmulatedCard(citizen, *pki);
  if (!card) return Fail(card.error());
  auto added = trust.LoadDirectory(pki_dir / "csca");
  if (!added) return Fail(added.error());
  return std::unique_ptr<station::ChipSource>(
      std::make_unique<DemoChipSource>(std::move(*card), std::move(trust)));
}

}  // namespace kiosk::drivers
