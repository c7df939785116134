#include "kiosk/store/store.h"

#include <gtest/gtest.h>

#include <fstream>

#include "kiosk/store/schema.h"
#include "tests/kiosk/store/store_fixture.h"

namespace kiosk::store {
namespace {

using testing_support::StoreFixture;
using StoreTest = StoreFixture;

StoreOptions At(const std::filesystem::path& dir, bool read_only = false) {
  StoreOptions options;
  options.data_dir = dir;
  options.read_only = read_only;
  return options;
}

std::string AsString(const SecretBytes& b) { return std::string(b.data(), b.data() + b.size()); }

TEST_F(StoreTest, Open_AppliesSchemaAndPragmas) {
  EXPECT_EQ(*SchemaVersion(store().db()), LatestSchemaVersion());
  auto q = store().db().Query("PRAGMA journal_mode");
  ASSERT_TRUE(q && *q->Step());
  EXPECT_EQ(q->Text(0), "wal");
  EXPECT_EQ(*store().db().QueryInt("PRAGMA foreign_keys", 0), 1);
  EXPECT_EQ(*store().db().QueryInt("PRAGMA synchronous", 0), 2);  // FULL
}

TEST_F(StoreTest, SealedField_OpensOnlyForItsRecordAndField) {
  std::string text = "Nguyen Van Mau";
  auto sealed = store().SealField("R1", "personal.name", crypto::AsBytes(text));
  ASSERT_TRUE(sealed);
  auto opened = store().OpenField("R1", "personal.name", *sealed);
  ASSERT_TRUE(opened);
  EXPECT_EQ(AsString(*opened), text);
  EXPECT_FALSE(store().OpenField("R2", "personal.name", *sealed));
  EXPECT_FALSE(store().OpenField("R1", "personal.address", *sealed));
}

TEST_F(StoreTest, Reopen_UnwrapsSameDataKey) {
  auto sealed = store().SealField("R1", "f", crypto::AsBytes("x"));
  ASSERT_TRUE(Reopen());
  EXPECT_TRUE(store().OpenField("R1", "f", *sealed));
}

TEST_F(StoreTest, MissingKeyFile_CannotOpen) {
  store_.reset();
  std::filesystem::remove(keys_.key_file());
  auto opened = Store::Open(At(dir_.path()), keys_, clock_);
  ASSERT_FALSE(opened);
  EXPECT_EQ(opened.error().code(), ErrorCode::kCrypto);
  EXPECT_NE(opened.error().message_key().find("missing"), std::string::npos);
}

TEST_F(StoreTest, CopiedDatabaseWithoutKeyFile_CannotBeOpenedElsewhere) {
  store_.reset();
  kiosk::testing::TempDir other;
  std::filesystem::copy_file(Store::DatabasePath(dir_.path()), Store::DatabasePath(other.path()));
  FileKeyProvider other_keys(FileKeyProvider::DefaultPath(other.path()));
  auto opened = Store::Open(At(other.path()), other_keys, clock_);
  ASSERT_FALSE(opened);
  EXPECT_EQ(opened.error().code(), ErrorCode::kCrypto);
}

TEST_F(StoreTest, WrongKeyFile_IsReportedAsWrongKey) {
  store_.reset();
  kiosk::testing::TempDir other;
  FileKeyProvider other_keys(FileKeyProvider::DefaultPath(other.path()));
  {
    auto fresh = Store::Open(At(other.path()), other_keys, clock_);  // makes a key
    ASSERT_TRUE(fresh);
  }
  auto opened = Store::Open(At(dir_.path()), other_keys, clock_);
  ASSERT_FALSE(opened);
  EXPECT_EQ(opened.error().code(), ErrorCode::kCrypto);
  EXPECT_NE(opened.error().message_key().find("Wrong key"), std::string::npos);
}

TEST_F(StoreTest, NotADatabase_IsCorrupt) {
  store_.reset();
  kiosk::testing::TempDir other;
  other.WriteFile("station.db", std::string(4096, 'x'));
  auto opened = Store::Open(At(other.path()), keys_, clock_);
  ASSERT_FALSE(opened);
  EXPECT_EQ(opened.error().code(), ErrorCode::kCorrupt);
}

TEST_F(StoreTest, NewerSchema_IsRefused) {
  ASSERT_TRUE(store().db().Exec("PRAGMA user_version = 999"));
  store_.reset();
  auto opened = Store::Open(At(dir_.path()), keys_, clock_);
  ASSERT_FALSE(opened);
  EXPECT_EQ(opened.error().code(), ErrorCode::kUnsupported);
}

TEST_F(StoreTest, RotateKeyFile_RewrapsWithoutReencrypting) {
  auto sealed = store().SealField("R1", "f", crypto::AsBytes("x"));
  ASSERT_TRUE(store().db().Run("INSERT INTO settings (name, value) VALUES ('probe', ?)", *sealed));
  std::ifstream in(keys_.key_file(), std::ios::binary);
  std::string old_key((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  ASSERT_TRUE(RotateKeyFile(store(), keys_, "admin"));
  std::ifstream in2(keys_.key_file(), std::ios::binary);
  std::string new_key((std::istreambuf_iterator<char>(in2)), std::istreambuf_iterator<char>());
  EXPECT_NE(old_key, new_key);
  ASSERT_TRUE(Reopen());
  auto q = store().db().Query("SELECT value FROM settings WHERE name = 'probe'");
  ASSERT_TRUE(q && *q->Step());
  EXPECT_EQ(q->Blob(0), *sealed);
  EXPECT_TRUE(store().OpenField("R1", "f", q->Blob(0)));
}

TEST_F(StoreTest, ReadOnlyStore_WriteGivesReadOnly) {
  ASSERT_TRUE(Reopen(At(dir_.path(), true)));
  auto r = store().SetSetting("x", "y");
  ASSERT_FALSE(r);
  EXPECT_EQ(r.error().code(), ErrorCode::kReadOnly);
}

TEST_F(StoreTest, Backup_OpensWithTheSameKey) {
  ASSERT_TRUE(store().SetSetting("probe", "1"));
  kiosk::testing::TempDir other;
  ASSERT_TRUE(store().Backup(Store::DatabasePath(other.path()), "tech"));
  std::filesystem::create_directories(other.path() / "keys");
  std::filesystem::copy_file(crypto::StationKey::DefaultPath(dir_.path()),
                             crypto::StationKey::DefaultPath(other.path()));
  auto copy = Store::Open(At(other.path()), keys_, clock_);
  ASSERT_TRUE(copy) << copy.error().ToLogString();
  EXPECT_EQ(**(*copy)->GetSetting("probe"), "1");
}

TEST(SqliteError, MapsCodes) {
  EXPECT_EQ(SqliteError(13, "x").code(), ErrorCode::kDiskFull);     // SQLITE_FULL
  EXPECT_EQ(SqliteError(8, "x").code(), ErrorCode::kReadOnly);      // SQLITE_READONLY
  EXPECT_EQ(SqliteError(11, "x").code(), ErrorCode::kCorrupt);      // SQLITE_CORRUPT
  EXPECT_EQ(SqliteError(26, "x").code(), ErrorCode::kCorrupt);      // SQLITE_NOTADB
  EXPECT_TRUE(SqliteError(5, "x").retriable());                     // SQLITE_BUSY
  EXPECT_EQ(SqliteError(1555, "x").code(), ErrorCode::kConflict);   // CONSTRAINT_PRIMARYKEY
}

}  // namespace
}  // namespace kiosk::store

namespace kiosk::store {
namespace {

TEST_F(StoreTest, NewStore_FilesAreOwnerOnly) {
  namespace fs = std::filesystem;
  ASSERT_TRUE(store().SetSetting("probe", "1"));
  const auto others = fs::perms::group_all | fs::perms::others_all;
  for (const fs::path& file :
       {Store::DatabasePath(dir_.path()), keys_.key_file(), keys_.key_file().parent_path(),
        crypto::StationKey::DefaultPath(dir_.path())}) {
    EXPECT_EQ(fs::status(file).permissions() & others, fs::perms::none) << file;
  }
  fs::path wal = Store::DatabasePath(dir_.path());
  wal += "-wal";
  if (fs::exists(wal)) {
    EXPECT_EQ(fs::status(wal).permissions() & others, fs::perms::none);
  }
}

}  // namespace
}  // namespace kiosk::store
