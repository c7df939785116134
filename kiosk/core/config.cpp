#include "kiosk/core/config.h"

#include <fstream>
#include <iterator>
#include <set>
#include <sstream>

#include <nlohmann/json.hpp>

#include "kiosk/core/i18n.h"
#include "kiosk/core/paths.h"

namespace kiosk {
namespace {

using nlohmann::json;

Error BadKey(std::string_view key, std::string_view expected) {
  return Error(ErrorCode::kInvalidArgument,
               "The configuration is invalid: {0} must be {1}.")
      .WithArg(std::string(key))
      .WithArg(std::string(expected));
}

// Reads object[name] into out when present, checking its type; records the key as known.
class Reader {
 public:
  Reader(const json& object, std::string prefix, std::vector<std::string>& unknown,
         std::set<std::string> known)
      : object_(object), prefix_(std::move(prefix)) {
    for (const auto& [key, value] : object.items()) {
      if (!known.contains(key)) unknown.push_back(prefix_ + key);
    }
  }

  Result<void> String(const char* name, std::string& out) {
    if (!object_.contains(name)) return {};
    const json& v = object_.at(name);
    if (!v.is_string()) return Fail(BadKey(prefix_ + name, "a string"));
    out = v.get<std::string>();
    return {};
  }
  Result<void> Path(const char* name, std::filesystem::path& out) {
    std::string s;
    if (auto r = String(name, s); !r) return r;
    if (!s.empty()) out = std::filesystem::path(s);
    return {};
  }
  Result<void> Bool(const char* name, bool& out) {
    if (!object_.contains(name)) return {};
    const json& v = object_.at(name);
    if (!v.is_boolean()) return Fail(BadKey(prefix_ + name, "true or false"));
    out = v.get<bool>();
    return {};
  }
  Result<void> Int(const char* name, int& out, int min, int max) {
    if (!object_.contains(name)) return {};
    const json& v = object_.at(name);
    if (!v.is_number_integer() || v.get<long long>() < min || v.get<long long>() > max) {
      return Fail(BadKey(prefix_ + name,
                         "a whole number from " + std::to_string(min) + " to " + std::to_string(max)));
    }
    out = v.get<int>();
    return {};
  }
  Result<void> StringList(const char* name, std::vector<std::string>& out) {
    if (!object_.contains(name)) return {};
    const json& v = object_.at(name);
    if (!v.is_array()) return Fail(BadKey(prefix_ + name, "a list of strings"));
    std::vector<std::string> values;
    for (const json& item : v) {
      if (!item.is_string()) return Fail(BadKey(prefix_ + name, "a list of strings"));
      values.push_back(item.get<std::string>());
    }
    out = std::move(values);
    return {};
  }
  // The sub-object, or nullptr when absent; an error when present but not an object.
  Result<const json*> Object(const char* name) {
    if (!object_.contains(name)) return static_cast<const json*>(nullptr);
    const json& v = object_.at(name);
    if (!v.is_object()) return Fail(BadKey(prefix_ + name, "an object"));
    return &v;
  }

