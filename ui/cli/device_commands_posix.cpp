#include <unistd.h>

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <filesystem>

#include "kiosk/core/i18n.h"
#include "ui/cli/device_commands.h"

namespace kiosk::cli {

// Beside kiosk-cli in the build tree; in the installed tree under libexec (see ui/cli/CMakeLists.txt).
int RunDeviceCommands(int /*argc*/, char** argv) {
  std::error_code error;
  const std::filesystem::path self = std::filesystem::read_symlink("/proc/self/exe", error);
  const std::filesystem::path dir = error ? std::filesystem::path(".") : self.parent_path();
  for (const std::filesystem::path& candidate :
       {dir / "kiosk-cli-devices", dir / KIOSK_CLI_DEVICES_FROM_BIN}) {
    ::execv(candidate.c_str(), argv);  // returns only on failure
  }
  std::fprintf(stderr, "%s (%s)\n",
               i18n::tr(N_("kiosk-cli-devices, which runs this command, is missing: reinstall the station.")).c_str(),
               std::strerror(errno));
  return 2;
}

}  // namespace kiosk::cli
