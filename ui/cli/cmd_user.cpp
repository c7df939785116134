// kiosk-cli user add|list|lock|unlock|reset-password|change-password: operator accounts.
// The first `user add … --role administrator` on a station without operators needs no
// credentials (bootstrap); everything else needs an administrator's.
#include <cstdio>

#include <nlohmann/json.hpp>

#include "kiosk/core/i18n.h"
#include "ui/cli/cmd_store_common.h"

namespace kiosk::cli {
namespace {

using storecli::Credentials;

struct NewUserOptions {
  std::string name;
  std::string role = "officer";
  std::string display_name;
  bool new_password_stdin = false;
};

int PrintOk(const Credentials& credentials, const std::string& text) {
  if (credentials.json) {
    std::printf("%s\n", nlohmann::json{{"ok", true}}.dump().c_str());
  } else {
    std::printf("%s\n", text.c_str());
  }
  return 0;
}

int AddUser(const Context& context, const Credentials& credentials, const NewUserOptions& o) {
  auto role = auth::RoleFromString(o.role);
  if (!role) {
    return storecli::Report(credentials,
                            Error::InvalidArgument("Unknown role: use officer, supervisor, "
                                                   "technician or administrator."));
  }
  auto open = storecli::Open(context);
  if (!open) return storecli::Report(credentials, open.error());
  auto bootstrap = open->directory->NeedsBootstrap();
  if (!bootstrap) return storecli::Report(credentials, bootstrap.error());
  auth::NewOperator op{o.name, o.display_name, *role};
  if (*bootstrap) {
    auto password = storecli::ReadSecret(o.new_password_stdin, "KIOSK_NEW_PASSWORD");
    if (!password) return storecli::Report(credentials, password.error());
    if (auto r = open->directory->BootstrapAdministrator(op, *password); !r) {
      return storecli::Report(credentials, r.error());
    }
    return PrintOk(credentials, i18n::tr("The first administrator was created."));
  }
  auto session = storecli::SignIn(*open, credentials);
  if (!session) return storecli::Report(credentials, session.error());
  auto password = storecli::ReadSecret(o.new_password_stdin, "KIOSK_NEW_PASSWORD");
  if (!password) return storecli::Report(credentials, password.error());
  if (auto r = open->directory->AddOperator(*session, op, *password); !r) {
    return storecli::Report(credentials, r.error());
  }
  return PrintOk(credentials,
                 i18n::tr("The operator was created; they must change the password at first "
                          "sign-in."));
}

int ListUsers(const Context& context, const Credentials& credentials) {
  return storecli::WithSession(context, credentials, [&](auto& open, auto& session) {
    auto list = open.directory->ListOperators(session);
    if (!list) return storecli::Report(credentials, list.error());
    const int64_t now = store::ToUnixSeconds(SystemClock::Instance().Now());
    nlohmann::json users = nlohmann::json::array();
    for (const auto& op : *list) {
      const bool locked = op.disabled || op.locked_until > now;
      if (credentials.json) {
        users.push_back({{"username", op.username},
                         {"display_name", op.display_name},
                         {"role", std::string(auth::ToString(op.role))},
                         {"locked", locked},
                         {"must_change_password", op.must_change_password}});
      } else {
        std::printf("%-20s %-14s %s%s\n", op.username.c_str(),
                    std::string(auth::ToString(op.role)).c_str(),
                    locked ? i18n::tr("locked").c_str() : "",
                    op.must_change_password ? " *" : "");
      }
    }
    if (credentials.json) std::printf("%s\n", users.dump(2).c_str());
    return 0;
  });
}

void RegisterUser(CLI::App& app, Context& context) {
  auto* group = app.add_subcommand("user", "Operator accounts (administrator)");
  group->require_subcommand(1);

  {
    auto credentials = std::make_shared<Credentials>();
    auto options = std::make_shared<NewUserOptions>();
    auto* cmd = group->add_subcommand(
        "add", "Create an operator. The new password comes from KIOSK_NEW_PASSWORD or the next "
               "line of standard input (--new-password-stdin)");
    cmd->add_option("name", options->name, "User name")->required();
    cmd->add_option("--role", options->role, "officer, supervisor, technician or administrator");
    cmd->add_option("--display-name", options->display_name, "Name shown on screen");
    cmd->add_flag("--new-password-stdin", options->new_password_stdin,
                  "Read the new operator's password from standard input");
    storecli::AddCredentialOptions(cmd, credentials);
    cmd->callback([&context, credentials, options] {
      context.handler = [&context, credentials, options] {
        return AddUser(context, *credentials, *options);
      };
    });
  }
  {
    auto credentials = std::make_shared<Credentials>();
    auto* cmd = group->add_subcommand("list", "List operators");
    storecli::AddCredentialOptions(cmd, credentials);
    cmd->callback([&context, credentials] {
      context.handler = [&context, credentials] { return ListUsers(context, *credentials); };
    });
  }
  for (const char* verb : {"lock", "unlock", "reset-password"}) {
    auto credentials = std::make_shared<Credentials>();
    auto name = std::make_shared<std::string>();
    auto new_password_stdin = std::make_shared<bool>(false);
    const std::string action = verb;
    auto* cmd = group->add_subcommand(
        verb, action == "lock"     ? "Lock an operator's account"
              : action == "unlock" ? "Unlock an operator's account (clears failed sign-ins)"
                                   : "Set a temporary password (KIOSK_NEW_PASSWORD or stdin) "
                                     "that must be changed at next sign-in");
    cmd->add_option("name", *name, "User name")->required();
    if (action == "reset-password") {
      cmd->add_flag("--new-password-stdin", *new_password_stdin,
                    "Read the temporary password from standard input");
    }
    storecli::AddCredentialOptions(cmd, credentials);
    cmd->callback([&context, credentials, name, new_password_stdin, action] {
      context.handler = [&context, credentials, name, new_password_stdin, action] {
        return storecli::WithSession(context, *credentials, [&](auto& open, auto& session) {
          Result<void> r;
          if (action == "lock") {
            r = open.directory->LockOperator(session, *name);
          } else if (action == "unlock") {
            r = open.directory->UnlockOperator(session, *name);
          } else {
            auto password = storecli::ReadSecret(*new_password_stdin, "KIOSK_NEW_PASSWORD");
            if (!password) return storecli::Report(*credentials, password.error());
            r = open.directory->ResetPassword(session, *name, *password);
          }
          if (!r) return storecli::Report(*credentials, r.error());
          return PrintOk(*credentials, i18n::tr("Done."));
        });
      };
    });
  }
  {
    auto credentials = std::make_shared<Credentials>();
    auto new_password_stdin = std::make_shared<bool>(false);
    auto* cmd = group->add_subcommand(
        "change-password",
        "Change your own password (current: KIOSK_PASSWORD or stdin line 1; new: "
        "KIOSK_NEW_PASSWORD or the next stdin line)");
    cmd->add_flag("--new-password-stdin", *new_password_stdin,
                  "Read the new password from standard input");
    storecli::AddCredentialOptions(cmd, credentials);
    cmd->callback([&context, credentials, new_password_stdin] {
      context.handler = [&context, credentials, new_password_stdin] {
        auto open = storecli::Open(context);
        if (!open) return storecli::Report(*credentials, open.error());
        auto current = storecli::ReadSecret(credentials->password_stdin, "KIOSK_PASSWORD");
        if (!current) return storecli::Report(*credentials, current.error());
        auto next = storecli::ReadSecret(*new_password_stdin, "KIOSK_NEW_PASSWORD");
        if (!next) return storecli::Report(*credentials, next.error());
        if (auto r = open->directory->ChangePassword(credentials->user, *current, *next); !r) {
          return storecli::Report(*credentials, r.error());
        }
        return PrintOk(*credentials, i18n::tr("Your password was changed."));
      };
    });
  }
}

const CommandRegistration kRegisterUser(60, RegisterUser);

}  // namespace
}  // namespace kiosk::cli
