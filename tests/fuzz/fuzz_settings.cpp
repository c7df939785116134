// libFuzzer target: a station setting's value as a technician types it (kiosk-cli settings set,
// the technician screen) through Settings::Set on a real store in a temporary directory. Byte 0
// picks the setting (or, past the known ones, uses the text as the setting's name); the rest is
// the value. What is accepted must read back as stored, be one line of text, and set again to
// itself.
#include <unistd.h>

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <filesystem>
#include <memory>
#include <string>

#include "kiosk/auth/operator_directory.h"
#include "kiosk/core/clock.h"
#include "kiosk/store/settings.h"
#include "kiosk/store/store.h"

namespace {

using namespace kiosk;

struct Station {
  std::filesystem::path dir;
  std::unique_ptr<store::FileKeyProvider> keys;
  std::unique_ptr<store::Store> store;
  std::unique_ptr<auth::OperatorDirectory> directory;
  auth::Session admin;
};

// One store per process, made at the first input; the directory is removed at exit.
Station& TheStation() {
  static Station* const station = [] {
    auto* s = new Station;
    char pattern[] = "/tmp/kiosk-fuzz-settings-XXXXXX";
    if (mkdtemp(pattern) == nullptr) std::abort();
    s->dir = pattern;
    std::atexit([] { std::error_code ignored; std::filesystem::remove_all(TheStation().dir, ignored); });
    s->keys = std::make_unique<store::FileKeyProvider>(store::FileKeyProvider::DefaultPath(s->dir));
    store::StoreOptions options;
    options.data_dir = s->dir;
    auto opened = store::Store::Open(options, *s->keys, SystemClock::Instance());
    if (!opened) std::abort();
    s->store = std::move(*opened);
    s->directory = std::make_unique<auth::OperatorDirectory>(*s->store, Config::Policy{},
                                                             auth::PasswordHashCost::ForTests());
    const SecretString password("Admin#2026x");
    if (!s->directory->BootstrapAdministrator({"admin", "", auth::Role::kAdministrator}, password)) {
      std::abort();
    }
    auto session = s->directory->SignIn("admin", password);
    if (!session) std::abort();
    s->admin = *session;
    return s;
  }();
  return *station;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  if (size < 1 || size > 512) return 0;
  Station& station = TheStation();
  store::Settings settings(*station.store);
  const auto& specs = store::KnownSettings();
  const std::string value(reinterpret_cast<const char*>(data + 1), size - 1);
  const size_t pick = data[0] % (specs.size() + 1);
  const std::string name = pick < specs.size() ? specs[pick].name : value;
  if (!settings.Set(station.admin, name, value)) return 0;
  const bool known = std::any_of(specs.begin(), specs.end(),
                                 [&](const store::SettingSpec& spec) { return spec.name == name; });
  if (!known) std::abort();  // only known settings can be set
  auto stored = settings.Get(station.admin, name);
  if (!stored) std::abort();
  if (stored->value.find_first_of("\r\n") != std::string::npos) std::abort();
  if (!settings.Set(station.admin, name, stored->value)) std::abort();
  auto again = settings.Get(station.admin, name);
  if (!again || again->value != stored->value) std::abort();
  return 0;
}
