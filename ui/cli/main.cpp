// kiosk-cli: the composition root of the command line. Each command group registers itself;
// the commands that need the device and imaging libraries are handed to kiosk-cli-devices
// (ui/cli/device_commands.h), so this program starts without loading them.
#include "ui/cli/commands.h"
#include "ui/cli/device_commands.h"

int main(int argc, char** argv) {
  if (kiosk::cli::FindDeviceCommand(argc, argv) != nullptr) {
    return kiosk::cli::RunDeviceCommands(argc, argv);
  }
  return kiosk::cli::RunCommandLine(argc, argv);
}
