#pragma once
// What `kiosk-cli enroll --from` needs of the station's real devices and store, beyond files:
// the chip reader through PC/SC (waiting for the card, verified against <data_dir>/trust), a
// paper scanned through SANE, and the encrypted store the visit is sealed into. The end-to-end
// soak (tests/soak/e2e_soak.sh) drives these; cmd_enroll.cpp wires them into the visit
// (enroll_visit.h). No rule of the visit lives here.

#include <filesystem>
#include <memory>
#include <string>

#include <opencv2/core.hpp>

#include "kiosk/station/chip_source.h"
#include "ui/cli/cmd_store_common.h"
#include "ui/cli/commands.h"

namespace kiosk::cli::enrollstation {

// The station's reader as a ChipSource that first waits up to wait_seconds for a card (then the
// read fails at once if the card goes: kCardRemoved, retriable, nothing kept).
Result<std::unique_ptr<station::ChipSource>> MakeWaitingChipSource(const Config& config, int wait_seconds);

// One page through SANE (device "pnm:0" with the pnm backend's "filename" set to file, or a
// real scanner when file is empty).
Result<cv::Mat> ScanPaper(const std::string& device, const std::filesystem::path& file);

// The store in data_dir, with `user` (an officer; the password from KIOSK_PASSWORD or stdin)
// signed in and allowed to start an enrollment (not too many records pending, a recent sync):
// checked before the visit starts, so a refusal stops the run before the citizen's data.
struct StoreSeal {
  std::string user;
  bool password_stdin = false;
};
struct OfficerAtStore {
  storecli::OpenStore open;
  auth::Session officer;
};
Result<OfficerAtStore> OpenForEnrollment(const Context& context, const StoreSeal& who);

}  // namespace kiosk::cli::enrollstation