 private:
  const json& object_;
  std::string prefix_;
};

#define KIOSK_TRY(expr)                                  \
  do {                                                   \
    if (auto _r = (expr); !_r) return Fail(_r.error()); \
  } while (0)

Result<void> ApplyOverride(const char* name, auto&& apply) {
  if (auto value = paths::GetEnv(name)) return apply(*value);
  return {};
}

}  // namespace

Result<Config> ParseConfig(std::string_view json_text) {
  json doc = json::parse(json_text, nullptr, /*allow_exceptions=*/false, /*ignore_comments=*/true);
  if (doc.is_discarded()) {
    return Fail(Error::Parse("The configuration file is not valid JSON."));
  }
  if (!doc.is_object()) return Fail(BadKey("the document", "a JSON object"));

  Config config;
  Reader root(doc, "", config.unknown_keys,
              {"language", "data_dir", "log_level", "devices", "server", "policy"});
  KIOSK_TRY(root.String("language", config.language));
  if (!i18n::IsSupportedLanguage(config.language)) return Fail(BadKey("language", "\"vi\" or \"en\""));
  KIOSK_TRY(root.Path("data_dir", config.data_dir));
  KIOSK_TRY(root.String("log_level", config.log_level));
  static const std::set<std::string> kLevels = {"trace", "debug", "info", "warn", "error", "off"};
  if (!kLevels.contains(config.log_level)) {
    return Fail(BadKey("log_level", "one of trace, debug, info, warn, error, off"));
  }

  auto devices = root.Object("devices");
  if (!devices) return Fail(devices.error());
  if (*devices) {
    Reader r(**devices, "devices.", config.unknown_keys,
             {"reader", "cameras", "fingerprint", "scanner"});
    KIOSK_TRY(r.String("reader", config.devices.reader));
    KIOSK_TRY(r.StringList("cameras", config.devices.cameras));
    KIOSK_TRY(r.Bool("fingerprint", config.devices.fingerprint));
    KIOSK_TRY(r.String("scanner", config.devices.scanner));
  }

  auto server = root.Object("server");
  if (!server) return Fail(server.error());
  if (*server) {
    Reader r(**server, "server.", config.unknown_keys,
             {"url", "ca_file", "server_cert_file", "proxy", "timeout_seconds"});
    KIOSK_TRY(r.String("url", config.server.url));
    if (!config.server.url.empty() && config.server.url.rfind("https://", 0) != 0) {
      return Fail(BadKey("server.url", "an https:// address"));
    }
    KIOSK_TRY(r.Path("ca_file", config.server.ca_file));
    KIOSK_TRY(r.Path("server_cert_file", config.server.server_cert_file));
    KIOSK_TRY(r.String("proxy", config.server.proxy));
    KIOSK_TRY(r.Int("timeout_seconds", config.server.timeout_seconds, 1, 600));
  }

  auto policy = root.Object("policy");
  if (!policy) return Fail(policy.error());
  if (*policy) {
    Reader r(**policy, "policy.", config.unknown_keys,
             {"max_pending_approvals", "max_days_since_sync", "lockout_failures",
              "lockout_minutes", "idle_lock_minutes", "retention_days"});
    KIOSK_TRY(r.Int("max_pending_approvals", config.policy.max_pending_approvals, 1, 100000));
    KIOSK_TRY(r.Int("max_days_since_sync", config.policy.max_days_since_sync, 1, 365));
    KIOSK_TRY(r.Int("lockout_failures", config.policy.lockout_failures, 1, 100));
    KIOSK_TRY(r.Int("lockout_minutes", config.policy.lockout_minutes, 1, 24 * 60));
    KIOSK_TRY(r.Int("idle_lock_minutes", config.policy.idle_lock_minutes, 1, 240));
    KIOSK_TRY(r.Int("retention_days", config.policy.retention_days, 1, 3650));
  }
  return config;
}

Result<void> ApplyEnvironment(Config& config) {
  KIOSK_TRY(ApplyOverride("KIOSK_DATA_DIR", [&](const std::string& v) -> Result<void> {
    config.data_dir = v;
    return {};
  }));
  KIOSK_TRY(ApplyOverride("KIOSK_LANG", [&](const std::string& v) -> Result<void> {
    if (!i18n::IsSupportedLanguage(v)) return Fail(BadKey("KIOSK_LANG", "vi or en"));
    config.language = v;
    return {};
  }));
  KIOSK_TRY(ApplyOverride("KIOSK_LOG_LEVEL", [&](const std::string& v) -> Result<void> {
    config.log_level = v;
    return {};
  }));
  KIOSK_TRY(ApplyOverride("KIOSK_SERVER_URL", [&](const std::string& v) -> Result<void> {
    config.server.url = v;
    return {};
  }));
  KIOSK_TRY(ApplyOverride("KIOSK_READER", [&](const std::string& v) -> Result<void> {
    config.devices.reader = v;
    return {};
  }));
  KIOSK_TRY(ApplyOverride("KIOSK_CAMERA_SOURCES", [&](const std::string& v) -> Result<void> {
    config.devices.cameras.clear();
    std::stringstream ss(v);
    for (std::string item; std::getline(ss, item, ',');) {
      if (!item.empty()) config.devices.cameras.push_back(item);
    }
    return {};
  }));
  if (config.data_dir.empty()) config.data_dir = paths::DefaultDataDir();
  return {};
}

Result<Config> LoadConfigFile(const std::filesystem::path& file) {
  std::ifstream in(file, std::ios::binary);
  if (!in) {
    return Fail(Error::NotFound("The configuration file {0} cannot be read.", file.string())
                    .WithArg(file.string()));
  }
  std::string text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  auto config = ParseConfig(text);
  if (!config) return Fail(std::move(config).error().WithContext(file.string()));
  config->source = file;
  KIOSK_TRY(ApplyEnvironment(*config));
  return config;
}

Result<Config> LoadConfig() {
  for (const auto& candidate : paths::ConfigCandidates()) {
    std::error_code ec;
    if (std::filesystem::exists(candidate, ec)) return LoadConfigFile(candidate);
    if (paths::GetEnv("KIOSK_CONFIG")) {
      return Fail(Error::NotFound("The configuration file {0} cannot be read.")
                      .WithArg(candidate.string()));
    }
  }
  Config config;
  KIOSK_TRY(ApplyEnvironment(config));
  return config;
}

std::string ToJson(const Config& c) {
  json doc = {
      {"language", c.language},
      {"data_dir", c.data_dir.string()},
      {"log_level", c.log_level},
      {"devices",
       {{"reader", c.devices.reader},
        {"cameras", c.devices.cameras},
        {"fingerprint", c.devices.fingerprint},
        {"scanner", c.devices.scanner}}},
      {"server",
       {{"url", c.server.url},
        {"ca_file", c.server.ca_file.string()},
        {"server_cert_file", c.server.server_cert_file.string()},
        {"proxy", c.server.proxy},
        {"timeout_seconds", c.server.timeout_seconds}}},
      {"policy",
       {{"max_pending_approvals", c.policy.max_pending_approvals},
        {"max_days_since_sync", c.policy.max_days_since_sync},
        {"lockout_failures", c.policy.lockout_failures},
        {"lockout_minutes", c.policy.lockout_minutes},
        {"idle_lock_minutes", c.policy.idle_lock_minutes},
        {"retention_days", c.policy.retention_days}}},
  };
  return doc.dump(2);
}

}  // namespace kiosk
