#include <windows.h>

#include "kiosk/core/paths.h"

namespace kiosk::paths {
namespace fs = std::filesystem;

namespace {
fs::path ProgramData() {
  if (auto env = GetEnv("ProgramData")) return fs::path(*env) / "KioskStation";
  return fs::path("C:\\ProgramData\\KioskStation");
}
}  // namespace

std::vector<fs::path> ConfigCandidates() {
  if (auto env = GetEnv("KIOSK_CONFIG")) return {fs::path(*env)};
  return {ProgramData() / "station.json"};
}

fs::path DefaultDataDir() {
  if (auto env = GetEnv("KIOSK_DATA_DIR")) return *env;
  return ProgramData() / "data";
}

fs::path ExecutablePath() {
  wchar_t buffer[MAX_PATH];
  DWORD n = GetModuleFileNameW(nullptr, buffer, MAX_PATH);
  if (n == 0 || n == MAX_PATH) return {};
  return fs::path(std::wstring(buffer, n));
}

}  // namespace kiosk::paths
