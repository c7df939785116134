#include "kiosk/store/store.h"

#include <chrono>

#include "kiosk/store/schema.h"

namespace kiosk::store {
namespace {

constexpr std::string_view kDataKeySetting = "data_key_wrapped";

std::string FieldAad(std::string_view record, std::string_view field) {
  std::string aad = "kiosk-item-v1";
  aad += '\x1f';
  aad += record;
  aad += '\x1f';
  aad += field;
  return aad;
}

Result<std::optional<Bytes>> ReadBlobSetting(Database& db, std::string_view name) {
  auto q = db.Query("SELECT value FROM settings WHERE name = ?", name);
  if (!q) return Fail(q.error());
  auto row = q->Step();
  if (!row) return Fail(row.error());
  if (!*row) return std::optional<Bytes>();
  return std::optional<Bytes>(q->Blob(0));
}

constexpr const char* kUpsertSetting =
    "INSERT INTO settings (name, value) VALUES (?, ?) "
    "ON CONFLICT(name) DO UPDATE SET value = excluded.value";

}  // namespace

int64_t ToUnixSeconds(Clock::WallTime time) {
  return std::chrono::duration_cast<std::chrono::seconds>(time.time_since_epoch()).count();
}

Clock::WallTime FromUnixSeconds(int64_t seconds) {
  return Clock::WallTime(std::chrono::seconds(seconds));
}

std::filesystem::path Store::DatabasePath(const std::filesystem::path& data_dir) {
  return data_dir / "station.db";
}

Store::Store(Database db, SecretBytes data_key, crypto::StationKey station_key,
             const Clock& clock, std::filesystem::path data_dir)
    : db_(std::move(db)),
      data_key_(std::move(data_key)),
      station_key_(std::move(station_key)),
      clock_(clock),
      data_dir_(std::move(data_dir)),
      audit_(db_, station_key_, clock_) {}

Store::~Store() = default;

Result<std::unique_ptr<Store>> Store::Open(const StoreOptions& options, KeyProvider& keys,
                                           const Clock& clock) {
  if (options.data_dir.empty()) {
    return Fail(Error::InvalidArgument("No data directory is configured."));
  }
  const auto file = DatabasePath(options.data_dir);
  std::error_code ec;
  const bool exists = std::filesystem::exists(file, ec);
  if (!exists && options.read_only) {
    return Fail(Error::NotFound("There is no station database in the data directory.",
                                file.string()));
  }
  if (!exists) {
    std::filesystem::create_directories(options.data_dir, ec);
    std::filesystem::permissions(options.data_dir, std::filesystem::perms::owner_all,
                                 std::filesystem::perm_options::replace, ec);
  }
  auto db = Database::Open(file, OpenOptions{.read_only = options.read_only});
  if (!db) return Fail(db.error());
  if (!exists) {
    // Encrypted or not, the files are the station user's only; sqlite gives later -wal and
    // -shm files the database file's mode.
    for (const char* suffix : {"", "-wal", "-shm"}) {
      std::filesystem::path part = file;
      part += suffix;
      std::filesystem::permissions(part,
                                   std::filesystem::perms::owner_read |
                                       std::filesystem::perms::owner_write,
                                   std::filesystem::perm_options::replace, ec);
    }
  }
  if (options.max_page_count > 0) {
    if (auto r = db->Exec("PRAGMA max_page_count = " + std::to_string(options.max_page_count));
        !r) {
      return Fail(r.error());
    }
  }
  if (!options.read_only) {
    if (auto r = Migrate(*db); !r) return Fail(r.error());
  } else {
    auto version = SchemaVersion(*db);
    if (!version) return Fail(version.error());
    if (*version != LatestSchemaVersion()) {
      return Fail(Error(ErrorCode::kUnsupported,
                        "The database's schema does not match this program.",
                        "schema " + std::to_string(*version)));
    }
  }

  auto wrapped = ReadBlobSetting(*db, kDataKeySetting);
  if (!wrapped) return Fail(wrapped.error());
  SecretBytes data_key;
  if (wrapped->has_value()) {
    auto unwrapped = keys.Unwrap(**wrapped);
    if (!unwrapped) return Fail(unwrapped.error());
    if (unwrapped->size() != crypto::kAes256KeySize) {
      return Fail(Error(ErrorCode::kCorrupt, "The database's key record is damaged.",
                        "data key size"));
    }
    data_key = std::move(*unwrapped);
  } else {
    // First run: a database without a data key must not hold any sealed data yet.
    auto sealed = db->QueryInt("SELECT count(*) FROM items", 0);
    if (!sealed) return Fail(sealed.error());
    if (*sealed > 0) {
      return Fail(Error(ErrorCode::kCorrupt, "The database's key record is missing.",
                        "items without a data key"));
    }
    auto fresh = crypto::RandomKey();
    if (!fresh) return Fail(fresh.error());
    auto wrapped_key = keys.Wrap(*fresh);
    if (!wrapped_key) return Fail(wrapped_key.error());
    auto tx = Transaction::Begin(*db);
    if (!tx) return Fail(tx.error());
    // Another process may have created the key meanwhile: keep theirs.
    auto again = ReadBlobSetting(*db, kDataKeySetting);
    if (!again) return Fail(again.error());
    if (again->has_value()) {
      auto unwrapped = keys.Unwrap(**again);
      if (!unwrapped) return Fail(unwrapped.error());
      data_key = std::move(*unwrapped);
    } else {
      if (auto r = db->Run(kUpsertSetting, kDataKeySetting, *wrapped_key); !r) {
        return Fail(r.error());
      }
      if (auto r = db->Run(kUpsertSetting, "created_at", std::to_string(ToUnixSeconds(clock.Now())));
          !r) {
        return Fail(r.error());
      }
      data_key = std::move(*fresh);
    }
    if (auto r = tx->Commit(); !r) return Fail(r.error());
  }

  auto key_file = options.station_key_file.empty()
                      ? crypto::StationKey::DefaultPath(options.data_dir)
                      : options.station_key_file;
  auto station_key = options.read_only ? crypto::StationKey::Load(key_file)
                                       : crypto::StationKey::LoadOrCreate(key_file);
  if (!station_key) return Fail(station_key.error());

  return std::unique_ptr<Store>(new Store(std::move(*db), std::move(data_key),
                                          std::move(*station_key), clock, options.data_dir));
}

Result<Bytes> Store::SealField(std::string_view record, std::string_view field,
                               std::span<const uint8_t> plaintext) const {
  return crypto::Seal(data_key_, plaintext, FieldAad(record, field));
}

Result<SecretBytes> Store::OpenField(std::string_view record, std::string_view field,
                                     std::span<const uint8_t> sealed) const {
  auto plain = crypto::Open(data_key_, sealed, FieldAad(record, field));
  if (!plain) {
    return Fail(std::move(plain).error().WithContext("record " + std::string(record) + " field " +
                                                     std::string(field)));
  }
  return plain;
}

Result<std::optional<std::string>> Store::GetSetting(std::string_view name) {
  auto value = ReadBlobSetting(db_, name);
  if (!value) return Fail(value.error());
  if (!value->has_value()) return std::optional<std::string>();
  return std::optional<std::string>(std::string((*value)->begin(), (*value)->end()));
}

Result<void> Store::SetSetting(std::string_view name, std::string_view value) {
  return db_.Run(kUpsertSetting, name, value);
}

Result<void> Store::RewrapDataKey(KeyProvider& next, std::string_view actor) {
  auto wrapped = next.Wrap(data_key_);
  if (!wrapped) return Fail(wrapped.error());
  auto tx = Transaction::Begin(db_);
  if (!tx) return Fail(tx.error());
  if (auto r = db_.Run(kUpsertSetting, kDataKeySetting, *wrapped); !r) return Fail(r.error());
  if (auto r = audit_.Append(actor, "store.rotate_key", "", "ok", next.Describe()); !r) {
    return Fail(r.error());
  }
  return tx->Commit();
}

Result<void> Store::Backup(const std::filesystem::path& destination, std::string_view actor) {
  auto r = db_.BackupTo(destination);
  (void)audit_.Append(actor, "store.backup", "", r ? "ok" : std::string(ToString(r.error().code())),
                      destination.filename().string());
  return r;
}

Result<std::optional<std::string>> Store::IntegrityCheck() {
  auto q = db_.Query("PRAGMA integrity_check");
  if (!q) return Fail(q.error());
  auto row = q->Step();
  if (!row) return Fail(row.error());
  if (!*row) return std::optional<std::string>("integrity_check returned nothing");
  std::string first = q->Text(0);
  if (first == "ok") return std::optional<std::string>();
  return std::optional<std::string>(first);
}

Result<void> RotateKeyFile(Store& store, FileKeyProvider& current, std::string_view actor) {
  std::filesystem::path next_file = current.key_file();
  next_file += ".next";
  std::error_code ec;
  std::filesystem::remove(next_file, ec);
  FileKeyProvider next(next_file);
  if (auto r = store.RewrapDataKey(next, actor); !r) {
    std::filesystem::remove(next_file, ec);
    return r;
  }
  std::filesystem::rename(next_file, current.key_file(), ec);
  if (ec) {
    return Fail(Error::Io("The new key file cannot be moved into place.", ec.message()));
  }
  return {};
}

}  // namespace kiosk::store
