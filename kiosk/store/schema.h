#pragma once
// The store's schema: numbered migrations, each applied in its own transaction together with
// `PRAGMA user_version`, so a database is always at exactly one version.

#include "kiosk/store/sqlite.h"

namespace kiosk::store {

// The schema version this program writes.
int LatestSchemaVersion();

// Brings the database to LatestSchemaVersion(). A database newer than the program is refused
// (kUnsupported) and left untouched.
Result<void> Migrate(Database& db);
// Brings the database up to `target_version` only (never down). Tests use it to build a
// database as an older station wrote it, then upgrade it.
Result<void> Migrate(Database& db, int target_version);

// The version recorded in the database (0 for a new one).
Result<int> SchemaVersion(Database& db);

}  // namespace kiosk::store
