// Review flags are the core's: computed by Records::Seal from the sealed items, never given by
// the caller; bulk approval never includes a flagged record.
#include <gtest/gtest.h>

#include "kiosk/batch/canonical.h"
#include "kiosk/batch/records.h"
#include "kiosk/batch/verify.h"
#include "tests/kiosk/batch/records_fixture.h"

namespace kiosk::batch {
namespace {

using testing_support::RecordsFixture;

class ReviewFlagsTest : public RecordsFixture {};

std::vector<std::string> FlagsOf(Records& records, const auth::Session& who, const std::string& number) {
  auto flags = records.ReviewFlags(who, number);
  EXPECT_TRUE(flags) << flags.error().ToLogString();
  return flags ? *flags : std::vector<std::string>{};
}

TEST_F(ReviewFlagsTest, CleanRecord_SealedWithoutFlags) {
  auto sealed = records_->Seal(officer_, Request("A"));
  ASSERT_TRUE(sealed) << sealed.error().ToLogString();
  EXPECT_FALSE(sealed->needs_decision);
  EXPECT_TRUE(FlagsOf(*records_, supervisor_, sealed->record_number).empty());
  auto items = records_->Items(supervisor_, sealed->record_number);
  ASSERT_TRUE(items);
  for (const auto& item : *items) EXPECT_NE(item.field, kReviewFlagsField);
}

// A record whose content the station cannot read (no record.json, or a damaged one) is never
// one it vouches for: the supervisor decides it.
TEST_F(ReviewFlagsTest, NoOrDamagedRecordJson_IsFlaggedUnreadable) {
  auto without = Request("A");
  std::erase_if(without.items, [](const Item& item) { return item.field == "record.json"; });
  auto damaged = Request("B");
  for (auto& item : damaged.items) {
    if (item.field == "record.json") item.data = BytesOf("{\"format\":1,\"identity\":");
  }
  for (auto* request : {&without, &damaged}) {
    auto sealed = records_->Seal(officer_, *request);
    ASSERT_TRUE(sealed) << sealed.error().ToLogString();
    EXPECT_TRUE(sealed->needs_decision);
    EXPECT_EQ(FlagsOf(*records_, supervisor_, sealed->record_number),
              std::vector<std::string>{"record_unreadable"});
  }
}

// The flags item's name is the store's: a caller cannot seal flags (or their absence) itself.
TEST_F(ReviewFlagsTest, CallerCannotSealItsOwnFlags) {
  auto request = Request("A", 1000, 1, /*flagged=*/true);
  request.items.push_back({std::string(kReviewFlagsField), ItemKind::kMeta, BytesOf("")});
  EXPECT_EQ(records_->Seal(officer_, request).error().code(), ErrorCode::kInvalidArgument);
}

TEST_F(ReviewFlagsTest, BulkApproval_NeverIncludesAFlaggedRecord) {
  auto clean = records_->Seal(officer_, Request("A"));
  auto flagged = records_->Seal(officer_, Request("B", 1000, 1, /*flagged=*/true));
  auto unreadable_request = Request("C");
  std::erase_if(unreadable_request.items, [](const Item& item) { return item.field == "record.json"; });
  auto unreadable = records_->Seal(officer_, unreadable_request);
  ASSERT_TRUE(clean && flagged && unreadable);
  // Even with the clear-text column rewritten, the sealed flags keep it out of the bulk.
  ASSERT_TRUE(store().db().Exec("UPDATE enrollments SET needs_decision = 0"));
  EXPECT_EQ(*records_->ApproveAllUnflagged(supervisor_, clean->batch_id), 1);
  EXPECT_EQ(records_->Get(supervisor_, clean->record_number)->status, RecordStatus::kApproved);
  EXPECT_EQ(records_->Get(supervisor_, flagged->record_number)->status, RecordStatus::kSealed);
  EXPECT_EQ(records_->Get(supervisor_, unreadable->record_number)->status, RecordStatus::kSealed);
  // An explicit decision is still possible.
  ASSERT_TRUE(records_->Approve(supervisor_, flagged->record_number, "exception documented"));
  ASSERT_TRUE(records_->Reject(supervisor_, unreadable->record_number, "no record content"));
  ASSERT_TRUE(records_->SignBatch(supervisor_, clean->batch_id));
}

}  // namespace
}  // namespace kiosk::batch
