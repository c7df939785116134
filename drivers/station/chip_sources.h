#pragma once
// The wizard's ChipSource over real devices: a PC/SC reader (the first reader with a card, or
// the configured one) or, in demo mode, the in-process chip emulator holding a synthetic citizen.
// Both verify against the station's trust store (CSCA certificates and master lists).

#include <filesystem>
#include <memory>

#include "kiosk/core/config.h"
#include "kiosk/emrtd/lds/trust_store.h"
#include "kiosk/station/chip_source.h"

namespace kiosk::drivers {

// The station's trust store folder: <data_dir>/trust (technicians import CSCA certificates and
// ICAO master lists there). A missing folder is an empty store: chips are "not verifiable".
std::filesystem::path TrustDir(const Config& config);
Result<emrtd::TrustStore> LoadTrust(const Config& config);

std::unique_ptr<station::ChipSource> MakePcscChipSource(const Config& config, emrtd::TrustStore trust);

// Demo mode: a synthetic citizen on an emulated chip signed by the demo PKI in pki_dir (created
// there when absent; its CSCA is added to the trust store so the demo chip verifies).
Result<std::unique_ptr<station::ChipSource>> MakeDemoChipSource(const std::filesystem::path& pki_dir,
                                                                const std::filesystem::path& citizen_file,
                                                                emrtd::TrustStore trust);

}  // namespace kiosk::drivers
