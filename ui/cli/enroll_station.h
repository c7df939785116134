#pragma once
// What `kiosk-cli enroll --from` needs of the station's real devices and store, beyond files:
// the chip read through PC/SC (the station's ChipSource, its trust folder), a paper scanned
// through SANE, and the sealed record written into the encrypted store the way the wizard does.
// The end-to-end soak (tests/soak/e2e_soak.sh) drives these; cmd_enroll.cpp calls them.

#include <filesystem>
#include <string>
#include <vector>

#include <opencv2/core.hpp>

#include "kiosk/audit/station_events.h"
#include "kiosk/batch/record.h"
#include "kiosk/enrollment/workflow.h"
#include "ui/cli/commands.h"

namespace kiosk::cli::enrollstation {

// The chip's files the record keeps (EF.COM, EF.SOD, DG1, DG2, DG13, DG14, DG15), as items to
// seal: the proof of what the chip said, re-verifiable centrally.
struct ChipEvidence {
  std::vector<batch::Item> files;
};

// In the read-chip step: reads the chip on the reader (PC/SC, waiting up to wait_seconds for a
// card) with the access key of the card identified in the first step, verifies it against
// <data_dir>/trust and hands the chip's identity to the workflow. A pulled card fails with
// kCardRemoved (retriable): nothing is kept.
Result<ChipEvidence> ReadChip(enrollment::Workflow& workflow, const Config& config,
                              int wait_seconds, std::vector<audit::StationEvent>& events);

// One page through SANE (device "pnm:0" with the pnm backend's "filename" set to file, or a
// real scanner when file is empty).
Result<cv::Mat> ScanPaper(const std::string& device, const std::filesystem::path& file);

// Seals the workflow's sealed record into the store in data_dir as `user` (an officer; the
// password from KIOSK_PASSWORD or stdin): record.json, the images (read back from `dir` by their
// "file:" references, hash-checked) and the chip's files, with the wizard's review flags.
// Returns the record number.
struct StoreSeal {
  std::string user;
  bool password_stdin = false;
};
Result<std::string> SealIntoStore(const Context& context, const StoreSeal& who,
                                  const enrollment::SealedRecord& sealed,
                                  const std::filesystem::path& dir, ChipEvidence chip);

// Signs in before the visit starts, so a wrong password or a station that may not enroll
// (too many records pending, no sync for too long) stops the run before the citizen's data.
Result<void> CheckMayEnroll(const Context& context, const StoreSeal& who);

}  // namespace kiosk::cli::enrollstation
