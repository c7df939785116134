// kiosk-cli audit verify | audit export [--json] [--after SEQ]: the tamper-evident audit log.
#include <cstdio>

#include <nlohmann/json.hpp>

#include "kiosk/auth/permissions.h"
#include "kiosk/core/i18n.h"
#include "kiosk/crypto/crypto.h"
#include "ui/cli/cmd_store_common.h"

namespace kiosk::cli {
namespace {

using storecli::Credentials;

int Verify(const Context& context, const Credentials& credentials) {
  return storecli::WithSession(context, credentials, [&](auto& open, auto& session) {
    if (auto r = auth::Authorize(*open.store, session, auth::Action::kVerifyStore); !r) {
      return storecli::Report(credentials, r.error());
    }
    auto report = open.store->audit().Verify();
    if (!report) return storecli::Report(credentials, report.error());
    if (credentials.json) {
      nlohmann::json out = {{"ok", report->ok}, {"entries", report->entries}};
      if (!report->ok) {
        out["first_bad_entry"] = report->first_bad_seq;
        out["problem"] = report->problem;
      }
      std::printf("%s\n", out.dump(2).c_str());
    } else if (report->ok) {
      std::printf("%s\n", FormatMessage(i18n::tr("The audit log is intact: {0} entries."),
                                        {std::to_string(report->entries)})
                              .c_str());
    } else {
      std::fprintf(stderr, "%s %s\n", i18n::tr("The audit log was tampered with:").c_str(),
                   report->problem.c_str());
    }
    return report->ok ? 0 : 1;
  });
}

int Export(const Context& context, const Credentials& credentials, int64_t after) {
  return storecli::WithSession(context, credentials, [&](auto& open, auto& session) {
    if (auto r = auth::Authorize(*open.store, session, auth::Action::kReadAudit); !r) {
      return storecli::Report(credentials, r.error());
    }
    auto entries = open.store->audit().List(after);
    if (!entries) return storecli::Report(credentials, entries.error());
    nlohmann::json out = nlohmann::json::array();
    for (const auto& e : *entries) {
      if (credentials.json) {
        out.push_back({{"seq", e.seq},
                       {"at", e.at},
                       {"actor", e.actor},
                       {"action", e.action},
                       {"record", e.record},
                       {"outcome", e.outcome},
                       {"detail", e.detail},
                       {"hash", crypto::ToHex(e.hash)}});
      } else {
        std::printf("%6lld %lld %-12s %-22s %-16s %-8s %s\n", static_cast<long long>(e.seq),
                    static_cast<long long>(e.at), e.actor.c_str(), e.action.c_str(),
                    e.record.c_str(), e.outcome.c_str(), e.detail.c_str());
      }
    }
    if (credentials.json) std::printf("%s\n", out.dump(2).c_str());
    (void)open.store->audit().Append(auth::AuditActor(session), "audit.export", "", "ok",
                                     std::to_string(entries->size()) + " entries");
    return 0;
  });
}

void RegisterAudit(CLI::App& app, Context& context) {
  auto* group = app.add_subcommand("audit", "The tamper-evident audit log");
  group->require_subcommand(1);
  {
    auto credentials = std::make_shared<Credentials>();
    auto* cmd = group->add_subcommand(
        "verify", "Check the hash chain and the signed checkpoints; report the first bad entry");
    storecli::AddCredentialOptions(cmd, credentials);
    cmd->callback([&context, credentials] {
      context.handler = [&context, credentials] { return Verify(context, *credentials); };
    });
  }
  {
    auto credentials = std::make_shared<Credentials>();
    auto after = std::make_shared<int64_t>(0);
    auto* cmd = group->add_subcommand("export", "Print the audit entries");
    cmd->add_option("--after", *after, "Only entries after this sequence number");
    storecli::AddCredentialOptions(cmd, credentials);
    cmd->callback([&context, credentials, after] {
      context.handler = [&context, credentials, after] {
        return Export(context, *credentials, *after);
      };
    });
  }
}

const CommandRegistration kRegisterAudit(64, RegisterAudit);

}  // namespace
}  // namespace kiosk::cli
