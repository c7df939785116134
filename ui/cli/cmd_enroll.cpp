// kiosk-cli enroll --from DIR [--drafts DIR] [--out FILE] [--json]
//                  [--store --user OFFICER [--password-stdin]]
// A headless enrollment from files (tests, demos, the soak), through the same enrollment session
// as the wizard (enrollment::Visit; the manifest is described in enroll_visit.h). Prints the
// record's SHA-256 when sealed; exit 1 with the first refusal (what is missing, which field is
// invalid) otherwise, the draft kept. With --store --user OFFICER (password in KIOSK_PASSWORD or
// --password-stdin) the visit is sealed into the station's encrypted store, as the wizard does
// (review flags computed by the store), and its number and review flags printed.
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <optional>

#include <nlohmann/json.hpp>

#include "kiosk/biometrics/finger/minutiae_matcher.h"
#include "kiosk/core/clock.h"
#include "kiosk/core/i18n.h"
#include "kiosk/enrollment/review_flags.h"
#include "kiosk/enrollment/visit.h"
#include "ui/cli/cmd_store_common.h"
#include "ui/cli/commands.h"
#include "ui/cli/enroll_station.h"
#include "ui/cli/enroll_visit.h"

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
  std::optional<enrollment::StoredVisit> stored;  // with --store
};

Result<Outcome> Enroll(const Context& context, const Options& o, enroll::Events& events) {
  auto manifest = enroll::LoadManifest(o.from);
  if (!manifest) return Fail(manifest.error());
  // Signed in before the visit starts, so a wrong password or a station that may not enroll
  // (too many records pending, no sync for too long) stops the run before the citizen's data.
  std::optional<enrollstation::OfficerAtStore> at_store;
  if (o.store) {
    auto opened = enrollstation::OpenForEnrollment(context, o.officer);
    if (!opened) return Fail(opened.error());
    at_store = std::move(*opened);
  }
  enroll::Devices devices;
  std::unique_ptr<station::ChipSource> chip;
  if (manifest->json.contains("chip")) {
    const json& wanted = manifest->json.at("chip");
    const int wait = wanted.is_object() ? wanted.value("wait", 15) : 15;
    auto source = enrollstation::MakeWaitingChipSource(context.ConfigOrDefaults(), wait);
    if (!source) return Fail(source.error());
    chip = std::move(*source);
    devices.chip = chip.get();
  }
  devices.scan = enrollstation::ScanPaper;
  biometrics::finger::MinutiaeMatcher finger_matcher;  // the station's own, as the wizard's
  devices.finger_matcher = &finger_matcher;

  // Declared before the visit, which keeps a reference to it.
  enrollment::FileDraftStore drafts(o.drafts.empty() ? fs::path(o.from) / ".drafts" : fs::path(o.drafts));
  auto visit = enrollment::Visit::Start(drafts, SystemClock::Instance(), enroll::OfficerOf(*manifest),
                                        enroll::PolicyOf(*manifest));
  if (!visit) return Fail(visit.error());
  if (auto driven = enroll::DriveVisit(*visit, *manifest, devices, events); !driven) {
    return Fail(driven.error());
  }
  Outcome outcome;
  if (at_store) {
    // One transaction: the record is in the store whole, or not at all; then the draft goes.
    auto stored = visit->Seal(*at_store->open.records, at_store->officer);
    if (!stored) return Fail(stored.error());
    outcome.sealed = stored->record;
    outcome.stored = std::move(*stored);
  } else {
    auto sealed = visit->SealDraft();
    if (!sealed) return Fail(sealed.error());
    outcome.sealed = std::move(*sealed);
  }
  if (!o.out.empty()) {
    std::ofstream out(o.out, std::ios::binary);
    out << outcome.sealed.canonical;
    if (!out) return Fail(Error::Io(N_("The sealed record cannot be written."), o.out));
  }
  // Without the store, only once the record is written out may the draft go.
  if (!at_store) {
    if (auto released = visit->ReleaseDraft(); !released) return Fail(released.error());
  }
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
      enroll::Events events;
      auto outcome = Enroll(context, *options, events);
      storecli::AuditStationEvents(context, events);
      if (!outcome) return options->json ? JsonFailure(outcome.error()) : Failure(outcome.error());
      const auto& sealed = outcome->sealed;
      if (options->json) {
        json doc{{"ok", true},
                 {"draft_id", sealed.enrollment.draft_id},
                 {"sealed_at", sealed.enrollment.sealed_at},
                 {"sha256", sealed.sha256}};
        if (outcome->stored) {
          doc["record_number"] = outcome->stored->summary.record_number;
          doc["review_flags"] = outcome->stored->review_flags;
        }
        std::cout << doc.dump(2) << "\n";
      } else {
        std::printf("sealed %s sha256 %s\n", sealed.enrollment.draft_id.c_str(), sealed.sha256.c_str());
        if (outcome->stored) {
          std::printf("record %s\n", outcome->stored->summary.record_number.c_str());
          for (const auto& flag : outcome->stored->review_flags) {
            std::printf("review flag %s: %s\n", flag.c_str(),
                        i18n::tr(enrollment::ReviewFlagReason(flag)).c_str());
          }
        }
      }
      return 0;
    };
  });
}

const CommandRegistration kRegisterEnroll(50, RegisterEnroll);

}  // namespace

}  // namespace kiosk::cli
