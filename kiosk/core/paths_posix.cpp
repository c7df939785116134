#include <unistd.h>

#include "kiosk/core/paths.h"

namespace kiosk::paths {
namespace fs = std::filesystem;

std::vector<fs::path> ConfigCandidates() {
  std::vector<fs::path> out;
  if (auto env = GetEnv("KIOSK_CONFIG")) {
    out.emplace_back(*env);
    return out;  // an explicit file is the only candidate: no surprise fallbacks
  }
  if (auto xdg = GetEnv("XDG_CONFIG_HOME")) {
    out.push_back(fs::path(*xdg) / "kiosk-station" / "station.json");
  } else if (auto home = GetEnv("HOME")) {
    out.push_back(fs::path(*home) / ".config" / "kiosk-station" / "station.json");
  }
  out.emplace_back("/etc/kiosk-station/station.json");
  return out;
}

fs::path DefaultDataDir() {
  if (auto env = GetEnv("KIOSK_DATA_DIR")) return *env;
  if (auto xdg = GetEnv("XDG_DATA_HOME")) return fs::path(*xdg) / "kiosk-station";
  if (auto home = GetEnv("HOME")) return fs::path(*home) / ".local" / "share" / "kiosk-station";
  return "/var/lib/kiosk-station";
}

fs::path ExecutablePath() {
  std::error_code ec;
  fs::path exe = fs::read_symlink("/proc/self/exe", ec);
  return ec ? fs::path() : exe;
}

}  // namespace kiosk::paths
