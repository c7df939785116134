// Plaintext on disk, a full disk and a read-only database.
#include <gtest/gtest.h>

#include <fstream>
#include <iterator>

#include "kiosk/batch/records.h"
#include "kiosk/batch/verify.h"
#include "tests/kiosk/batch/records_fixture.h"

namespace kiosk::batch {
namespace {

using testing_support::RecordsFixture;

class FaultsTest : public RecordsFixture {
 protected:
  std::string ReadAll(const std::filesystem::path& file) {
    std::ifstream in(file, std::ios::binary);
    return std::string((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  }
  // Every file sqlite may leave next to the database.
  std::string DiskBytes() {
    std::string all;
    auto db = store::Store::DatabasePath(dir_.path()).string();
    for (const char* suffix : {"", "-wal", "-journal", "-shm"}) all += ReadAll(db + suffix);
    return all;
  }
};

TEST_F(FaultsTest, SealedCitizen_LeavesNoPlaintextOnDisk) {
  // Synthetic citizen: not a real person.
  const std::string name = "NGUYỄN THỬ NGHIỆM";
  const std::string id_number = "079199012345";
  SealRequest request;
  request.items.push_back({"personal.json", ItemKind::kPersonal,
                           BytesOf("{\"name\":\"" + name + "\",\"id\":\"" + id_number + "\"}")});
  SecretBytes image(200 * 1024);
  for (size_t i = 0; i < image.size(); ++i) {
    image.data()[i] = static_cast<uint8_t>((i * 2654435761u) >> 13);
  }
  const std::string image_window(reinterpret_cast<const char*>(image.data()) + 5000, 64);
  request.items.push_back({"portrait.jpg", ItemKind::kImage, std::move(image)});
  request.items.push_back({"chip.dg13", ItemKind::kChip, BytesOf(name + "|" + id_number)});
  for (int i = 0; i < 3; ++i) {
    auto sealed = records_->Seal(officer_, request);
    ASSERT_TRUE(sealed) << sealed.error().ToLogString();
    ASSERT_TRUE(records_->Reject(supervisor_, sealed->record_number, "test of " + name));
  }
  for (int pass = 0; pass < 2; ++pass) {  // with the WAL present, then after closing
    const std::string disk = DiskBytes();
    ASSERT_GT(disk.size(), 600u * 1024);
    EXPECT_EQ(disk.find(name), std::string::npos);
    EXPECT_EQ(disk.find("NGHI"), std::string::npos);
    EXPECT_EQ(disk.find(id_number), std::string::npos);
    EXPECT_EQ(disk.find(image_window), std::string::npos);
    store_.reset();
  }
}

TEST_F(FaultsTest, DiskFull_GivesClearErrorAndLosesNothing) {
  auto kept = records_->Seal(officer_, Request("A", 50 * 1024));
  ASSERT_TRUE(kept);
  auto pages = store().db().QueryInt("PRAGMA page_count", 0);
  store::StoreOptions options;
  options.data_dir = dir_.path();
  options.max_page_count = *pages + 20;
  ASSERT_TRUE(Reopen(options));
  Rebuild();
  auto full = records_->Seal(officer_, Request("B", 1536 * 1024));
  ASSERT_FALSE(full);
  EXPECT_EQ(full.error().code(), ErrorCode::kDiskFull);
  EXPECT_NE(full.error().message_key().find("disk is full"), std::string::npos);
  ASSERT_TRUE(Reopen());
  Rebuild();
  auto list = records_->List(officer_);
  ASSERT_TRUE(list);
  ASSERT_EQ(list->size(), 1u);
  EXPECT_EQ(list->front().record_number, kept->record_number);
  auto verified = VerifyStore(store(), technician_);
  EXPECT_TRUE(verified->ok) << verified->problem;
  EXPECT_TRUE(records_->Seal(officer_, Request("B", 1536 * 1024)));
}

TEST_F(FaultsTest, ReadOnlyDatabase_GivesReadOnlyAndStillLists) {
  auto kept = records_->Seal(officer_, Request("A"));
  ASSERT_TRUE(kept);
  store::StoreOptions options;
  options.data_dir = dir_.path();
  options.read_only = true;
  ASSERT_TRUE(Reopen(options));
  Rebuild();
  auto refused = records_->Seal(officer_, Request("B"));
  ASSERT_FALSE(refused);
  EXPECT_EQ(refused.error().code(), ErrorCode::kReadOnly);
  auto list = records_->List(officer_);
  ASSERT_TRUE(list);
  EXPECT_EQ(list->size(), 1u);
  // Citizen data is only shown when the read can be audited.
  auto item = records_->ReadItem(officer_, kept->record_number, "finger.r1");
  ASSERT_FALSE(item);
  EXPECT_EQ(item.error().code(), ErrorCode::kReadOnly);
}

}  // namespace
}  // namespace kiosk::batch
