#include "kiosk/audit/station_events.h"

#include <gtest/gtest.h>

#include "tests/kiosk/batch/records_fixture.h"

namespace kiosk::audit {
namespace {

TEST(StationEvents, ChipRead_RecordsTheVerdictAndReasonKeyOnly) {
  auto genuine = ChipRead(ChipVerdict::kGenuine);
  EXPECT_EQ(genuine.action, "chip.read");
  EXPECT_EQ(genuine.outcome, "ok");
  EXPECT_EQ(genuine.detail, "genuine");
  auto unverifiable = ChipRead(ChipVerdict::kNotVerifiable, "No trusted CSCA matches this card.");
  EXPECT_EQ(unverifiable.outcome, "not_verifiable");
  EXPECT_EQ(unverifiable.detail, "not_verifiable; No trusted CSCA matches this card.");
  auto failed = ChipRead(ChipVerdict::kFailed, "The data group hashes do not match.");
  EXPECT_EQ(failed.outcome, "failed");
  EXPECT_TRUE(failed.record.empty());
}

TEST(StationEvents, CitizenLikeText_IsNeverWritten) {
  // A Vietnamese name typed where a message key belongs, a control character, a long text.
  EXPECT_EQ(ChipRead(ChipVerdict::kFailed, "Nguyễn Thị Mẫu").detail, "failed; (invalid)");
  EXPECT_EQ(PortraitException("line\nbreak").detail, "(invalid)");
  EXPECT_EQ(ChipException(std::string(300, 'a')).detail, "(invalid)");
  // Finger and paper names must be known ones.
  EXPECT_EQ(FingerprintCaptured("001099000001", 80).detail, "(invalid); quality 80");
  EXPECT_EQ(FingerprintException("left_index", "TRAN THI MAU").detail, "left_index; (invalid)");
  EXPECT_EQ(PaperScanned("079123456789", true).detail, "(invalid)");
}

TEST(StationEvents, Captures_NameTheFingerTheQualityAndTheException) {
  EXPECT_EQ(PortraitCaptured(87).detail, "quality 87");
  EXPECT_EQ(PortraitCaptured().detail, "");
  EXPECT_EQ(PortraitCaptured(250).detail, "quality 100");
  auto print = FingerprintCaptured("right_thumb", 64);
  EXPECT_EQ(print.action, "capture.fingerprint");
  EXPECT_EQ(print.outcome, "ok");
  EXPECT_EQ(print.detail, "right_thumb; quality 64");
  auto exception = FingerprintException("left_index", "bandaged");
  EXPECT_EQ(exception.outcome, "exception");
  EXPECT_EQ(exception.detail, "left_index; bandaged");
  // One word list (finger_position.h): "bandaged" is the temporary one; any other word is
  // logged as invalid, never as the officer typed it.
  EXPECT_EQ(FingerprintException("left_index", "temporarily_unusable").detail, "left_index; (invalid)");
}

TEST(StationEvents, PapersSettingsSessionsAndBundles) {
  EXPECT_EQ(PaperScanned("gplx", true).detail, "gplx");
  auto unreadable = PaperScanned("bhyt", false, "The scan is unreadable.");
  EXPECT_EQ(unreadable.outcome, "failed");
  EXPECT_EQ(unreadable.detail, "bhyt; The scan is unreadable.");
  auto confirmed = PaperConfirmed("mst", false);
  EXPECT_EQ(confirmed.action, "paper.confirm");
  EXPECT_EQ(confirmed.detail, "mst; original not sighted");
  EXPECT_EQ(PaperConfirmed("vehicle", true).detail, "vehicle; original sighted");
  EXPECT_EQ(PaperConfirmed("0312345673", true).detail, "(invalid); original sighted");
  EXPECT_EQ(PaperRemoved("gplx").action, "paper.remove");
  EXPECT_EQ(PaperRemoved("Nguyễn").detail, "(invalid)");
  auto setting = SettingChanged("devices.reader", "", "ACS ACR1252");
  EXPECT_EQ(setting.record, "devices.reader");
  EXPECT_EQ(setting.detail, "'' -> 'ACS ACR1252'");
  EXPECT_EQ(SignedOut(SignOutReason::kIdleTimeout).detail, "idle timeout");
  EXPECT_EQ(IdleLocked().action, "auth.idle_lock");
  auto bundle = SupportBundleExported("/home/someone/support-2026.tar.gz");
  EXPECT_EQ(bundle.action, "support.export");
  EXPECT_EQ(bundle.detail, "support-2026.tar.gz");
  EXPECT_EQ(SupportBundleExported("C:\\Users\\x\\b.zip", false).outcome, "failed");
}

class StationEventsStoreTest : public batch::testing_support::RecordsFixture {};

TEST_F(StationEventsStoreTest, Record_AppendsToTheChainAsTheOperator) {
  AuditLogStationAuditor auditor(store().audit());
  ASSERT_TRUE(auditor.Record(officer_, ChipRead(ChipVerdict::kNotVerifiable, "No CSCA.")));
  ASSERT_TRUE(auditor.Record(officer_, FingerprintException("right_index", "amputated")));
  auto seq = Record(store().audit(), "cli:tech", SupportBundleExported("bundle.zip"));
  ASSERT_TRUE(seq);
  auto entries = store().audit().List(*seq - 3);
  ASSERT_TRUE(entries);
  ASSERT_EQ(entries->size(), 3u);
  EXPECT_EQ((*entries)[0].actor, "officer1");
  EXPECT_EQ((*entries)[0].action, "chip.read");
  EXPECT_EQ((*entries)[0].outcome, "not_verifiable");
  EXPECT_EQ((*entries)[1].detail, "right_index; amputated");
  EXPECT_EQ((*entries)[2].actor, "cli:tech");
  auto report = store().audit().Verify();
  ASSERT_TRUE(report);
  EXPECT_TRUE(report->ok) << report->problem;
}

TEST_F(StationEventsStoreTest, Record_WithoutOperatorIsStillWritten) {
  auto seq = Record(store().audit(), auth::Session{}, SignedOut(SignOutReason::kAppClosed));
  ASSERT_TRUE(seq);
  auto entries = store().audit().List(*seq - 1);
  ASSERT_TRUE(entries);
  EXPECT_EQ(entries->front().actor, "(no operator)");
}

}  // namespace
}  // namespace kiosk::audit
