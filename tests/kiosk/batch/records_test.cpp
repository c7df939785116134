#include "kiosk/batch/records.h"

#include <gtest/gtest.h>

#include "kiosk/batch/canonical.h"
#include "kiosk/batch/verify.h"
#include "kiosk/store/settings.h"
#include "tests/kiosk/batch/records_fixture.h"

namespace kiosk::batch {
namespace {

using testing_support::RecordsFixture;

class RecordsTest : public RecordsFixture {};

std::string Text(const SecretBytes& b) { return std::string(b.data(), b.data() + b.size()); }

TEST(StationDay, UsesVietNamTime) {
  EXPECT_EQ(StationDay(1768496400), "2026-01-16");  // 2026-01-15 17:00 UTC = 00:00 UTC+7
  EXPECT_EQ(StationDay(1768496399), "2026-01-15");
}

TEST_F(RecordsTest, Seal_StoresSealedRecordInTodaysBatch) {
  auto sealed = records_->Seal(officer_, Request());
  ASSERT_TRUE(sealed) << sealed.error().ToLogString();
  const std::string station = store::DefaultStationId(store().station_key());
  EXPECT_EQ(sealed->record_number, station + "-20260115-00001");
  EXPECT_EQ(sealed->status, RecordStatus::kSealed);
  auto second = records_->Seal(officer_, Request());
  EXPECT_EQ(second->record_number, station + "-20260115-00002");
  EXPECT_EQ(second->batch_id, sealed->batch_id);
  auto item = records_->ReadItem(officer_, sealed->record_number, "finger.r1");
  ASSERT_TRUE(item);
  EXPECT_EQ(Text(*item), "minutiae-r1");
  auto verified = VerifyStore(store(), technician_);
  ASSERT_TRUE(verified);
  EXPECT_TRUE(verified->ok) << verified->problem;
  EXPECT_EQ(verified->records, 2);
}

TEST_F(RecordsTest, BadRequests_AreRefused) {
  EXPECT_FALSE(records_->Seal(officer_, SealRequest{}));
  auto dup = Request();
  dup.items.push_back({"finger.r1", ItemKind::kBiometric, BytesOf("x")});
  EXPECT_EQ(records_->Seal(officer_, dup).error().code(), ErrorCode::kInvalidArgument);
  auto bad = Request();
  bad.items[0].field = "Bad Field";
  EXPECT_FALSE(records_->Seal(officer_, bad));
  auto reserved = Request();
  reserved.items[0].field = "review.flags";
  EXPECT_FALSE(records_->Seal(officer_, reserved));
}

TEST_F(RecordsTest, Roles_AreCheckedInTheCore) {
  auto sealed = records_->Seal(officer_, Request());
  ASSERT_TRUE(sealed);
  EXPECT_EQ(records_->Seal(technician_, Request()).error().code(), ErrorCode::kPermissionDenied);
  EXPECT_EQ(records_->ReadItem(technician_, sealed->record_number, "personal.json").error().code(),
            ErrorCode::kPermissionDenied);
  EXPECT_EQ(records_->ReadItem(admin_, sealed->record_number, "personal.json").error().code(),
            ErrorCode::kPermissionDenied);
  EXPECT_EQ(records_->Approve(officer_, sealed->record_number).error().code(),
            ErrorCode::kPermissionDenied);
  EXPECT_EQ(records_->SignBatch(officer_, sealed->batch_id).error().code(),
            ErrorCode::kPermissionDenied);
  EXPECT_FALSE(VerifyStore(store(), officer_));
  EXPECT_TRUE(records_->List(technician_));  // listing shows no citizen data
}

TEST_F(RecordsTest, SealedRecords_AreImmutable) {
  auto sealed = records_->Seal(officer_, Request());
  ASSERT_TRUE(sealed);
  EXPECT_FALSE(store().db().Exec("UPDATE items SET sealed = x'00'"));
  EXPECT_FALSE(store().db().Exec("DELETE FROM items"));
  EXPECT_FALSE(store().db().Exec("UPDATE enrollments SET content_hash = x'00'"));
  EXPECT_FALSE(store().db().Exec("DELETE FROM enrollments"));
}

TEST_F(RecordsTest, SwappedBlobsBetweenRecords_AreDetected) {
  auto a = records_->Seal(officer_, Request("A"));
  auto b = records_->Seal(officer_, Request("B"));
  ASSERT_TRUE(a && b);
  ASSERT_TRUE(store().db().Exec("DROP TRIGGER items_no_update"));
  ASSERT_TRUE(store().db().Exec(
      "UPDATE items SET sealed = (SELECT sealed FROM items i2 WHERE i2.enrollment_id = " +
      std::to_string(b->id) + " AND i2.field = 'personal.json') WHERE enrollment_id = " +
      std::to_string(a->id) + " AND field = 'personal.json'"));
  auto read = records_->ReadItem(officer_, a->record_number, "personal.json");
  ASSERT_FALSE(read);
  EXPECT_EQ(read.error().code(), ErrorCode::kVerificationFailed);
  auto verified = VerifyStore(store(), technician_);
  ASSERT_TRUE(verified);
  EXPECT_FALSE(verified->ok);
  EXPECT_NE(verified->problem.find(a->record_number), std::string::npos);
}

TEST_F(RecordsTest, Review_FlaggedNeedExplicitDecision_ThenBatchSigns) {
  auto plain = records_->Seal(officer_, Request("A"));
  auto flagged = records_->Seal(officer_, Request("B", 1000, 1, /*flagged=*/true));
  auto third = records_->Seal(officer_, Request("C"));
  ASSERT_TRUE(plain && flagged && third);
  EXPECT_FALSE(plain->needs_decision);
  EXPECT_TRUE(flagged->needs_decision);
  auto flags = records_->ReviewFlags(supervisor_, flagged->record_number);
  ASSERT_TRUE(flags);
  EXPECT_EQ(*flags, (std::vector<std::string>{"biometric_exception"}));

  ASSERT_TRUE(records_->Reject(supervisor_, third->record_number, "blurred portrait"));
  EXPECT_EQ(*records_->ApproveAllUnflagged(supervisor_, plain->batch_id), 1);
  auto batch = records_->GetBatch(supervisor_, plain->batch_id);
  EXPECT_EQ(batch->flagged_awaiting, 1);
  auto refused = records_->SignBatch(supervisor_, plain->batch_id);
  ASSERT_FALSE(refused);
  EXPECT_EQ(refused.error().code(), ErrorCode::kPolicyViolation);

  EXPECT_EQ(records_->Reject(supervisor_, flagged->record_number, "  ").error().code(),
            ErrorCode::kInvalidArgument);
  ASSERT_TRUE(records_->Approve(supervisor_, flagged->record_number, "exception documented"));
  EXPECT_EQ(records_->Approve(supervisor_, flagged->record_number).error().code(),
            ErrorCode::kConflict);
  ASSERT_TRUE(records_->SignBatch(supervisor_, plain->batch_id));
  EXPECT_EQ(records_->Get(supervisor_, plain->record_number)->status, RecordStatus::kQueued);
  EXPECT_EQ(records_->Get(supervisor_, third->record_number)->status, RecordStatus::kRejected);
  EXPECT_EQ(*store().db().QueryInt("SELECT count(*) FROM outbox", 0), 2);
  EXPECT_TRUE(records_->GetBatch(supervisor_, plain->batch_id)->signed_off);

  // A record sealed after signing opens a new batch for the same day.
  auto later = records_->Seal(officer_, Request("D"));
  EXPECT_NE(later->batch_id, plain->batch_id);
  auto verified = VerifyStore(store(), technician_);
  EXPECT_TRUE(verified->ok) << verified->problem;
}

TEST_F(RecordsTest, TamperedBatchDecision_FailsVerify) {
  auto a = records_->Seal(officer_, Request("A"));
  ASSERT_TRUE(records_->Reject(supervisor_, a->record_number, "duplicate"));
  ASSERT_TRUE(records_->SignBatch(supervisor_, a->batch_id));
  ASSERT_TRUE(store().db().Exec("UPDATE enrollment_status_history SET status = 'approved' "
                                "WHERE status = 'rejected'"));
  auto verified = VerifyStore(store(), technician_);
  EXPECT_FALSE(verified->ok);
}

TEST_F(RecordsTest, TooManyPending_FreezesNewEnrollments) {
  policy_.max_pending_approvals = 2;
  Rebuild();
  ASSERT_TRUE(records_->Seal(officer_, Request()));
  ASSERT_TRUE(records_->Seal(officer_, Request()));
  ASSERT_TRUE(records_->CheckNewEnrollmentAllowed(officer_));
  ASSERT_TRUE(records_->Seal(officer_, Request()));
  auto frozen = records_->Seal(officer_, Request());
  ASSERT_FALSE(frozen);
  EXPECT_EQ(frozen.error().code(), ErrorCode::kPolicyViolation);
  EXPECT_EQ(frozen.error().args().at(0), "3");
}

TEST_F(RecordsTest, OldLastSync_FreezesNewEnrollmentsUntilSynced) {
  clock_.Advance(std::chrono::hours(24 * 3 + 1));
  auto frozen = records_->CheckNewEnrollmentAllowed(officer_);
  ASSERT_FALSE(frozen);
  EXPECT_EQ(frozen.error().code(), ErrorCode::kPolicyViolation);
  ASSERT_TRUE(records_->RecordSuccessfulSync("system:sync"));
  EXPECT_TRUE(records_->CheckNewEnrollmentAllowed(officer_));
}

TEST_F(RecordsTest, SyncStatuses_MoveForwardOnly) {
  auto a = records_->Seal(officer_, Request());
  EXPECT_FALSE(records_->MarkStatus("system:sync", a->record_number, RecordStatus::kSent));
  ASSERT_TRUE(records_->Approve(supervisor_, a->record_number));
  ASSERT_TRUE(records_->SignBatch(supervisor_, a->batch_id));
  ASSERT_TRUE(records_->MarkStatus("system:sync", a->record_number, RecordStatus::kSent));
  ASSERT_TRUE(records_->MarkStatus("system:sync", a->record_number, RecordStatus::kAcknowledged));
  ASSERT_TRUE(records_->MarkStatus("system:sync", a->record_number, RecordStatus::kAcknowledged));
  EXPECT_EQ(records_->MarkStatus("system:sync", a->record_number, RecordStatus::kQueued)
                .error()
                .code(),
            ErrorCode::kConflict);
  ASSERT_TRUE(records_->MarkStatus("system:sync", a->record_number, RecordStatus::kNotAccepted,
                                   "photo does not match"));
  auto history = records_->History(supervisor_, a->record_number);
  ASSERT_TRUE(history);
  EXPECT_EQ(history->back().status, RecordStatus::kNotAccepted);
  EXPECT_TRUE(history->back().has_reason);
}

TEST_F(RecordsTest, Purge_RemovesBiometricsOfAcknowledgedAfterRetention) {
  auto a = records_->Seal(officer_, Request());
  auto b = records_->Seal(officer_, Request());
  ASSERT_TRUE(records_->Approve(supervisor_, a->record_number));
  ASSERT_TRUE(records_->Approve(supervisor_, b->record_number));
  ASSERT_TRUE(records_->SignBatch(supervisor_, a->batch_id));
  ASSERT_TRUE(records_->MarkStatus("system:sync", a->record_number, RecordStatus::kAcknowledged));
  EXPECT_EQ(*records_->PurgeExpired(technician_), 0);
  clock_.Advance(std::chrono::hours(24 * 31));
  EXPECT_EQ(records_->PurgeExpired(officer_).error().code(), ErrorCode::kPermissionDenied);
  EXPECT_EQ(*records_->PurgeExpired(technician_), 1);
  EXPECT_EQ(records_->ReadItem(officer_, a->record_number, "portrait.jpg").error().code(),
            ErrorCode::kNotFound);
  EXPECT_TRUE(records_->ReadItem(officer_, a->record_number, "personal.json"));
  EXPECT_TRUE(records_->ReadItem(officer_, b->record_number, "portrait.jpg"));
  EXPECT_TRUE(records_->Get(officer_, a->record_number)->purged);
  auto verified = VerifyStore(store(), technician_);
  EXPECT_TRUE(verified->ok) << verified->problem;
}

}  // namespace
}  // namespace kiosk::batch

