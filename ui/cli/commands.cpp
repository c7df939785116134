#include "ui/cli/commands.h"

#include <algorithm>
#include <cstdio>
#include <iostream>
#include <vector>

#include <nlohmann/json.hpp>

namespace kiosk::cli {
namespace {

std::vector<std::pair<int, Registrar>>& Registry() {
  static std::vector<std::pair<int, Registrar>> registry;
  return registry;
}

}  // namespace

CommandRegistration::CommandRegistration(int order, Registrar registrar) {
  Registry().emplace_back(order, registrar);
}

void RegisterAll(CLI::App& app, Context& context) {
  auto entries = Registry();
  std::stable_sort(entries.begin(), entries.end(),
                   [](const auto& a, const auto& b) { return a.first < b.first; });
  for (const auto& [order, registrar] : entries) registrar(app, context);
}

Config Context::ConfigOrDefaults() const {
  if (config) return *config;
  Config defaults;
  (void)ApplyEnvironment(defaults);
  return defaults;
}

int Failure(const Error& error) {
  std::fprintf(stderr, "%s\n", error.Message().c_str());
  return 1;
}

int JsonFailure(const Error& error) {
  nlohmann::json doc = {{"ok", false},
                        {"error", std::string(ToString(error.code()))},
                        {"retriable", error.retriable()},
                        {"reason", error.EnglishMessage()}};
  std::cout << doc.dump(2) << "\n";
  return Failure(error);
}

}  // namespace kiosk::cli
