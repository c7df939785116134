#pragma once
// The station's encrypted offline store: one SQLite database in the data directory.
//
// Opening it: applies the migrations, unwraps the per-database data key with the KeyProvider
// (created and wrapped on first run), loads the station key (created on first run), and makes
// the audit log available. Everything about a citizen is sealed with AES-256-GCM under the data
// key; the additional data of each blob names its record and field, so a blob moved to another
// record or field no longer opens.
//
// The services working on a Store (auth::OperatorDirectory, batch::Records, …) borrow it.
//
// Thread safety: a Store is used by one thread at a time. Several processes may open the same
// database (WAL + busy timeout).

#include <filesystem>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <string_view>

#include "kiosk/audit/audit_log.h"
#include "kiosk/core/clock.h"
#include "kiosk/core/result.h"
#include "kiosk/core/secret.h"
#include "kiosk/crypto/station_key.h"
#include "kiosk/store/key_provider.h"
#include "kiosk/store/sqlite.h"

namespace kiosk::store {

struct StoreOptions {
  std::filesystem::path data_dir;
  bool read_only = false;
  // Where the station key lives; default: crypto::StationKey::DefaultPath(data_dir).
  std::filesystem::path station_key_file;
  // Tests: caps the database's size in pages to simulate a full disk (0: no cap).
  int64_t max_page_count = 0;
};

class Store {
 public:
  static std::filesystem::path DatabasePath(const std::filesystem::path& data_dir);

  // Errors: kCrypto when the key is missing or wrong, kCorrupt when the file is not a station
  // database, kUnsupported when it is newer than the program, kReadOnly/kIo/kDiskFull.
  static Result<std::unique_ptr<Store>> Open(const StoreOptions& options, KeyProvider& keys,
                                             const Clock& clock);

  Store(const Store&) = delete;
  Store& operator=(const Store&) = delete;
  ~Store();

  Database& db() { return db_; }
  const Clock& clock() const { return clock_; }
  const crypto::StationKey& station_key() const { return station_key_; }
  audit::AuditLog& audit() { return audit_; }
  const std::filesystem::path& data_dir() const { return data_dir_; }

  // Seals / opens a blob bound to (record, field).
  Result<Bytes> SealField(std::string_view record, std::string_view field,
                          std::span<const uint8_t> plaintext) const;
  Result<SecretBytes> OpenField(std::string_view record, std::string_view field,
                                std::span<const uint8_t> sealed) const;

  // Settings (clear, small, never citizen data).
  Result<std::optional<std::string>> GetSetting(std::string_view name);
  Result<void> SetSetting(std::string_view name, std::string_view value);

  // Re-wraps the data key under `next` (rotation). Blobs are not re-encrypted. Audited.
  Result<void> RewrapDataKey(KeyProvider& next, std::string_view actor);

  // Online backup to `destination`: a consistent, still encrypted copy (without the key file).
  Result<void> Backup(const std::filesystem::path& destination, std::string_view actor);

  // PRAGMA integrity_check; the first problem sqlite reports, or nothing.
  Result<std::optional<std::string>> IntegrityCheck();

 private:
  Store(Database db, SecretBytes data_key, crypto::StationKey station_key, const Clock& clock,
        std::filesystem::path data_dir);
  Database db_;
  SecretBytes data_key_;
  crypto::StationKey station_key_;
  const Clock& clock_;
  std::filesystem::path data_dir_;
  audit::AuditLog audit_;
};

// Rotates a FileKeyProvider's key: writes a new key file beside the current one
// (<file>.next), re-wraps the data key under it, then moves it into place. A crash between the
// two steps is finished by FileKeyProvider::Unwrap on the next open.
Result<void> RotateKeyFile(Store& store, FileKeyProvider& current, std::string_view actor);

// Unix seconds of a wall time (what the store writes in its timestamp columns).
int64_t ToUnixSeconds(Clock::WallTime time);
Clock::WallTime FromUnixSeconds(int64_t seconds);

}  // namespace kiosk::store
