#include "kiosk/diagnostics/check.h"

#include <chrono>
#include <filesystem>
#include <fstream>

#include <nlohmann/json.hpp>

#include "kiosk/core/i18n.h"

namespace kiosk::diag {
namespace fs = std::filesystem;

std::string_view ToString(Status status) {
  switch (status) {
    case Status::kOk: return "ok";
    case Status::kMissing: return "missing";
    case Status::kWarning: return "warning";
    case Status::kError: return "error";
  }
  return "error";
}

std::string Check::Text() const { return FormatMessage(i18n::tr(message), args); }

std::vector<Check> CheckConfig(const Result<Config>& loaded) {
  std::vector<Check> out;
  if (!loaded) {
    Check c{"config", "", Status::kError, loaded.error().message_key(), loaded.error().args()};
    if (!loaded.error().detail().empty()) c.subject = loaded.error().detail();
    out.push_back(std::move(c));
    return out;
  }
  const Config& config = *loaded;
  if (config.source.empty()) {
    out.push_back({"config", "", Status::kOk, N_("No configuration file: using the defaults."), {}});
  } else {
    out.push_back({"config", config.source.string(), Status::kOk, N_("Configuration is valid."), {}});
  }
  for (const auto& key : config.unknown_keys) {
    out.push_back({"config", config.source.string(), Status::kError,
                   N_("Unknown key {0}: check its spelling."), {key}});
  }
  if (config.server.url.empty()) {
    out.push_back({"server", "", Status::kMissing,
                   N_("No central server configured: the station is not provisioned yet."), {}});
  }
  return out;
}

std::vector<Check> CheckDataDir(const Config& config) {
  const fs::path& dir = config.data_dir;
  std::error_code ec;
  if (!fs::exists(dir, ec)) {
    fs::create_directories(dir, ec);
    if (ec) {
      return {{"data", dir.string(), Status::kError,
               N_("The data directory cannot be created: {0}."), {ec.message()}}};
    }
    fs::permissions(dir, fs::perms::owner_all, fs::perm_options::replace, ec);
  }
  if (!fs::is_directory(dir, ec)) {
    return {{"data", dir.string(), Status::kError, N_("The data path is not a directory."), {}}};
  }
  // Writable: create and remove a probe file.
  fs::path probe = dir / (".doctor-probe-" + std::to_string(
                              std::chrono::steady_clock::now().time_since_epoch().count()));
  {
    std::ofstream out(probe);
    out << "probe";
    if (!out) {
      return {{"data", dir.string(), Status::kError,
               N_("The data directory is not writable by this user."), {}}};
    }
  }
  fs::remove(probe, ec);
  std::vector<Check> out;
#ifndef _WIN32
  auto perms = fs::status(dir, ec).permissions();
  if ((perms & (fs::perms::group_all | fs::perms::others_all)) != fs::perms::none) {
    out.push_back({"data", dir.string(), Status::kError,
                   N_("The data directory is readable by other users: set its mode to 0700."), {}});
    return out;
  }
#endif
  out.push_back({"data", dir.string(), Status::kOk, N_("Data directory is writable."), {}});
  return out;
}

bool AllOk(const std::vector<Check>& checks) {
  for (const auto& c : checks) {
    if (c.status == Status::kError) return false;
  }
  return true;
}

std::string ToJson(const std::vector<Check>& checks) {
  nlohmann::json list = nlohmann::json::array();
  for (const auto& c : checks) {
    list.push_back({{"area", c.area},
                    {"subject", c.subject},
                    {"status", ToString(c.status)},
                    {"message", FormatMessage(c.message, c.args)}});
  }
  nlohmann::json doc = {{"ok", AllOk(checks)}, {"checks", list}};
  return doc.dump(2);
}

}  // namespace kiosk::diag
