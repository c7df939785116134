// kiosk-cli settings list|get NAME|set NAME VALUE: the station's settings kept in the store
// (station id, unit…; see kiosk/store/settings.h). Technician or administrator; the core checks
// the role and audits every change.
#include <cstdio>

#include <nlohmann/json.hpp>

#include "kiosk/core/i18n.h"
#include "kiosk/store/settings.h"
#include "ui/cli/cmd_store_common.h"

namespace kiosk::cli {
namespace {

using storecli::Credentials;

nlohmann::json ToJson(const store::SettingValue& value) {
  return {{"name", value.name},
          {"type", std::string(store::ToString(value.type))},
          {"value", value.value},
          {"default", value.is_default}};
}

void PrintLine(const store::SettingValue& value) {
  std::printf("%-16s %s%s\n", value.name.c_str(), value.value.c_str(),
              value.is_default ? ("  (" + i18n::tr("default") + ")").c_str() : "");
}

void RegisterSettings(CLI::App& app, Context& context) {
  auto* group = app.add_subcommand("settings", "Station settings: station id, unit (technician)");
  group->require_subcommand(1);
  {
    auto credentials = std::make_shared<Credentials>();
    auto* cmd = group->add_subcommand("list", "List the settings with their values");
    storecli::AddCredentialOptions(cmd, credentials);
    cmd->callback([&context, credentials] {
      context.handler = [&context, credentials] {
        return storecli::WithSession(context, *credentials, [&](auto& open, auto& session) {
          auto list = store::Settings(*open.store).List(session);
          if (!list) return storecli::Report(*credentials, list.error());
          nlohmann::json out = nlohmann::json::array();
          for (const auto& value : *list) {
            if (credentials->json) {
              auto item = ToJson(value);
              item["description"] = value.description;
              out.push_back(std::move(item));
            } else {
              PrintLine(value);
              std::printf("%-16s %s\n", "", i18n::tr(value.description).c_str());
            }
          }
          if (credentials->json) std::printf("%s\n", out.dump(2).c_str());
          return 0;
        });
      };
    });
  }
  {
    auto credentials = std::make_shared<Credentials>();
    auto name = std::make_shared<std::string>();
    auto* cmd = group->add_subcommand("get", "Print one setting");
    cmd->add_option("name", *name, "Setting name, e.g. station.id")->required();
    storecli::AddCredentialOptions(cmd, credentials);
    cmd->callback([&context, credentials, name] {
      context.handler = [&context, credentials, name] {
        return storecli::WithSession(context, *credentials, [&](auto& open, auto& session) {
          auto value = store::Settings(*open.store).Get(session, *name);
          if (!value) return storecli::Report(*credentials, value.error());
          if (credentials->json) {
            std::printf("%s\n", ToJson(*value).dump(2).c_str());
          } else {
            std::printf("%s\n", value->value.c_str());
          }
          return 0;
        });
      };
    });
  }
  {
    auto credentials = std::make_shared<Credentials>();
    auto name = std::make_shared<std::string>();
    auto value = std::make_shared<std::string>();
    auto* cmd = group->add_subcommand(
        "set", "Change a setting (an empty VALUE returns it to its default); audited");
    cmd->add_option("name", *name, "Setting name, e.g. station.id")->required();
    cmd->add_option("value", *value, "New value")->required();
    storecli::AddCredentialOptions(cmd, credentials);
    cmd->callback([&context, credentials, name, value] {
      context.handler = [&context, credentials, name, value] {
        return storecli::WithSession(context, *credentials, [&](auto& open, auto& session) {
          store::Settings settings(*open.store);
          if (auto r = settings.Set(session, *name, *value); !r) {
            return storecli::Report(*credentials, r.error());
          }
          auto now = settings.Get(session, *name);
          if (!now) return storecli::Report(*credentials, now.error());
          if (credentials->json) {
            auto out = ToJson(*now);
            out["ok"] = true;
            std::printf("%s\n", out.dump(2).c_str());
          } else {
            PrintLine(*now);
          }
          return 0;
        });
      };
    });
  }
}

const CommandRegistration kRegisterSettings(66, RegisterSettings);

}  // namespace
}  // namespace kiosk::cli
