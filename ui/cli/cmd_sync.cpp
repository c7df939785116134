// kiosk-cli sync now [--budget S] [--json]: sends the outbox's due packets, then pulls statuses.
// kiosk-cli sync status [--json]: the outbox's counts and whether the central server answers.
// kiosk-cli status RECORD [--json]: the citizen-facing status of a record.
//
// Until the encrypted store lands, the outbox is the interim SQLite file <data_dir>/outbox.db
// (sync/client/sqlite_outbox.h) and `status` asks the server directly, falling back to the
// outbox's last known status when the server cannot be reached.
#include <cstdio>
#include <iostream>
#include <optional>
#include <thread>

#include <nlohmann/json.hpp>

#include "kiosk/core/clock.h"
#include "kiosk/core/i18n.h"
#include "kiosk/core/paths.h"
#include "kiosk/sync_port/citizen_status.h"
#include "sync/client/curl_transport.h"
#include "sync/client/outbox_worker.h"
#include "sync/client/sqlite_outbox.h"
#include "sync/packet/packet.h"
#include "ui/cli/commands.h"

namespace kiosk::cli {

namespace {

Config SyncConfig(const Context& context) {
  Config config = context.ConfigOrDefaults();
  if (config.data_dir.empty()) config.data_dir = paths::DefaultDataDir();
  return config;
}

Result<std::unique_ptr<sync::SqliteOutboxQueue>> OpenOutbox(const Config& config) {
  std::error_code ec;
  std::filesystem::create_directories(config.data_dir, ec);
  return sync::SqliteOutboxQueue::Open(config.data_dir / "outbox.db");
}

int Fail(bool json, const Error& error) { return json ? JsonFailure(error) : Failure(error); }

int SyncNow(const Context& context, int budget_seconds, bool json) {
  Config config = SyncConfig(context);
  auto transport = sync::CurlTransport::Create(sync::TransportOptionsFromConfig(config));
  if (!transport) return Fail(json, transport.error());
  auto outbox = OpenOutbox(config);
  if (!outbox) return Fail(json, outbox.error());
  sync::OutboxWorker worker(**outbox, **transport, SystemClock::Instance());
  if (!json) {
    worker.SetProgressCallback([](const sync::SyncProgress& progress) {
      if (progress.total > 0) {
        std::fprintf(stderr, "\r%s %3d%%", progress.packet_id.c_str(),
                     static_cast<int>(100 * progress.sent / progress.total));
      }
    });
  }
  auto sent = worker.Drain(std::chrono::seconds(budget_seconds),
                           [](std::chrono::milliseconds d) { std::this_thread::sleep_for(d); });
  if (!json) std::fprintf(stderr, "\n");
  if (!sent) return Fail(json, sent.error());
  auto pulled = worker.PullStatus();
  auto counts = (*outbox)->Counts();
  if (json) {
    nlohmann::json doc = {{"ok", counts && counts->queued == 0 && counts->parked == 0},
                          {"acknowledged", sent->acknowledged},
                          {"duplicates", sent->duplicates},
                          {"retried", sent->retried},
                          {"parked", sent->parked},
                          {"statuses", pulled ? *pulled : 0},
                          {"last_error", sent->last_error}};
    if (counts) doc["queued"] = counts->queued;
    std::cout << doc.dump(2) << "\n";
  } else {
    std::printf("%s\n", FormatMessage(i18n::tr(N_("Sent: {0}, still queued: {1}, parked: {2}.")),
                                      {std::to_string(sent->acknowledged),
                                       counts ? std::to_string(counts->queued) : "?",
                                       counts ? std::to_string(counts->parked) : "?"}).c_str());
    if (!sent->last_error.empty()) std::printf("%s\n", i18n::tr(sent->last_error).c_str());
  }
  if (!pulled) return Fail(json, pulled.error());
  return counts && counts->queued == 0 && counts->parked == 0 ? 0 : 1;
}

int SyncStatus(const Context& context, bool json) {
  Config config = SyncConfig(context);
  auto outbox = OpenOutbox(config);
  if (!outbox) return Fail(json, outbox.error());
  auto counts = (*outbox)->Counts();
  if (!counts) return Fail(json, counts.error());
  auto cursor = (*outbox)->StatusCursor();
  std::string server = N_("not configured");
  if (!config.server.url.empty()) {
    auto transport = sync::CurlTransport::Create(sync::TransportOptionsFromConfig(config));
    auto health = transport ? (*transport)->Health() : Result<void>(kiosk::Fail(transport.error()));
    server = health ? N_("reachable") : health.error().EnglishMessage();
  }
  if (json) {
    std::cout << nlohmann::json{{"ok", true}, {"queued", counts->queued},
                                {"acknowledged", counts->acknowledged}, {"parked", counts->parked},
                                {"status_cursor", cursor ? *cursor : ""}, {"server", server}}.dump(2)
              << "\n";
  } else {
    std::printf("%s\n", FormatMessage(i18n::tr(N_("Queued: {0}, acknowledged: {1}, parked: {2}.")),
                                      {std::to_string(counts->queued), std::to_string(counts->acknowledged),
                                       std::to_string(counts->parked)}).c_str());
    std::printf("%s: %s\n", i18n::tr(N_("Central server")).c_str(), i18n::tr(server).c_str());
  }
  return 0;
}

int RecordStatus(const Context& context, const std::string& record, bool json) {
  if (!sync::IsValidPacketId(record)) {
    return Fail(json, Error::InvalidArgument(N_("The record number is malformed.")));
  }
  Config config = SyncConfig(context);
  std::optional<sync::StatusChange> known;
  std::string source = "server";
  auto transport = sync::CurlTransport::Create(sync::TransportOptionsFromConfig(config));
  Result<sync::PacketStatus> remote =
      transport ? (*transport)->FetchStatus(record) : Result<sync::PacketStatus>(kiosk::Fail(transport.error()));
  if (remote) {
    known = sync::StatusChange{remote->packet_id, remote->status, remote->reason, remote->changed_at};
  } else if (remote.error().code() == ErrorCode::kNotFound) {
    return Fail(json, remote.error());
  } else {
    // The server cannot be asked: answer from what the station last heard.
    auto outbox = OpenOutbox(config);
    if (outbox) {
      auto item = (*outbox)->Find(record);
      if (item && item->has_value() && (*item)->central_status) known = (*item)->central_status;
    }
    if (!known) return Fail(json, remote.error());
    source = "station";
  }
  std::string text = sync::CitizenStatusText(known->status, known->reason);
  if (json) {
    std::cout << nlohmann::json{{"ok", true}, {"record", record},
                                {"status", std::string(sync::ToString(known->status))},
                                {"reason", known->reason}, {"changed_at", known->changed_at},
                                {"text", text}, {"source", source}}.dump(2)
              << "\n";
  } else {
    std::printf("%s\n", text.c_str());
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
  auto* now = group->add_subcommand("now", "Send queued packets now (retrying within the time budget), then pull statuses");
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

}  // namespace

}  // namespace kiosk::cli