namespace kiosk::batch {
namespace {

TEST_F(RecordsTest, UnknownBatch_IsNotFound) {
  EXPECT_EQ(records_->ApproveAllUnflagged(supervisor_, 999).error().code(), ErrorCode::kNotFound);
  EXPECT_EQ(records_->SignBatch(supervisor_, 999).error().code(), ErrorCode::kNotFound);
}

}  // namespace
}  // namespace kiosk::batch

namespace kiosk::batch {
namespace {

TEST_F(RecordsTest, LoadForSync_OnlyAfterSignedApproval_GivesSealedContent) {
  auto a = records_->Seal(officer_, Request("A"));
  ASSERT_TRUE(a);
  EXPECT_EQ(records_->LoadForSync("system:sync", a->record_number).error().code(),
            ErrorCode::kPolicyViolation);
  EXPECT_TRUE(records_->PendingOutbox()->empty());
  ASSERT_TRUE(records_->Approve(supervisor_, a->record_number));
  ASSERT_TRUE(records_->SignBatch(supervisor_, a->batch_id));
  EXPECT_EQ(*records_->PendingOutbox(), std::vector<std::string>{a->record_number});
  auto loaded = records_->LoadForSync("system:sync", a->record_number);
  ASSERT_TRUE(loaded) << loaded.error().ToLogString();
  ASSERT_EQ(loaded->items.size(), 4u);  // personal.json, record.json, portrait, finger (by name)
  EXPECT_EQ(loaded->items[0].field, "finger.r1");
  EXPECT_EQ(Text(loaded->items[0].data), "minutiae-r1");
  EXPECT_TRUE(store().station_key().Verify(SealMessage(a->record_number, loaded->content_hash),
                                           loaded->signature));
  ASSERT_TRUE(records_->MarkStatus("system:sync", a->record_number, RecordStatus::kAcknowledged));
  EXPECT_TRUE(records_->PendingOutbox()->empty());
}

}  // namespace
}  // namespace kiosk::batch
