#pragma once
// kiosk-cli is two executables. The commands that need the device and imaging libraries
// (OpenCV and its codecs, Tesseract, libfprint, SANE: most of the 263 libraries the single
// binary loaded at every start) live in kiosk-cli-devices; kiosk-cli holds every other command
// and starts without loading any of them. When the arguments name a device command, kiosk-cli
// hands the call to kiosk-cli-devices unchanged: same arguments, environment, standard streams
// and exit code. Technicians and scripts only ever call kiosk-cli.
//
// tests/ui/cli_split_test.sh checks that kiosk-cli loads none of those libraries and that both
// executables describe the device commands alike.


namespace kiosk::cli {

struct DeviceCommand {
  int order;  // as the real group's CommandRegistration, so both helps list alike
  const char* group;
  const char* subcommand;  // nullptr: the whole group
  const char* description;
};

// The device command the arguments name (global options such as --lang skipped), if any.
const DeviceCommand* FindDeviceCommand(int argc, char** argv);

// Runs kiosk-cli-devices with these arguments. POSIX: replaces this process and returns only on
// failure (2, with the reason on stderr). Windows: waits and returns its exit code.
int RunDeviceCommands(int argc, char** argv);

}  // namespace kiosk::cli
