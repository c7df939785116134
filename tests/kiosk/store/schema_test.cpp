// Schema upgrades: a database as an older station wrote it (migrated only that far) is brought to
// the current schema without losing what it held.
#include "kiosk/store/schema.h"

#include <gtest/gtest.h>

#include "kiosk/store/store.h"
#include "tests/kiosk/store/store_fixture.h"

namespace kiosk::store {
namespace {

using kiosk::testing::TempDir;

struct OutboxRow {
  int64_t enrollment_id = 0;
  int64_t created_at = 0;
  int64_t attempts = 0;
  int64_t next_attempt_at = 0;
  std::string last_error;
  std::string state;
  bool operator==(const OutboxRow&) const = default;
};

std::vector<OutboxRow> OutboxRows(Database& db) {
  auto rows = db.QueryRows(
      "SELECT enrollment_id, created_at, attempts, next_attempt_at, coalesce(last_error, ''), "
      "state FROM outbox ORDER BY id",
      [](const Statement& row) {
        return OutboxRow{row.Int(0), row.Int(1), row.Int(2), row.Int(3), row.Text(4), row.Text(5)};
      });
  EXPECT_TRUE(rows) << rows.error().ToLogString();
  return rows ? *rows : std::vector<OutboxRow>{};
}

// A version-1 station's database: three records in the outbox (one waiting after two failed
// attempts, one sent and awaiting its receipt, one done).
Database VersionOneDatabase(const std::filesystem::path& file) {
  auto db = Database::Open(file);
  EXPECT_TRUE(db) << db.error().ToLogString();
  EXPECT_TRUE(Migrate(*db, 1));
  EXPECT_EQ(*SchemaVersion(*db), 1);
  for (int i = 1; i <= 3; ++i) {
    EXPECT_TRUE(db->Run("INSERT INTO enrollments (id, record_number, status, created_at, updated_at) "
                        "VALUES (?, ?, 'queued', 100, 100)",
                        i, "ST-TEST-20261129-000" + std::to_string(i)));
  }
  EXPECT_TRUE(db->Run("INSERT INTO outbox (enrollment_id, created_at, attempts, next_attempt_at, "
                      "last_error, state) VALUES (1, 200, 2, 260, 'timeout', 'pending'), "
                      "(2, 201, 1, 201, NULL, 'sent'), (3, 202, 1, 202, NULL, 'done')"));
  return std::move(*db);
}

TEST(SchemaTest, MigrateToOlderVersion_StopsThere_ThenUpgradesToLatest) {
  TempDir dir;
  auto db = Database::Open(dir / "station.db");
  ASSERT_TRUE(db);
  ASSERT_TRUE(Migrate(*db, 1));
  EXPECT_EQ(*SchemaVersion(*db), 1);
  // Version 1's outbox has no packet column yet.
  EXPECT_FALSE(db->Prepare("SELECT packet FROM outbox"));
  ASSERT_TRUE(Migrate(*db));
  EXPECT_EQ(*SchemaVersion(*db), LatestSchemaVersion());
  EXPECT_TRUE(db->Prepare("SELECT packet FROM outbox"));
  // Never down.
  ASSERT_TRUE(Migrate(*db, 1));
  EXPECT_EQ(*SchemaVersion(*db), LatestSchemaVersion());
}

TEST(SchemaTest, VersionOneOutbox_Upgraded_RowsKeptAndReadyForTheQueue) {
  TempDir dir;
  auto db = VersionOneDatabase(dir / "station.db");
  const auto before = OutboxRows(db);
  ASSERT_EQ(before.size(), 3u);

  ASSERT_TRUE(Migrate(db));
  EXPECT_EQ(*SchemaVersion(db), LatestSchemaVersion());
  EXPECT_EQ(OutboxRows(db), before);
  // The queue's new columns start empty: nothing packaged yet, no receipt, no central status.
  EXPECT_EQ(*db.QueryInt("SELECT count(*) FROM outbox WHERE packet IS NULL AND content_hash IS NULL "
                         "AND receipt IS NULL AND central_status IS NULL AND duplicate = 0 "
                         "AND next_attempt_ms IS NULL",
                         -1),
            3);
  // The new state is allowed, and the one-row-per-record rule still holds.
  EXPECT_TRUE(db.Run("UPDATE outbox SET state = 'parked' WHERE enrollment_id = 3"));
  auto duplicate = db.Run("INSERT INTO outbox (enrollment_id, created_at, next_attempt_at) VALUES (1, 1, 1)");
  ASSERT_FALSE(duplicate);
  EXPECT_EQ(duplicate.error().code(), ErrorCode::kConflict);
  EXPECT_EQ(*db.QueryInt("SELECT count(*) FROM sqlite_master WHERE name = 'outbox_state'", 0), 1);
}

TEST(SchemaTest, VersionOneDatabase_OpenedByTheStore_Upgraded) {
  TempDir dir;
  std::vector<OutboxRow> before;
  {
    auto db = VersionOneDatabase(Store::DatabasePath(dir.path()));
    before = OutboxRows(db);
  }
  kiosk::testing::FakeClock clock;
  FileKeyProvider keys(FileKeyProvider::DefaultPath(dir.path()));
  StoreOptions options;
  options.data_dir = dir.path();
  auto store = Store::Open(options, keys, clock);
  ASSERT_TRUE(store) << store.error().ToLogString();
  EXPECT_EQ(*SchemaVersion((*store)->db()), LatestSchemaVersion());
  EXPECT_EQ(OutboxRows((*store)->db()), before);
}

}  // namespace
}  // namespace kiosk::store
