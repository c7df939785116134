// kiosk-cli station provision --user U [--id ID] [--unit UNIT] [--csr-out FILE] [--ca FILE]
//   [--cert FILE] [--trust FILE]... [--json]
// The technician screen's first-run registration for headless installs, through the same port
// (station::Provisioning): each option given does its step, in the screen's order, then the
// steps are printed with what is done and what is next. Without options it only reports.
#include <cstdio>
#include <iostream>

#include <nlohmann/json.hpp>

#include "drivers/station/chip_sources.h"
#include "drivers/station/station_probes.h"
#include "kiosk/core/i18n.h"
#include "sync/station/provisioning.h"
#include "ui/cli/cmd_store_common.h"
#include "ui/controllers/technician_controller.h"

namespace kiosk::cli {

namespace {

struct ProvisionArgs {
  std::string id;
  std::string unit;
  std::string csr_out;
  std::string ca;
  std::string cert;
  std::vector<std::string> trust;
};

int RunProvision(const Context& context, const storecli::Credentials& credentials,
                 const ProvisionArgs& args) {
  return storecli::WithSession(context, credentials, [&](storecli::OpenStore& open,
                                                         const auth::Session& session) {
    Config config = context.ConfigOrDefaults();
    if (config.data_dir.empty()) config.data_dir = paths::DefaultDataDir();
    sync::ProvisioningOptions options;
    options.config = config;
    options.store = open.store.get();
    options.trust_dir = drivers::TrustDir(config);
    options.probe_devices = [config](std::string_view area) {
      return drivers::ProbeStationDevices(config, area);
    };
    auto provisioning = sync::MakeStationProvisioning(std::move(options));
    nlohmann::json done = nlohmann::json::array();
    auto fail = [&](const Error& e) { return storecli::Report(credentials, e); };

    if (!args.id.empty()) {
      auto csr = provisioning->GenerateCsr(session, args.id, args.unit, args.csr_out);
      if (!csr) return fail(csr.error());
      done.push_back({{"step", "csr"}, {"file", csr->string()}});
      if (!credentials.json) {
        std::printf("%s\n", FormatMessage(i18n::tr(N_("Certificate request saved to {0}. Take it to the central CA.")),
                                          {csr->string()}).c_str());
      }
    }
    if (!args.ca.empty()) {
      auto ca = provisioning->ImportCentralCa(session, args.ca);
      if (!ca) return fail(ca.error());
      done.push_back({{"step", "central_ca"}, {"subject", ca->subject}, {"not_after", ca->not_after}});
    }
    if (!args.cert.empty()) {
      auto cert = provisioning->ImportCertificate(session, args.cert);
      if (!cert) return fail(cert.error());
      done.push_back({{"step", "certificate"}, {"subject", cert->subject},
                      {"not_after", cert->not_after}});
    }
    for (const auto& file : args.trust) {
      auto added = provisioning->ImportTrust(session, file);
      if (!added) return fail(added.error());
      done.push_back({{"step", "trust"}, {"file", file}, {"csca", *added}});
    }

    auto status = provisioning->Status();
    if (!status) return fail(status.error());
    const auto steps = ui::RegistrationSteps(*status, false, false);
    if (credentials.json) {
      nlohmann::json list = nlohmann::json::array();
      for (const auto& s : steps) list.push_back({{"step", s.title}, {"done", s.done}});
      nlohmann::json out{{"ok", true},
                         {"station_id", status->station_id},
                         {"registered", status->Registered()},
                         {"done", done},
                         {"steps", list}};
      if (status->certificate) {
        out["certificate"] = {{"subject", status->certificate->subject},
                              {"not_before", status->certificate->not_before},
                              {"not_after", status->certificate->not_after}};
      }
      std::cout << out.dump(2) << "\n";
      return 0;
    }
    // Devices and upload are checked on the screen, by doctor and by `sync`: listed, not ticked.
    for (size_t i = 0; i < steps.size(); ++i) {
      const bool checked_elsewhere = i >= 5;
      std::printf("%s %s — %s\n", checked_elsewhere ? "·" : (steps[i].done ? "✔" : "○"),
                  steps[i].title.c_str(), steps[i].detail.c_str());
    }
    if (status->certificate) {
      std::printf("%s\n", FormatMessage(i18n::tr(N_("Station certificate installed: {0}, valid until {1}.")),
                                        {status->certificate->subject, status->certificate->not_after})
                              .c_str());
    }
    return 0;
  });
}

void RegisterProvision(CLI::App& app, Context& context) {
  CLI::App* station = nullptr;
  try {
    station = app.get_subcommand("station");
  } catch (const CLI::Error&) {
    station = app.add_subcommand("station", "Station provisioning: key pair, CSR, certificate");
  }
  auto credentials = std::make_shared<storecli::Credentials>();
  auto args = std::make_shared<ProvisionArgs>();
  auto* cmd = station->add_subcommand(
      "provision", "First-run registration, step by step (as on the technician screen)");
  storecli::AddCredentialOptions(cmd, credentials);
  cmd->add_option("--id", args->id, "Station id: sets it, makes the key and writes the CSR");
  cmd->add_option("--unit", args->unit, "Police unit of the desk");
  cmd->add_option("--csr-out", args->csr_out, "Copy the CSR to this file (e.g. on a USB stick)");
  cmd->add_option("--ca", args->ca, "Import the central CA certificate (PEM)");
  cmd->add_option("--cert", args->cert, "Import the station certificate the central CA issued");
  cmd->add_option("--trust", args->trust, "Import a CSCA certificate or ICAO master list (repeatable)");
  cmd->callback([&context, credentials, args] {
    context.handler = [&context, credentials, args] {
      return RunProvision(context, *credentials, *args);
    };
  });
}

const CommandRegistration kRegisterProvision(81, RegisterProvision);

}  // namespace

}  // namespace kiosk::cli
