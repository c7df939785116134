#include "kiosk/enrollment/draft_store.h"

#include <gtest/gtest.h>

#include <filesystem>

#include "tests/support/temp_dir.h"

namespace kiosk::enrollment {
namespace {

TEST(FileDraftStore, SaveLoadListDelete_RoundTrip) {
  testing::TempDir dir;
  FileDraftStore store(dir / "drafts");
  EXPECT_TRUE(store.List()->empty());
  ASSERT_TRUE(store.Save("d1", R"({"a":1})"));
  ASSERT_TRUE(store.Save("d1", R"({"a":2})"));
  ASSERT_TRUE(store.Save("d2", "{}"));
  EXPECT_EQ(store.Load("d1").value(), R"({"a":2})");
  EXPECT_EQ(store.List().value(), (std::vector<std::string>{"d1", "d2"}));
  EXPECT_FALSE(std::filesystem::exists(dir / "drafts/d1.json.tmp"));
  const auto perms = std::filesystem::status(dir / "drafts").permissions();
  EXPECT_EQ(perms & std::filesystem::perms::group_all, std::filesystem::perms::none);
  ASSERT_TRUE(store.Delete("d1"));
  EXPECT_EQ(store.Load("d1").error().code(), ErrorCode::kNotFound);
  EXPECT_TRUE(store.Delete("d1"));
}

TEST(FileDraftStore, LeftoverTempFromCrash_IgnoredAndOldDraftIntact) {
  testing::TempDir dir;
  FileDraftStore store(dir.path());
  ASSERT_TRUE(store.Save("d1", "old"));
  dir.WriteFile("d1.json.tmp", "half-writ");  // a crash between write and rename
  EXPECT_EQ(store.Load("d1").value(), "old");
  EXPECT_EQ(store.List().value(), (std::vector<std::string>{"d1"}));
}

TEST(FileDraftStore, PathLikeIds_Refused) {
  testing::TempDir dir;
  FileDraftStore store(dir.path());
  EXPECT_FALSE(store.Save("../x", "{}"));
  EXPECT_FALSE(store.Load("a/b"));
  EXPECT_FALSE(store.Save("", "{}"));
}

std::vector<uint8_t> Bytes(std::string_view text) { return {text.begin(), text.end()}; }

TEST(FileDraftStore, Blobs_KeptBesideTheDraftAndDeletedWithIt) {
  testing::TempDir dir;
  FileDraftStore store(dir / "drafts");
  ASSERT_TRUE(store.Save("d1", "{}"));
  ASSERT_TRUE(store.SaveBlob("d1", "portrait.jpg", Bytes("first")));
  ASSERT_TRUE(store.SaveBlob("d1", "portrait.jpg", Bytes("retake")));  // a retake replaces it
  auto loaded = store.LoadBlob("d1", "portrait.jpg");
  ASSERT_TRUE(loaded);
  EXPECT_EQ(std::string(loaded->data(), loaded->data() + loaded->size()), "retake");
  EXPECT_EQ(store.List().value(), (std::vector<std::string>{"d1"})) << "blobs are not drafts";
  ASSERT_TRUE(store.Delete("d1"));
  EXPECT_EQ(store.LoadBlob("d1", "portrait.jpg").error().code(), ErrorCode::kNotFound);
  EXPECT_FALSE(std::filesystem::exists(dir / "drafts/d1.blobs"));
}

TEST(FileDraftStore, BlobNamesThatCouldEscapeTheFolder_Refused) {
  testing::TempDir dir;
  FileDraftStore store(dir.path());
  EXPECT_FALSE(store.SaveBlob("d1", "../d2.json", Bytes("x")));
  EXPECT_FALSE(store.SaveBlob("d1", "a/b", Bytes("x")));
  EXPECT_FALSE(store.SaveBlob("d1", "..", Bytes("x")));
  EXPECT_FALSE(store.SaveBlob("../d1", "ok.jpg", Bytes("x")));
  EXPECT_FALSE(store.LoadBlob("d1", "/etc/passwd"));
}

TEST(InMemoryDraftStore, SaveLoadDelete_RoundTrip) {
  InMemoryDraftStore store;
  ASSERT_TRUE(store.Save("x", "1"));
  EXPECT_EQ(store.Load("x").value(), "1");
  ASSERT_TRUE(store.SaveBlob("x", "finger.r2.png", Bytes("ridges")));
  EXPECT_EQ(store.LoadBlob("x", "finger.r2.png")->size(), 6u);
  ASSERT_TRUE(store.Delete("x"));
  EXPECT_FALSE(store.Load("x"));
  EXPECT_FALSE(store.LoadBlob("x", "finger.r2.png"));
}

}  // namespace
}  // namespace kiosk::enrollment
