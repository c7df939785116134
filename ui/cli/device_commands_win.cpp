#include <windows.h>

#include <cstdio>
#include <string>

#include "kiosk/core/i18n.h"
#include "ui/cli/device_commands.h"

namespace kiosk::cli {

// kiosk-cli-devices.exe sits beside kiosk-cli.exe. The command line is handed over as Windows
// gave it (wide characters: Vietnamese paths survive), with the standard handles inherited.
int RunDeviceCommands(int /*argc*/, char** /*argv*/) {
  std::wstring self(MAX_PATH, L'\0');
  DWORD length = GetModuleFileNameW(nullptr, self.data(), static_cast<DWORD>(self.size()));
  self.resize(length);
  std::wstring exe = self.substr(0, self.find_last_of(L"\\/") + 1) + L"kiosk-cli-devices.exe";
  std::wstring command_line = GetCommandLineW();
  STARTUPINFOW startup{};
  startup.cb = sizeof startup;
  PROCESS_INFORMATION process{};
  if (!CreateProcessW(exe.c_str(), command_line.data(), nullptr, nullptr, TRUE, 0, nullptr, nullptr,
                      &startup, &process)) {
    std::fprintf(stderr, "%s\n",
                 i18n::tr(N_("kiosk-cli-devices, which runs this command, is missing: reinstall the station.")).c_str());
    return 2;
  }
  WaitForSingleObject(process.hProcess, INFINITE);
  DWORD code = 2;
  GetExitCodeProcess(process.hProcess, &code);
  CloseHandle(process.hThread);
  CloseHandle(process.hProcess);
  return static_cast<int>(code);
}

}  // namespace kiosk::cli
