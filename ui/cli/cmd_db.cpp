// kiosk-cli db verify | db backup FILE: the store's integrity and its online backup.
#include <cstdio>

#include <nlohmann/json.hpp>

#include "kiosk/auth/permissions.h"
#include "kiosk/batch/verify.h"
#include "kiosk/core/i18n.h"
#include "ui/cli/cmd_store_common.h"

namespace kiosk::cli {
namespace {

using storecli::Credentials;

int Verify(const Context& context, const Credentials& credentials) {
  return storecli::WithSession(context, credentials, [&](auto& open, auto& session) {
    auto report = batch::VerifyStore(*open.store, session);
    if (!report) return storecli::Report(credentials, report.error());
    if (credentials.json) {
      nlohmann::json out = {{"ok", report->ok},
                            {"records", report->records},
                            {"items", report->items},
                            {"batches", report->batches},
                            {"audit_entries", report->audit_entries}};
      if (!report->ok) out["problem"] = report->problem;
      std::printf("%s\n", out.dump(2).c_str());
    } else if (report->ok) {
      std::printf("%s\n", FormatMessage(i18n::tr("The store is intact: {0} records, {1} items, "
                                                 "{2} signed batches, {3} audit entries."),
                                        {std::to_string(report->records),
                                         std::to_string(report->items),
                                         std::to_string(report->batches),
                                         std::to_string(report->audit_entries)})
                              .c_str());
    } else {
      std::fprintf(stderr, "%s %s\n", i18n::tr("The store is damaged:").c_str(),
                   report->problem.c_str());
    }
    return report->ok ? 0 : 1;
  });
}

int Backup(const Context& context, const Credentials& credentials, const std::string& file) {
  return storecli::WithSession(context, credentials, [&](auto& open, auto& session) {
    if (auto r = auth::Authorize(*open.store, session, auth::Action::kBackupStore); !r) {
      return storecli::Report(credentials, r.error());
    }
    if (auto r = open.store->Backup(file, auth::AuditActor(session)); !r) {
      return storecli::Report(credentials, r.error());
    }
    if (credentials.json) {
      std::printf("%s\n", nlohmann::json{{"ok", true}, {"file", file}}.dump().c_str());
    } else {
      std::printf("%s\n",
                  i18n::tr("Backup written. It stays encrypted: keep the key file's backup "
                           "separately.")
                      .c_str());
    }
    return 0;
  });
}

void RegisterDb(CLI::App& app, Context& context) {
  auto* group = app.add_subcommand("db", "The encrypted store: verify, backup");
  group->require_subcommand(1);
  {
    auto credentials = std::make_shared<Credentials>();
    auto* cmd = group->add_subcommand(
        "verify", "Integrity check, every blob decrypts and matches its record, batch "
                  "signatures, audit chain; reports the first problem");
    storecli::AddCredentialOptions(cmd, credentials);
    cmd->callback([&context, credentials] {
      context.handler = [&context, credentials] { return Verify(context, *credentials); };
    });
  }
  {
    auto credentials = std::make_shared<Credentials>();
    auto file = std::make_shared<std::string>();
    auto* cmd = group->add_subcommand("backup", "Online backup to FILE (stays encrypted)");
    cmd->add_option("file", *file, "Destination file")->required();
    storecli::AddCredentialOptions(cmd, credentials);
    cmd->callback([&context, credentials, file] {
      context.handler = [&context, credentials, file] {
        return Backup(context, *credentials, *file);
      };
    });
  }
}

const CommandRegistration kRegisterDb(63, RegisterDb);

}  // namespace
}  // namespace kiosk::cli
