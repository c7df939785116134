#pragma once
// Where the station keeps its files, per operating system. Each can be overridden by an
// environment variable (tests and the demo point them at temporary folders):
//
//   KIOSK_CONFIG        the configuration file
//   KIOSK_DATA_DIR      the data directory (database, keys, logs)
//   KIOSK_RESOURCE_DIR  read-only resources (models, demo data, default config)
//   KIOSK_LOCALE_DIR    compiled translation catalogs (<dir>/<lang>/LC_MESSAGES/kiosk.mo)
//
// Linux: config $XDG_CONFIG_HOME/kiosk-station/station.json, else /etc/kiosk-station/station.json;
// data $XDG_DATA_HOME/kiosk-station (~/.local/share/kiosk-station). The Debian package runs the
// station as a system user whose configuration points data_dir at /var/lib/kiosk-station.
// Windows: %ProgramData%\KioskStation\station.json and %ProgramData%\KioskStation\data.

#include <filesystem>
#include <optional>
#include <string>
#include <vector>

namespace kiosk::paths {

// The value of an environment variable, if set and non-empty.
std::optional<std::string> GetEnv(const char* name);

// Candidate configuration files, most specific first. The first that exists is used.
std::vector<std::filesystem::path> ConfigCandidates();
std::filesystem::path DefaultDataDir();
// The directory holding models/, config/, demo/… (source tree in a build, share dir installed).
std::filesystem::path ResourceDir();
std::filesystem::path LocaleDir();
// The running executable's path (empty if unknown).
std::filesystem::path ExecutablePath();

}  // namespace kiosk::paths
