#include "ui/cli/device_commands.h"

#include <cstring>
#include <string_view>

#include <CLI/CLI.hpp>

#include "ui/cli/commands.h"

namespace kiosk::cli {

namespace {

// Kept in step with the groups' own registrations by tests/ui/cli_split_test.sh.
constexpr DeviceCommand kDeviceCommands[] = {
    {10, "doctor", nullptr,
     "Check readers, card, cameras, fingerprint sensors, scanners, data directory, keys, "
     "certificates, trust store, configuration and server"},
    {31, "card", "sim", "Run the CCCD chip emulator as a vpcd card until stopped"},
    {45, "paper", nullptr, "Papers to integrate (GPLX, BHYT, vehicle, MST)"},
    {50, "enroll", nullptr, "A headless enrollment from files (tests, demos)"},
    {56, "face", nullptr, "Portrait quality checks and capture"},
    {57, "finger", nullptr, "Fingerprint capture and quality"},
    {81, "station", "provision", "First-run registration, step by step (as on the technician screen)"},
    // Packaging a record transcodes its images into the ISO/IEC 19794 records the server wants.
    {85, "sync", nullptr, "Send approved records to the central server"},
    {86, "status", nullptr, "The processing status of a record, as told to the citizen"},
};

// Options of the top-level app that take a value (the rest are flags).
bool TakesValue(std::string_view option) { return option == "--lang"; }

// The first two positional arguments: the group and, if any, its subcommand.
void CommandWords(int argc, char** argv, std::string_view& group, std::string_view& subcommand) {
  for (int i = 1; i < argc; ++i) {
    std::string_view word = argv[i];
    if (word.starts_with("-")) {
      if (group.empty() && TakesValue(word)) ++i;  // "--lang en"; "--lang=en" is one word
      continue;
    }
    if (group.empty()) {
      group = word;
    } else {
      subcommand = word;
      return;
    }
  }
}

CLI::App* GroupOf(CLI::App& app, const char* name) {
  try {
    return app.get_subcommand(name);
  } catch (const CLI::Error&) {
    return nullptr;
  }
}

// The front-end's help lists each device command where kiosk-cli-devices has it; the placeholder
// never runs (the call is handed over before parsing).
void RegisterPlaceholder(CLI::App& app, const DeviceCommand& command) {
  if (command.subcommand == nullptr) {
    app.add_subcommand(command.group, command.description)->allow_extras();
    return;
  }
  CLI::App* group = GroupOf(app, command.group);
  if (group != nullptr) group->add_subcommand(command.subcommand, command.description)->allow_extras();
}

template <size_t I>
void RegisterPlaceholderAt(CLI::App& app, Context& /*context*/) {
  RegisterPlaceholder(app, kDeviceCommands[I]);
}

template <size_t... I>
struct Placeholders {
  explicit Placeholders(std::index_sequence<I...>) {
    (void(CommandRegistration(kDeviceCommands[I].order, &RegisterPlaceholderAt<I>)), ...);
  }
};

const Placeholders kPlaceholders(std::make_index_sequence<std::size(kDeviceCommands)>{});

}  // namespace

const DeviceCommand* FindDeviceCommand(int argc, char** argv) {
  std::string_view group, subcommand;
  CommandWords(argc, argv, group, subcommand);
  for (const DeviceCommand& command : kDeviceCommands) {
    if (group != command.group) continue;
    if (command.subcommand == nullptr || subcommand == command.subcommand) return &command;
  }
  return nullptr;
}

}  // namespace kiosk::cli
