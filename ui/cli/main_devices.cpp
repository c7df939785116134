// kiosk-cli-devices: every command of kiosk-cli, the device ones included (OpenCV, Tesseract,
// libfprint, SANE). kiosk-cli hands it the device commands (ui/cli/device_commands.h); it is
// not meant to be called directly.
#include "ui/cli/commands.h"

int main(int argc, char** argv) { return kiosk::cli::RunCommandLine(argc, argv); }
