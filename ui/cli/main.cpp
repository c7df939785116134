// kiosk-cli: the composition root of the command line. Each command group registers itself;
// this file only loads configuration, logging and language, then dispatches.
#include <CLI/CLI.hpp>

#include <cstdio>
#include <iostream>

#include "kiosk/core/config.h"
#include "kiosk/core/i18n.h"
#include "kiosk/core/log.h"
#include "kiosk/core/version.h"
#include "ui/cli/commands.h"

int main(int argc, char** argv) {
  using namespace kiosk;
  CLI::App app{"kiosk-cli: the enrollment station's command line"};
  app.require_subcommand(0, 1);
  bool version = false;
  std::string lang;
  app.add_flag("--version", version, "Print the version and exit");
  app.add_option("--lang", lang, "Language of messages: vi (default) or en");

  cli::Context context;
  cli::RegisterAll(app, context);

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
