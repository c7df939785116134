// kiosk-cli station init --id ID [--replace] [--json]: a CSR for the station key (the store's
//   one key, created when missing), folding in a separate sync key of an earlier version.
// kiosk-cli station import-cert CERT [--json]: installs the certificate the central CA issued.
#include <cstdio>
#include <iostream>

#include <nlohmann/json.hpp>

#include "kiosk/core/i18n.h"
#include "kiosk/core/paths.h"
#include "kiosk/station/central_ca.h"
#include "sync/client/station_identity.h"
#include "ui/cli/commands.h"

namespace kiosk::cli {

namespace {

std::filesystem::path DataDir(const Config& config) {
  return config.data_dir.empty() ? paths::DefaultDataDir() : config.data_dir;
}

void RegisterStation(CLI::App& app, Context& context) {
  auto* station = app.add_subcommand("station", "Station provisioning: key pair, CSR, certificate");
  station->require_subcommand(1);

  struct InitArgs {
    std::string id;
    bool replace = false;
    bool json = false;
  };
  auto init_args = std::make_shared<InitArgs>();
  auto* init = station->add_subcommand("init", "Write a certificate request (CSR) for the station key");
  init->add_option("--id", init_args->id, "Station id (CN of the certificate), e.g. ST-HN-0001")->required();
  init->add_flag("--replace", init_args->replace, "Make a new key (only before the store holds records signed by the old one)");
  init->add_flag("--json", init_args->json, "Print the result as JSON");
  init->callback([&context, init_args] {
    context.handler = [&context, init_args] {
      Config config = context.ConfigOrDefaults();
      auto result = sync::InitStation(DataDir(config), init_args->id, init_args->replace);
      if (!result) return init_args->json ? JsonFailure(result.error()) : Failure(result.error());
      if (init_args->json) {
        std::cout << nlohmann::json{{"ok", true}, {"station_id", init_args->id},
                                    {"csr_file", result->csr_file.string()}}.dump(2) << "\n";
      } else {
        std::printf("%s\n", FormatMessage(i18n::tr(N_("Certificate request written to {0}. Have the central CA sign it, then run 'kiosk-cli station import-cert'.")),
                                          {result->csr_file.string()}).c_str());
      }
      return 0;
    };
  });

  struct ImportArgs {
    std::string cert;
    bool json = false;
  };
  auto import_args = std::make_shared<ImportArgs>();
  auto* import = station->add_subcommand("import-cert", "Install the station certificate issued by the central CA");
  import->add_option("CERT", import_args->cert, "Certificate file (PEM)")->required();
  import->add_flag("--json", import_args->json, "Print the result as JSON");
  import->callback([&context, import_args] {
    context.handler = [&context, import_args] {
      Config config = context.ConfigOrDefaults();
      auto info = sync::ImportStationCertificate(DataDir(config), import_args->cert, station::CentralCaInUse(config));
      if (!info) return import_args->json ? JsonFailure(info.error()) : Failure(info.error());
      if (import_args->json) {
        std::cout << nlohmann::json{{"ok", true}, {"station_id", info->station_id},
                                    {"not_after", info->not_after}}.dump(2) << "\n";
      } else {
        std::printf("%s\n", FormatMessage(i18n::tr(N_("Station certificate installed for {0}, valid until {1}.")),
                                          {info->station_id, info->not_after}).c_str());
      }
      return 0;
    };
  });
}

const CommandRegistration kRegisterStation(80, RegisterStation);

}  // namespace

}  // namespace kiosk::cli
