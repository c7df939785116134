#pragma once
// The station's settings kept in the store (table `settings`): what a technician sets on the
// station itself at provisioning, as opposed to the configuration file an installer deploys.
// Each known setting has a name, a type, a default and a validator (KnownSettings()); the store's
// own internal rows (wrapped data key, audit head, sync timestamps) share the table but are not
// settings: they are never listed, read or written through this API.
//
//   station.id    the station's id, printed in every record number (record_number.h) and the CN
//                 of its certificate. Default: "ST-" + 12 hex digits of the SHA-256 of the
//                 station key's public key, so two unprovisioned stations never collide either.
//   station.unit  the police unit the desk belongs to (printed on receipts); may be empty.
//
// Reading and changing settings is for technicians and administrators (auth::Action::
// kChangeSettings), checked here in the core. Every change is audited: who, the setting, the old
// and the new value (a secret setting's values are never written: "changed" only). Denied changes
// are audited too.
//
// Thread safety: as the Store it borrows (one thread at a time).

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "kiosk/auth/authenticator.h"
#include "kiosk/core/result.h"
#include "kiosk/store/store.h"

namespace kiosk::store {

enum class SettingType { kText, kInteger, kBoolean };
std::string_view ToString(SettingType type);  // "text", "integer", "boolean"

struct SettingSpec {
  std::string name;
  SettingType type = SettingType::kText;
  std::string description;  // English msgid, for the technician screen and `settings list`
  // The value when the setting was never set; DefaultValue() may compute it from the store.
  std::string default_value;
  std::function<Result<std::string>(Store&)> computed_default;
  // Integers: inclusive range.
  int64_t min = 0;
  int64_t max = 0;
  // Text: extra validation (kInvalidArgument with a message for the technician); the value is
  // already trimmed and at most max_length bytes of UTF-8.
  size_t max_length = 120;
  std::function<Result<void>(std::string_view)> validate;
  bool secret = false;  // values masked in List() and never written to the audit log
};

// The settings this program knows.
const std::vector<SettingSpec>& KnownSettings();

struct SettingValue {
  std::string name;
  SettingType type = SettingType::kText;
  std::string value;        // effective value ("***" for a secret one in List())
  bool is_default = true;   // never set: the default applies
  std::string description;  // English msgid
};

// A station id: 1–32 characters of A–Z a–z 0–9 '-' '_' '.', beginning and ending with a letter
// or digit (it is part of record numbers, packet ids and a certificate CN).
bool IsValidStationId(std::string_view id);
// The station id used when none was set: "ST-" + the first 12 hex digits (upper case) of the
// SHA-256 of the station key's SubjectPublicKeyInfo.
std::string DefaultStationId(const crypto::StationKey& key);

class Settings {
 public:
  explicit Settings(Store& store, std::vector<SettingSpec> specs = KnownSettings())
      : store_(store), specs_(std::move(specs)) {}

  // Technician or administrator (kPermissionDenied otherwise).
  Result<std::vector<SettingValue>> List(const auth::Session& session);
  Result<SettingValue> Get(const auth::Session& session, std::string_view name);
  // Validates against the setting's type and rules; an empty value on a setting with a default
  // returns it to the default. Audited ("settings.change", old → new).
  Result<void> Set(const auth::Session& session, std::string_view name, std::string_view value);

  // For the core's own services (no session: callers hold their own authorisation, and these
  // values are never citizen data). kNotFound for an unknown name.
  Result<std::string> Value(std::string_view name);
  Result<int64_t> IntValue(std::string_view name);
  Result<bool> BoolValue(std::string_view name);

 private:
  const SettingSpec* Find(std::string_view name) const;
  Result<const SettingSpec*> Require(std::string_view name) const;
  Result<SettingValue> Effective(const SettingSpec& spec);
  Store& store_;
  std::vector<SettingSpec> specs_;
};

// The station id: the station.id setting, or DefaultStationId() when it was never set.
Result<std::string> StationId(Store& store);

}  // namespace kiosk::store
