// kiosk-cli doctor [--json]: checks everything the station needs, one line each.
#include <chrono>
#include <cstdio>
#include <iostream>

#include "drivers/device_probes.h"
#include "kiosk/core/i18n.h"
#include "kiosk/diagnostics/check.h"
#include "kiosk/diagnostics/security_checks.h"
#include "kiosk/process/openmp_threads.h"
#include "sync/server_probe.h"
#include "ui/cli/commands.h"

namespace kiosk::cli {

namespace {

// Pads to a width in characters, not bytes: Vietnamese labels are multi-byte in UTF-8.
std::string PadRight(const std::string& text, size_t width) {
  size_t chars = 0;
  for (unsigned char c : text) chars += (c & 0xC0) != 0x80;
  return chars >= width ? text + " " : text + std::string(width - chars, ' ');
}

void RegisterDoctor(CLI::App& app, Context& context) {
  auto* cmd = app.add_subcommand("doctor", "Check readers, card, cameras, fingerprint sensors, "
                                           "scanners, data directory, keys, certificates, trust store, "
                                           "configuration and server");
  auto json = std::make_shared<bool>(false);
  cmd->add_flag("--json", *json, "Print the checks as JSON");
  cmd->callback([&context, json] {
    context.handler = [&context, json] {
      std::vector<diag::Check> checks = diag::CheckConfig(context.config);
      Config config = context.ConfigOrDefaults();
      auto add = [&checks](std::vector<diag::Check> more) {
        checks.insert(checks.end(), more.begin(), more.end());
      };
      add(diag::CheckDataDir(config));
      add({process::CheckOpenMpThreads()});
      const auto now = std::chrono::system_clock::now();
      add(diag::CheckKeyFiles(diag::StationKeyFiles(config)));
      add(diag::CheckCertificates(config, now));
      add(diag::CheckTrustStore(diag::TrustStoreDir(config), now));
      for (auto& probe : drivers::MakeDeviceProbes()) add(probe->Run(config));
      add(sync::ProbeServer(config));

      if (*json) {
        std::cout << diag::ToJson(checks) << "\n";
      } else {
        for (const auto& c : checks) {
          std::string status;
          switch (c.status) {
            case diag::Status::kOk: status = "OK"; break;
            case diag::Status::kMissing: status = i18n::tr("missing"); break;
            case diag::Status::kWarning: status = i18n::tr("warning"); break;
            case diag::Status::kError: status = i18n::tr("ERROR"); break;
          }
          std::printf("%s%s%s%s%s\n", PadRight(status, 8).c_str(), PadRight(c.area, 12).c_str(),
                      c.Text().c_str(),
                      c.subject.empty() ? "" : "  [", c.subject.empty() ? "" : (c.subject + "]").c_str());
        }
      }
      return diag::AllOk(checks) ? 0 : 1;
    };
  });
}

const CommandRegistration kRegisterDoctor(10, RegisterDoctor);

}  // namespace

}  // namespace kiosk::cli
