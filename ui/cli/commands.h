#pragma once
// The command groups of kiosk-cli. Each Register* adds its subcommands to the app and sets the
// handler the context runs once arguments are parsed.

#include <CLI/CLI.hpp>

#include <functional>
#include <string>

#include "kiosk/core/config.h"
#include "kiosk/core/error.h"

namespace kiosk::cli {

struct Context {
  Result<Config> config = Config{};
  std::function<int()> handler;  // set by the chosen subcommand's callback
  int Dispatch() { return handler ? handler() : 0; }
};

// Prints a one-line reason on stderr (translated) and returns the exit code for it.
int Failure(const Error& error);

void RegisterDoctor(CLI::App& app, Context& context);

}  // namespace kiosk::cli
