#include "kiosk/audit/audit_log.h"

#include <gtest/gtest.h>

#include "tests/kiosk/store/store_fixture.h"

namespace kiosk::audit {
namespace {

class AuditTest : public store::testing_support::StoreFixture {
 protected:
  void SetUp() override {
    StoreFixture::SetUp();
    for (int i = 0; i < 10; ++i) {
      ASSERT_TRUE(store().audit().Append("officer1", "record.seal", "R" + std::to_string(i), "ok"));
    }
  }
  // What someone with the sqlite3 shell could do: drop the guard triggers first.
  void Tamper(const std::string& sql) {
    ASSERT_TRUE(store().db().Exec("DROP TRIGGER IF EXISTS audit_log_no_update"));
    ASSERT_TRUE(store().db().Exec("DROP TRIGGER IF EXISTS audit_log_no_delete"));
    ASSERT_TRUE(store().db().Exec(sql));
  }
  VerifyReport Verify() {
    auto report = store().audit().Verify();
    EXPECT_TRUE(report);
    return *report;
  }
};

TEST_F(AuditTest, IntactLog_Verifies) {
  auto report = Verify();
  EXPECT_TRUE(report.ok) << report.problem;
  EXPECT_EQ(report.entries, 10);
}

TEST_F(AuditTest, AppendOnlyTriggers_RefuseUpdateAndDelete) {
  EXPECT_FALSE(store().db().Exec("UPDATE audit_log SET outcome = 'x' WHERE seq = 1"));
  EXPECT_FALSE(store().db().Exec("DELETE FROM audit_log WHERE seq = 1"));
}

TEST_F(AuditTest, EditedRow_IsDetectedAtThatRow) {
  Tamper("UPDATE audit_log SET outcome = 'denied' WHERE seq = 4");
  auto report = Verify();
  EXPECT_FALSE(report.ok);
  EXPECT_EQ(report.first_bad_seq, 4);
}

TEST_F(AuditTest, DeletedRow_IsDetected) {
  Tamper("DELETE FROM audit_log WHERE seq = 6");
  auto report = Verify();
  EXPECT_FALSE(report.ok);
  EXPECT_EQ(report.first_bad_seq, 6);
}

TEST_F(AuditTest, DeletedTail_IsDetected) {
  Tamper("DELETE FROM audit_log WHERE seq >= 9");
  auto report = Verify();
  EXPECT_FALSE(report.ok);
  EXPECT_EQ(report.first_bad_seq, 9);
}

TEST_F(AuditTest, ReorderedRows_AreDetected) {
  Tamper("UPDATE audit_log SET seq = 100 WHERE seq = 3;"
         "UPDATE audit_log SET seq = 3 WHERE seq = 5;"
         "UPDATE audit_log SET seq = 5 WHERE seq = 100;");
  auto report = Verify();
  EXPECT_FALSE(report.ok);
  EXPECT_EQ(report.first_bad_seq, 3);
}

TEST_F(AuditTest, RecomputedChainWithoutStationKey_IsDetectedByHead) {
  // Rewrite entry 10 consistently (hash recomputed) but the signed head cannot be forged.
  auto entries = store().audit().List(9);
  ASSERT_TRUE(entries);
  Entry e = (*entries)[0];
  e.outcome = "denied";
  auto digest = EntryHash(e);
  store::Bytes hash(digest.begin(), digest.end());
  ASSERT_TRUE(store().db().Exec("DROP TRIGGER audit_log_no_update"));
  ASSERT_TRUE(store().db().Run("UPDATE audit_log SET outcome = 'denied', hash = ? WHERE seq = 10",
                               hash));
  auto report = Verify();
  EXPECT_FALSE(report.ok);
}

TEST_F(AuditTest, Checkpoints_AreWrittenEveryInterval) {
  for (int i = 0; i < AuditLog::kCheckpointInterval; ++i) {
    ASSERT_TRUE(store().audit().Append("a", "b", "", "ok"));
  }
  EXPECT_EQ(*store().db().QueryInt("SELECT count(*) FROM audit_checkpoints", 0), 1);
  EXPECT_TRUE(Verify().ok);
}

}  // namespace
}  // namespace kiosk::audit
