#include "kiosk/store/settings.h"

#include <algorithm>
#include <charconv>

#include "kiosk/auth/operator_directory.h"
#include "kiosk/core/i18n.h"
#include "kiosk/identity/unicode.h"

namespace kiosk::store {
namespace {

constexpr std::string_view kMasked = "***";

bool IsAlnum(char c) {
  return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9');
}

std::string_view Trim(std::string_view text) {
  const auto first = text.find_first_not_of(" \t\r\n");
  if (first == std::string_view::npos) return {};
  const auto last = text.find_last_not_of(" \t\r\n");
  return text.substr(first, last - first + 1);
}

// Well-formed UTF-8 without control characters: a setting is one line of text.
bool IsOneLineOfText(std::string_view text) {
  if (!identity::IsValidUtf8(text)) return false;
  return std::none_of(text.begin(), text.end(), [](char c) {
    const auto byte = static_cast<unsigned char>(c);
    return byte < 0x20 || byte == 0x7f;
  });
}

std::optional<bool> ParseBool(std::string_view text) {
  std::string lower(text);
  std::transform(lower.begin(), lower.end(), lower.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  if (lower == "true" || lower == "1" || lower == "yes" || lower == "on") return true;
  if (lower == "false" || lower == "0" || lower == "no" || lower == "off") return false;
  return std::nullopt;
}

std::optional<int64_t> ParseInt(std::string_view text) {
  int64_t value = 0;
  const char* end = text.data() + text.size();
  auto [ptr, ec] = std::from_chars(text.data(), end, value);
  if (text.empty() || ec != std::errc() || ptr != end) return std::nullopt;
  return value;
}

// The canonical stored form of a value, or why it is refused.
Result<std::string> Normalise(const SettingSpec& spec, std::string_view raw) {
  const std::string_view value = Trim(raw);
  switch (spec.type) {
    case SettingType::kBoolean: {
      auto parsed = ParseBool(value);
      if (!parsed) {
        return Fail(Error::InvalidArgument(N_("{0} takes true or false."), std::string(value))
                        .WithArg(spec.name));
      }
      return std::string(*parsed ? "true" : "false");
    }
    case SettingType::kInteger: {
      auto parsed = ParseInt(value);
      if (!parsed || *parsed < spec.min || *parsed > spec.max) {
        return Fail(Error::InvalidArgument(N_("{0} takes a whole number from {1} to {2}."),
                                           std::string(value))
                        .WithArg(spec.name)
                        .WithArg(std::to_string(spec.min))
                        .WithArg(std::to_string(spec.max)));
      }
      return std::to_string(*parsed);
    }
    case SettingType::kText:
      break;
  }
  if (value.size() > spec.max_length || !IsOneLineOfText(value)) {
    return Fail(Error::InvalidArgument(N_("{0} takes one line of text of at most {1} bytes."))
                    .WithArg(spec.name)
                    .WithArg(std::to_string(spec.max_length)));
  }
  if (spec.validate) {
    if (auto r = spec.validate(value); !r) return Fail(r.error());
  }
  return std::string(value);
}

std::string Quoted(std::string_view value) { return "'" + std::string(value) + "'"; }

}  // namespace

std::string_view ToString(SettingType type) {
  switch (type) {
    case SettingType::kText: return "text";
    case SettingType::kInteger: return "integer";
    case SettingType::kBoolean: return "boolean";
  }
  return "text";
}

bool IsValidStationId(std::string_view id) {
  if (id.empty() || id.size() > 32 || !IsAlnum(id.front()) || !IsAlnum(id.back())) return false;
  return std::all_of(id.begin(), id.end(),
                     [](char c) { return IsAlnum(c) || c == '-' || c == '_' || c == '.'; });
}

std::string DefaultStationId(const crypto::StationKey& key) {
  const auto digest = crypto::Sha256Of(key.PublicKeyDer());
  std::string hex = crypto::ToHex(std::span<const uint8_t>(digest.data(), 6));
  std::transform(hex.begin(), hex.end(), hex.begin(),
                 [](unsigned char c) { return static_cast<char>(std::toupper(c)); });
  return "ST-" + hex;
}

const std::vector<SettingSpec>& KnownSettings() {
  static const std::vector<SettingSpec> kSettings = [] {
    std::vector<SettingSpec> specs;
    SettingSpec id;
    id.name = "station.id";
    id.description = N_("The station's id: printed in every record number and the name in its "
                        "certificate.");
    id.computed_default = [](Store& store) -> Result<std::string> {
      return DefaultStationId(store.station_key());
    };
    id.max_length = 32;
    id.validate = [](std::string_view value) -> Result<void> {
      if (!IsValidStationId(value)) {
        return Fail(Error::InvalidArgument(
            N_("A station id has 1 to 32 letters, digits, '-', '_' or '.', and begins and ends "
               "with a letter or digit."),
            std::string(value)));
      }
      return {};
    };
    specs.push_back(std::move(id));

    SettingSpec unit;
    unit.name = "station.unit";
    unit.description = N_("The police unit this desk belongs to, printed on receipts.");
    unit.max_length = 120;
    specs.push_back(std::move(unit));
    return specs;
  }();
  return kSettings;
}

const SettingSpec* Settings::Find(std::string_view name) const {
  for (const auto& spec : specs_) {
    if (spec.name == name) return &spec;
  }
  return nullptr;
}

Result<const SettingSpec*> Settings::Require(std::string_view name) const {
  const SettingSpec* spec = Find(name);
  if (spec == nullptr) {
    return Fail(Error::NotFound(N_("There is no setting named {0}."), std::string(name))
                    .WithArg(std::string(name)));
  }
  return spec;
}

Result<SettingValue> Settings::Effective(const SettingSpec& spec) {
  auto stored = store_.GetSetting(spec.name);
  if (!stored) return Fail(stored.error());
  SettingValue value{spec.name, spec.type, {}, !stored->has_value(), spec.description};
  if (stored->has_value()) {
    value.value = **stored;
  } else if (spec.computed_default) {
    auto computed = spec.computed_default(store_);
    if (!computed) return Fail(computed.error());
    value.value = *computed;
  } else {
    value.value = spec.default_value;
  }
  return value;
}

Result<std::vector<SettingValue>> Settings::List(const auth::Session& session) {
  if (auto r = auth::Authorize(store_, session, auth::Action::kChangeSettings); !r) {
    return Fail(r.error());
  }
  std::vector<SettingValue> list;
  for (const auto& spec : specs_) {
    auto value = Effective(spec);
    if (!value) return Fail(value.error());
    if (spec.secret) value->value = kMasked;
    list.push_back(std::move(*value));
  }
  return list;
}

Result<SettingValue> Settings::Get(const auth::Session& session, std::string_view name) {
  if (auto r = auth::Authorize(store_, session, auth::Action::kChangeSettings); !r) {
    return Fail(r.error());
  }
  auto spec = Require(name);
  if (!spec) return Fail(spec.error());
  return Effective(**spec);
}

Result<void> Settings::Set(const auth::Session& session, std::string_view name,
                           std::string_view value) {
  const std::string actor = auth::AuditActor(session);
  if (auto r = auth::Authorize(store_, session, auth::Action::kChangeSettings); !r) {
    (void)store_.audit().Append(actor, "settings.change", name, "denied");
    return r;
  }
  auto spec = Require(name);
  if (!spec) return Fail(spec.error());
  const bool reset = Trim(value).empty() &&
                     (!(*spec)->default_value.empty() || (*spec)->computed_default);
  std::string next;
  if (!reset) {
    auto normalised = Normalise(**spec, value);
    if (!normalised) return Fail(normalised.error());
    next = std::move(*normalised);
  }

  auto tx = Transaction::Begin(store_.db());
  if (!tx) return Fail(tx.error());
  auto before = Effective(**spec);
  if (!before) return Fail(before.error());
  if (reset) {
    if (auto r = store_.db().Run("DELETE FROM settings WHERE name = ?", name); !r) return r;
  } else {
    if (auto r = store_.SetSetting(name, next); !r) return r;
  }
  auto after = Effective(**spec);
  if (!after) return Fail(after.error());
  if (before->value == after->value && before->is_default == after->is_default) return {};
  const std::string detail =
      (*spec)->secret ? std::string("changed")
                      : Quoted(before->value) + (before->is_default ? " (default)" : "") + " -> " +
                            Quoted(after->value) + (after->is_default ? " (default)" : "");
  if (auto r = store_.audit().Append(actor, "settings.change", name, "ok", detail); !r) {
    return Fail(r.error());
  }
  return tx->Commit();
}

Result<std::string> Settings::Value(std::string_view name) {
  auto spec = Require(name);
  if (!spec) return Fail(spec.error());
  auto value = Effective(**spec);
  if (!value) return Fail(value.error());
  return value->value;
}

Result<int64_t> Settings::IntValue(std::string_view name) {
  auto text = Value(name);
  if (!text) return Fail(text.error());
  auto parsed = ParseInt(*text);
  if (!parsed) {
    return Fail(Error(ErrorCode::kCorrupt, N_("The stored setting {0} is damaged."), *text)
                    .WithArg(std::string(name)));
  }
  return *parsed;
}

Result<bool> Settings::BoolValue(std::string_view name) {
  auto text = Value(name);
  if (!text) return Fail(text.error());
  auto parsed = ParseBool(*text);
  if (!parsed) {
    return Fail(Error(ErrorCode::kCorrupt, N_("The stored setting {0} is damaged."), *text)
                    .WithArg(std::string(name)));
  }
  return *parsed;
}

Result<std::string> StationId(Store& store) { return Settings(store).Value("station.id"); }

}  // namespace kiosk::store
