#include <cstdlib>

#include "kiosk/core/paths.h"

namespace kiosk::paths {
namespace fs = std::filesystem;

std::optional<std::string> GetEnv(const char* name) {
  const char* value = std::getenv(name);
  if (value == nullptr || *value == '\0') return std::nullopt;
  return std::string(value);
}

fs::path ResourceDir() {
  if (auto env = GetEnv("KIOSK_RESOURCE_DIR")) return *env;
  // Installed: <prefix>/bin/kiosk-cli -> <prefix>/share/kiosk-station
  fs::path exe = ExecutablePath();
  if (!exe.empty()) {
    fs::path installed = exe.parent_path().parent_path() / "share" / "kiosk-station";
    std::error_code ec;
    if (fs::is_directory(installed / "models", ec)) return installed;
  }
  return KIOSK_BUILD_RESOURCE_DIR;  // the source tree's resources/, for builds
}

fs::path LocaleDir() {
  if (auto env = GetEnv("KIOSK_LOCALE_DIR")) return *env;
  fs::path exe = ExecutablePath();
  if (!exe.empty()) {
    fs::path installed = exe.parent_path().parent_path() / "share" / "locale";
    std::error_code ec;
    if (fs::exists(installed / "vi" / "LC_MESSAGES" / "kiosk.mo", ec)) return installed;
  }
  return KIOSK_BUILD_LOCALE_DIR;  // compiled by the build from resources/i18n/*.po
}

}  // namespace kiosk::paths
