#pragma once
// Shared by the store's command groups (user, records, batch, db, audit): opening the store in
// the configured data directory and signing the operator in from --user and a password given
// on stdin (--password-stdin) or in KIOSK_PASSWORD. Passwords are never taken from arguments
// (they would show in `ps` and shell history).

#include <iostream>
#include <memory>
#include <string>
#include <vector>

#include "kiosk/audit/station_events.h"
#include "kiosk/auth/operator_directory.h"
#include "kiosk/batch/records.h"
#include "kiosk/core/paths.h"
#include "kiosk/store/store.h"
#include "spdlog/spdlog.h"
#include "ui/cli/commands.h"

namespace kiosk::cli::storecli {

struct Credentials {
  std::string user;
  bool password_stdin = false;
  bool json = false;
};

struct OpenStore {
  std::unique_ptr<store::KeyProvider> keys;
  std::unique_ptr<store::Store> store;
  std::unique_ptr<auth::OperatorDirectory> directory;
  std::unique_ptr<batch::Records> records;
};

inline Result<OpenStore> Open(const Context& context) {
  Config config = context.ConfigOrDefaults();
  if (config.data_dir.empty()) config.data_dir = paths::DefaultDataDir();
  OpenStore open;
  open.keys = store::MakeDefaultKeyProvider(config.data_dir);
  store::StoreOptions options;
  options.data_dir = config.data_dir;
  auto opened = store::Store::Open(options, *open.keys, SystemClock::Instance());
  if (!opened) return Fail(opened.error());
  open.store = std::move(*opened);
  open.directory = std::make_unique<auth::OperatorDirectory>(*open.store, config.policy);
  open.records = std::make_unique<batch::Records>(*open.store, config.policy);
  return open;
}

// One line from stdin (without the newline), or the environment variable.
inline Result<SecretString> ReadSecret(bool from_stdin, const char* env_name) {
  if (from_stdin) {
    std::string line;
    if (!std::getline(std::cin, line)) {
      return Fail(Error::InvalidArgument("No password was given on standard input."));
    }
    if (!line.empty() && line.back() == '\r') line.pop_back();
    SecretString secret(line);
    SecureWipe(line.data(), line.size());
    return secret;
  }
  if (auto value = paths::GetEnv(env_name)) return SecretString(*value);
  return Fail(Error::InvalidArgument("No password: use --password-stdin or set {0}.")
                  .WithArg(env_name));
}

inline Result<auth::Session> SignIn(OpenStore& open, const Credentials& credentials) {
  if (credentials.user.empty()) {
    return Fail(Error(ErrorCode::kUnauthenticated, "This command needs --user."));
  }
  auto password = ReadSecret(credentials.password_stdin, "KIOSK_PASSWORD");
  if (!password) return Fail(password.error());
  return open.directory->SignIn(credentials.user, *password);
}

inline void AddCredentialOptions(CLI::App* cmd, const std::shared_ptr<Credentials>& credentials) {
  cmd->add_option("--user", credentials->user, "Your operator user name");
  cmd->add_flag("--password-stdin", credentials->password_stdin,
                "Read your password from the first line of standard input "
                "(default: environment variable KIOSK_PASSWORD)");
  cmd->add_flag("--json", credentials->json, "Print the result as JSON");
}

inline int Report(const Credentials& credentials, const Error& error) {
  return credentials.json ? JsonFailure(error) : Failure(error);
}

// Opens the store, signs in and runs body(open, session); errors become the exit code.
template <class Body>
int WithSession(const Context& context, const Credentials& credentials, Body&& body) {
  auto open = Open(context);
  if (!open) return Report(credentials, open.error());
  auto session = SignIn(*open, credentials);
  if (!session) return Report(credentials, session.error());
  return body(*open, *session);
}

// Device and capture commands (face, finger, paper, enroll) run without signing in: they audit
// what they did as "cli:<system user>" in the station's store when there is one in the data
// directory (never creating one). A store that cannot be opened is logged, not fatal: these
// commands also serve to check a workstation before it is provisioned.
inline void AuditStationEvents(const Context& context,
                               const std::vector<audit::StationEvent>& events) {
  if (events.empty()) return;
  Config config = context.ConfigOrDefaults();
  if (config.data_dir.empty()) config.data_dir = paths::DefaultDataDir();
  std::error_code ec;
  if (!std::filesystem::exists(store::Store::DatabasePath(config.data_dir), ec)) return;
  auto open = Open(context);
  if (!open) {
    spdlog::warn("audit: {} not recorded: {}", events.front().action, open.error().ToLogString());
    return;
  }
  auto user = paths::GetEnv("USER");
  if (!user) user = paths::GetEnv("LOGNAME");
  if (!user) user = paths::GetEnv("USERNAME");  // Windows
  const std::string actor = "cli:" + user.value_or("unknown");
  for (const auto& event : events) {
    if (auto r = audit::Record(open->store->audit(), actor, event); !r) {
      spdlog::warn("audit: {} not recorded: {}", event.action, r.error().ToLogString());
    }
  }
}

inline void AuditStationEvent(const Context& context, const audit::StationEvent& event) {
  AuditStationEvents(context, {event});
}

}  // namespace kiosk::cli::storecli
