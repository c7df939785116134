// kiosk-cli records list [--status S] [--batch N]: record numbers, statuses and times only (no
// citizen data, so any role may list).
#include <cstdio>

#include <nlohmann/json.hpp>

#include "kiosk/core/i18n.h"
#include "ui/cli/cmd_store_common.h"

namespace kiosk::cli {
namespace {

using storecli::Credentials;

std::string FormatTime(int64_t unix_seconds) {
  if (unix_seconds == 0) return "-";
  // Station time (UTC+7), like the batch days.
  time_t t = static_cast<time_t>(unix_seconds + 7 * 3600);
  std::tm tm{};
  gmtime_r(&t, &tm);
  char text[32];
  std::strftime(text, sizeof text, "%Y-%m-%d %H:%M", &tm);
  return text;
}

nlohmann::json ToJson(const batch::RecordSummary& r) {
  return {{"record_number", r.record_number},
          {"status", std::string(batch::ToString(r.status))},
          {"batch", r.batch_id},
          {"needs_decision", r.needs_decision},
          {"created_at", r.created_at},
          {"sealed_at", r.sealed_at},
          {"updated_at", r.updated_at},
          {"sealed_by", r.sealed_by},
          {"purged", r.purged}};
}

}  // namespace

// Also used by `batch show`.
void PrintRecords(const std::vector<batch::RecordSummary>& list, bool json) {
  if (json) {
    nlohmann::json out = nlohmann::json::array();
    for (const auto& r : list) out.push_back(ToJson(r));
    std::printf("%s\n", out.dump(2).c_str());
    return;
  }
  for (const auto& r : list) {
    std::printf("%-16s %-24s batch %-5lld %s  %s%s\n", r.record_number.c_str(),
                std::string(batch::ToString(r.status)).c_str(),
                static_cast<long long>(r.batch_id), FormatTime(r.updated_at).c_str(),
                r.sealed_by.c_str(), r.needs_decision ? "  [needs decision]" : "");
  }
}

namespace {

void RegisterRecords(CLI::App& app, Context& context) {
  auto* group = app.add_subcommand("records", "Sealed enrollment records");
  group->require_subcommand(1);
  auto credentials = std::make_shared<Credentials>();
  auto status = std::make_shared<std::string>();
  auto batch_id = std::make_shared<int64_t>(0);
  auto* cmd = group->add_subcommand("list", "List records (numbers, statuses, times)");
  cmd->add_option("--status", *status,
                  "Only this status: sealed, approved, rejected, queued, sent, acknowledged, "
                  "received_for_processing, not_accepted, central_approved");
  cmd->add_option("--batch", *batch_id, "Only this batch");
  storecli::AddCredentialOptions(cmd, credentials);
  cmd->callback([&context, credentials, status, batch_id] {
    context.handler = [&context, credentials, status, batch_id] {
      std::optional<batch::RecordStatus> wanted;
      if (!status->empty()) {
        wanted = batch::RecordStatusFromString(*status);
        if (!wanted) {
          return storecli::Report(*credentials,
                                  Error::InvalidArgument("Unknown status: {0}").WithArg(*status));
        }
      }
      return storecli::WithSession(context, *credentials, [&](auto& open, auto& session) {
        auto list = open.records->List(
            session, wanted, *batch_id > 0 ? std::optional<int64_t>(*batch_id) : std::nullopt);
        if (!list) return storecli::Report(*credentials, list.error());
        PrintRecords(*list, credentials->json);
        return 0;
      });
    };
  });
}

const CommandRegistration kRegisterRecords(61, RegisterRecords);

}  // namespace
}  // namespace kiosk::cli
