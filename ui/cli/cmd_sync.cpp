// kiosk-cli sync now [--budget S] [--json]: packages the records approved in signed batches,
//   sends what is due (retrying within the budget), then pulls central statuses.
// kiosk-cli sync status [--json]: the outbox's counts and whether the central server answers.
// kiosk-cli sync retry [--json]: puts parked records back in the queue (after a fix).
// kiosk-cli status RECORD [--json]: the citizen-facing status of a record.
//
// The outbox is the store's (kiosk/sync_port/store_outbox.h): the same queue the station app's
// sync service works on, so the two may run side by side.
#include <cstdio>
#include <iostream>
#include <optional>
#include <thread>

#include <nlohmann/json.hpp>

#include "kiosk/core/clock.h"
#include "kiosk/core/i18n.h"
#include "kiosk/core/paths.h"
#include "kiosk/sync_port/citizen_status.h"
#include "sync/packet/packet.h"
#include "sync/packet/receipt.h"
#include "sync/station/station_sync.h"
#include "sync/station/sync_engine.h"
#include "ui/cli/commands.h"

namespace kiosk::cli {

namespace {

Config SyncConfig(const Context& context) {
  Config config = context.ConfigOrDefaults();
  if (config.data_dir.empty()) config.data_dir = paths::DefaultDataDir();
  return config;
}

int Fail(bool json, const Error& error) { return json ? JsonFailure(error) : Failure(error); }

Result<std::unique_ptr<sync::SyncEngine>> OpenEngine(const Config& config) {
  return sync::SyncEngine::Open(config, config.data_dir, SystemClock::Instance());
}

int SyncNow(const Context& context, int budget_seconds, bool json) {
  Config config = SyncConfig(context);
  auto engine = OpenEngine(config);
  if (!engine) return Fail(json, engine.error());
  if (!(*engine)->configured()) {
    return Fail(json, Error(ErrorCode::kUnsupported, (*engine)->not_configured()));
  }
  if (!json) {
    (*engine)->worker()->SetProgressCallback([](const sync::SyncProgress& progress) {
      if (progress.total > 0) {
        std::fprintf(stderr, "\r%s %3d%%", progress.packet_id.c_str(),
                     static_cast<int>(100 * progress.sent / progress.total));
      }
    });
  }
  auto round = (*engine)->Round(std::chrono::seconds(budget_seconds),
                                [](std::chrono::milliseconds d) { std::this_thread::sleep_for(d); });
  if (!json) std::fprintf(stderr, "\n");
  auto counts = (*engine)->outbox().StationCounts();
  const bool done = counts && counts->queued == 0 && counts->parked == 0 &&
                    counts->awaiting_packaging == 0 && round.reached_server;
  if (json) {
    nlohmann::json doc = {{"ok", done},
                          {"packaged", round.packaged},
                          {"acknowledged", round.sent.acknowledged},
                          {"duplicates", round.sent.duplicates},
                          {"retried", round.sent.retried},
                          {"parked", round.sent.parked + round.package_failures},
                          {"statuses", round.statuses},
                          {"last_error", round.last_error}};
    if (counts) {
      doc["queued"] = counts->queued;
      doc["awaiting_packaging"] = counts->awaiting_packaging;
      doc["parked_total"] = counts->parked;
      doc["acknowledged_total"] = counts->acknowledged;
    }
    std::cout << doc.dump(2) << "\n";
  } else {
    std::printf("%s\n", FormatMessage(i18n::tr(N_("Sent: {0}, still queued: {1}, parked: {2}.")),
                                      {std::to_string(round.sent.acknowledged),
                                       counts ? std::to_string(counts->queued + counts->awaiting_packaging) : "?",
                                       counts ? std::to_string(counts->parked) : "?"}).c_str());
    if (!round.last_error_text.empty()) std::printf("%s\n", round.last_error_text.c_str());
  }
  return done ? 0 : 1;
}

int SyncStatus(const Context& context, bool json) {
  Config config = SyncConfig(context);
  auto engine = OpenEngine(config);
  if (!engine) return Fail(json, engine.error());
  auto counts = (*engine)->outbox().StationCounts();
  if (!counts) return Fail(json, counts.error());
  auto cursor = (*engine)->outbox().StatusCursor();
  auto last = (*engine)->outbox().LastSuccessfulSync();
  std::string server = N_("not configured");
  if (!(*engine)->configured()) {
    server = (*engine)->not_configured();
  } else {
    auto transport = sync::CurlTransport::Create(sync::TransportOptionsFromConfig(config));
    auto health = transport ? (*transport)->Health() : Result<void>(kiosk::Fail(transport.error()));
    server = health ? N_("reachable") : health.error().EnglishMessage();
  }
  std::string last_text = last && last->has_value() ? sync::IsoUtc(**last) : "";
  if (json) {
    std::cout << nlohmann::json{{"ok", true}, {"awaiting_packaging", counts->awaiting_packaging},
                                {"queued", counts->queued}, {"acknowledged", counts->acknowledged},
                                {"parked", counts->parked}, {"status_cursor", cursor ? *cursor : ""},
                                {"last_success", last_text}, {"server", server}}.dump(2)
              << "\n";
  } else {
    std::printf("%s\n", FormatMessage(i18n::tr(N_("Queued: {0}, acknowledged: {1}, parked: {2}.")),
                                      {std::to_string(counts->queued + counts->awaiting_packaging),
                                       std::to_string(counts->acknowledged),
                                       std::to_string(counts->parked)}).c_str());
    std::printf("%s: %s\n", i18n::tr(N_("Central server")).c_str(), i18n::tr(server).c_str());
  }
  return 0;
}

int SyncRetry(const Context& context, bool json) {
  Config config = SyncConfig(context);
  auto engine = OpenEngine(config);
  if (!engine) return Fail(json, engine.error());
  auto requeued = (*engine)->outbox().RequeueParked(SystemClock::Instance().Now());
  if (!requeued) return Fail(json, requeued.error());
  if (json) {
    std::cout << nlohmann::json{{"ok", true}, {"requeued", *requeued}}.dump(2) << "\n";
  } else {
    std::printf("%s\n", FormatMessage(i18n::tr(N_("Back in the queue: {0}.")),
                                      {std::to_string(*requeued)}).c_str());
  }
  return 0;
}

int RecordStatus(const Context& context, const std::string& record, bool json) {
  Config config = SyncConfig(context);
  auto engine = OpenEngine(config);
  if (!engine) return Fail(json, engine.error());
  auto status = sync::LookUpRecordStatus(**engine, std::nullopt, record);
  if (!status) return Fail(json, status.error());
  if (json) {
    nlohmann::json doc = {{"ok", true},
                          {"record", status->record_number},
                          {"known_to_station", status->known_to_station},
                          {"local_state", status->local_state},
                          {"text", status->citizen_text},
                          {"changed_at", status->changed_at}};
    doc["status"] = status->central ? std::string(sync::ToString(*status->central)) : "";
    std::cout << doc.dump(2) << "\n";
  } else {
    std::printf("%s\n", status->citizen_text.c_str());
    std::printf("%s: %s\n", i18n::tr(N_("At the station")).c_str(), status->local_state.c_str());
  }
  return 0;
}

void RegisterSync(CLI::App& app, Context& context) {
  auto* group = app.add_subcommand("sync", "Send approved records to the central server");
  group->require_subcommand(1);

  struct NowArgs {
    int budget = 60;
    bool json = false;
  };
  auto now_args = std::make_shared<NowArgs>();
  auto* now = group->add_subcommand("now", "Package approved records, send them (retrying within the time budget), then pull statuses");
  now->add_option("--budget", now_args->budget, "Seconds to keep retrying")->check(CLI::Range(1, 3600));
  now->add_flag("--json", now_args->json, "Print the result as JSON");
  now->callback([&context, now_args] {
    context.handler = [&context, now_args] { return SyncNow(context, now_args->budget, now_args->json); };
  });

  auto status_json = std::make_shared<bool>(false);
  auto* status = group->add_subcommand("status", "Outbox counts and server reachability");
  status->add_flag("--json", *status_json, "Print the result as JSON");
  status->callback([&context, status_json] {
    context.handler = [&context, status_json] { return SyncStatus(context, *status_json); };
  });

  auto retry_json = std::make_shared<bool>(false);
  auto* retry = group->add_subcommand("retry", "Put parked records back in the queue after fixing the cause");
  retry->add_flag("--json", *retry_json, "Print the result as JSON");
  retry->callback([&context, retry_json] {
    context.handler = [&context, retry_json] { return SyncRetry(context, *retry_json); };
  });

}

// A top-level command of its own (not in the "sync" group), registered right after it.
void RegisterRecordStatus(CLI::App& app, Context& context) {
  struct RecordArgs {
    std::string record;
    bool json = false;
  };
  auto record_args = std::make_shared<RecordArgs>();
  auto* record = app.add_subcommand("status", "The processing status of a record, as told to the citizen");
  record->add_option("RECORD", record_args->record, "Record number")->required();
  record->add_flag("--json", record_args->json, "Print the result as JSON");
  record->callback([&context, record_args] {
    context.handler = [&context, record_args] {
      return RecordStatus(context, record_args->record, record_args->json);
    };
  });
}

const CommandRegistration kRegisterSync(85, RegisterSync);
const CommandRegistration kRegisterRecordStatus(86, RegisterRecordStatus);

}  // namespace

}  // namespace kiosk::cli
