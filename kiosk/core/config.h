#pragma once
// The station's configuration: a JSON file whose every key is optional. What a key means and its
// default are documented in resources/config/station.default.json's companion,
// docs/configuration.md. Unknown keys are reported (a typo must not silently keep a default);
// a wrong type or an out-of-range value refuses the whole file with the key's name.
//
// Environment overrides (applied after the file, for tests and the demo):
//   KIOSK_DATA_DIR, KIOSK_LANG, KIOSK_LOG_LEVEL, KIOSK_SERVER_URL, KIOSK_CAMERA_SOURCES
//   (comma-separated), KIOSK_READER.

#include <filesystem>
#include <string>
#include <vector>

#include "kiosk/core/result.h"

namespace kiosk {

struct Config {
  std::string language = "vi";
  std::filesystem::path data_dir;  // default: paths::DefaultDataDir()
  std::string log_level = "info";

  struct Devices {
    std::string reader;                       // PC/SC reader name; empty: the first with a card
    std::vector<std::string> cameras = {"0"}; // device index, video file, image glob or pipeline
    bool fingerprint = true;                  // use a libfprint device if one is present
    std::string scanner;                      // SANE device name; empty: the first found
  } devices;

  struct Server {
    std::string url;                          // central intake server; empty: not provisioned
    std::filesystem::path ca_file;            // the central CA, pinned
    // The server's encryption certificate (packets are encrypted to it), used first; empty or not
    // usable: the cached <data_dir>/station/server.pem, else fetched. Checked against ca_file.
    std::filesystem::path server_cert_file;
    std::string proxy;                        // e.g. http://proxy:3128; empty: none
    int timeout_seconds = 30;
  } server;

  struct Policy {
    int max_pending_approvals = 200;   // new enrollments refused above this
    int max_days_since_sync = 3;       // ... or when the last sync is older than this
    int lockout_failures = 5;
    int lockout_minutes = 15;
    int idle_lock_minutes = 5;
    int retention_days = 30;           // biometrics of acknowledged records purged after this
  } policy;

  // Keys found in the file that the station does not know (reported by doctor).
  std::vector<std::string> unknown_keys;
  // The file the configuration came from (empty: defaults only).
  std::filesystem::path source;
};

// Parses a configuration document. Errors name the offending key.
Result<Config> ParseConfig(std::string_view json_text);

// Loads the first existing file of paths::ConfigCandidates() (defaults when none exists), then
// applies the environment overrides and fills data_dir.
Result<Config> LoadConfig();
// Loads one file (it must exist), then applies the environment overrides.
Result<Config> LoadConfigFile(const std::filesystem::path& file);

// Applies the KIOSK_* environment overrides to config.
Result<void> ApplyEnvironment(Config& config);

// The configuration as JSON (every key, defaults included): what `doctor` shows and what the
// technician edits.
std::string ToJson(const Config& config);

}  // namespace kiosk
