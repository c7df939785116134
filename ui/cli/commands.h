#pragma once
// The command groups of kiosk-cli. Each group lives in its own cmd_<group>.cpp and registers
// itself with a static CommandRegistration, so adding a group never edits main.cpp:
//
//   static const CommandRegistration kRegisterCard(30, RegisterCard);
//
// A Register function adds subcommands to the app; a subcommand's callback sets
// context.handler, which main runs once configuration, logging and language are ready.
// Handlers return the exit code: 0 success, non-zero with a one-line reason on stderr.

#include <CLI/CLI.hpp>

#include <cstdint>
#include <filesystem>
#include <functional>
#include <span>
#include <string>

#include "kiosk/core/config.h"
#include "kiosk/core/error.h"

namespace kiosk::cli {

struct Context {
  Result<Config> config = Config{};
  std::function<int()> handler;  // set by the chosen subcommand's callback
  int Dispatch() { return handler ? handler() : 0; }
  // The loaded configuration, or defaults (with the environment applied) when it did not load.
  Config ConfigOrDefaults() const;
};

using Registrar = void (*)(CLI::App& app, Context& context);

// Registers a command group; order sorts the groups in --help. Orders are unique: equal ones
// would list in link order, which differs between kiosk-cli and kiosk-cli-devices.
struct CommandRegistration {
  CommandRegistration(int order, Registrar registrar);
};

// Runs every registered group's Registrar, in order.
void RegisterAll(CLI::App& app, Context& context);

// The whole command line of either executable (see device_commands.h): parses, loads
// configuration, logging and language, then runs the chosen command; returns the exit code.
int RunCommandLine(int argc, char** argv);

// Writes `data` to `path` (replacing it); kIo with the path when it cannot.
Result<void> WriteBytes(const std::filesystem::path& path, std::span<const uint8_t> data);

// Prints a one-line reason on stderr (translated) and returns exit code 1.
int Failure(const Error& error);
// Prints {"ok": false, "error": code, "reason": English message} for --json callers, and the
// translated line on stderr; returns 1.
int JsonFailure(const Error& error);

}  // namespace kiosk::cli
