#include "ui/cli/commands.h"

#include <algorithm>
#include <cstdio>
#include <fstream>
#include <iostream>
#include <vector>

#include <nlohmann/json.hpp>

#include "kiosk/core/i18n.h"
#include "kiosk/core/log.h"
#include "kiosk/core/version.h"

namespace kiosk::cli {
namespace {

std::vector<std::pair<int, Registrar>>& Registry() {
  static std::vector<std::pair<int, Registrar>> registry;
  return registry;
}

}  // namespace

CommandRegistration::CommandRegistration(int order, Registrar registrar) {
  Registry().emplace_back(order, registrar);
}

void RegisterAll(CLI::App& app, Context& context) {
  auto entries = Registry();
  std::stable_sort(entries.begin(), entries.end(),
                   [](const auto& a, const auto& b) { return a.first < b.first; });
  for (const auto& [order, registrar] : entries) registrar(app, context);
}

Config Context::ConfigOrDefaults() const {
  if (config) return *config;
  Config defaults;
  (void)ApplyEnvironment(defaults);
  return defaults;
}

Result<void> WriteBytes(const std::filesystem::path& path, std::span<const uint8_t> data) {
  std::ofstream out(path, std::ios::binary | std::ios::trunc);
  out.write(reinterpret_cast<const char*>(data.data()), static_cast<std::streamsize>(data.size()));
  if (!out) return Fail(Error::Io(N_("Cannot write {0}."), path.string()).WithArg(path.string()));
  return {};
}

int Failure(const Error& error) {
  std::fprintf(stderr, "%s\n", error.Message().c_str());
  return 1;
}

int JsonFailure(const Error& error) {
  nlohmann::json doc = {{"ok", false},
                        {"error", std::string(ToString(error.code()))},
                        {"retriable", error.retriable()},
                        {"reason", error.EnglishMessage()}};
  std::cout << doc.dump(2) << "\n";
  return Failure(error);
}

int RunCommandLine(int argc, char** argv) {
  CLI::App app{"kiosk-cli: the enrollment station's command line"};
  app.require_subcommand(0, 1);
  bool version = false;
  std::string lang;
  app.add_flag("--version", version, "Print the version and exit");
  app.add_option("--lang", lang, "Language of messages: vi (default) or en");

  Context context;
  RegisterAll(app, context);

  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    return app.exit(e);
  }
  if (version) {
    std::printf("kiosk-cli %s\n", std::string(Version()).c_str());
    return 0;
  }

  log::Options log_options;
  log_options.level = "warn";  // the CLI prints its results; logs are for problems
  log::Init(log_options);

  context.config = LoadConfig();
  std::string language = !lang.empty() ? lang : (context.config ? context.config->language : "vi");
  if (auto r = i18n::SetLanguage(language); !r) {
    std::fprintf(stderr, "%s\n", r.error().EnglishMessage().c_str());
    return 2;
  }
  if (app.get_subcommands().empty()) {
    std::cout << app.help();
    return 0;
  }
  return context.Dispatch();
}

}  // namespace kiosk::cli
