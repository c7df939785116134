// The workspace's screens without a display: role → screens, supervisor review (approve, reject
// with a reason, flags, sign), status lookup and the lock screen, against fake views and a real
// encrypted store in a temporary directory. The dashboard has dashboard_controller_test.cpp.
#include <gtest/gtest.h>

#include <opencv2/imgcodecs.hpp>

#include "kiosk/core/i18n.h"
#include "kiosk/documents/receipt.h"
#include "tests/kiosk/batch/records_fixture.h"
#include "ui/controllers/lock_controller.h"
#include "ui/controllers/review_controller.h"
#include "ui/controllers/status_controller.h"
#include "ui/controllers/workspace.h"

namespace kiosk::ui {
namespace {

using batch::RecordStatus;

struct FakeForm {
  std::vector<bool> busy;
  std::vector<std::string> errors;
};

class FakeReview final : public ReviewView {
 public:
  void SetBusy(bool b) override { busy = b; }
  void ShowError(const std::string& text) override { errors.push_back(text); }
  void ShowBatches(const std::vector<BatchRow>& b, int s) override { batches = b; selected = s; }
  void ShowRecords(const std::vector<RecordRow>& r) override { records = r; }
  void ShowDetail(const RecordDetail& d) override { detail = d; }
  void ClearDetail() override { detail.reset(); }
  void ShowInfo(const std::string& text) override { info = text; }
  bool busy = false;
  std::vector<std::string> errors;
  std::vector<BatchRow> batches;
  int selected = -1;
  std::vector<RecordRow> records;
  std::optional<RecordDetail> detail;
  std::string info;
};

class FakeStatus final : public StatusView {
 public:
  void SetBusy(bool) override {}
  void ShowError(const std::string& text) override { errors.push_back(text); }
  void ShowStatus(const StatusAnswer& a) override { answer = a; }
  std::vector<std::string> errors;
  std::optional<StatusAnswer> answer;
};

class FakeLock final : public LockView {
 public:
  void SetBusy(bool) override {}
  void ShowError(const std::string& text) override { errors.push_back(text); }
  void ClearPassword() override { ++clears; }
  std::vector<std::string> errors;
  int clears = 0;
};

class FakeSync final : public station::SyncControl {
 public:
  station::SyncState State() override { return state; }
  void SyncNow() override { ++sync_now; }
  void Pause() override {}
  void Resume() override {}
  Result<station::RecordStatus> Status(const std::string& number) override {
    asked.push_back(number);
    if (number != known) return Fail(Error::NotFound("unknown"));
    station::RecordStatus s;
    s.record_number = number;
    s.known_to_station = true;
    s.local_state = "Queued for upload";
    s.citizen_text = "On its way to the central office";
    return s;
  }
  station::SyncState state;
  std::string known;
  std::vector<std::string> asked;
  int sync_now = 0;
};

class ScreensTest : public batch::testing_support::RecordsFixture {
 protected:
  void SetUp() override {
    ASSERT_TRUE(i18n::SetLanguage("en"));
    RecordsFixture::SetUp();
  }
  void TearDown() override { (void)i18n::SetLanguage("vi"); }

  std::string SealOne(bool flagged = false, bool real_photo = false) {
    auto request = Request();
    if (real_photo) {
      cv::Mat face(24, 16, CV_8UC3, cv::Scalar(40, 120, 200));
      std::vector<uint8_t> jpeg;
      cv::imencode(".jpg", face, jpeg);
      request.items[1].data = SecretBytes(jpeg.data(), jpeg.size());
    }
    if (flagged) {
      for (auto& item : request.items) {
        if (item.field == "record.json") item.data = BytesOf(kiosk::testing::SealedRecordJson("TRAN THI MAU", true));
      }
    }
    auto sealed = records_->Seal(officer_, request);
    EXPECT_TRUE(sealed) << sealed.error().ToLogString();
    return sealed ? sealed->record_number : std::string();
  }

  InlineTaskRunner runner_;
};

TEST(Workspace, EachRole_SeesItsOwnScreens) {
  EXPECT_EQ(ScreensFor(auth::Role::kOfficer),
            (std::vector<Screen>{Screen::kDashboard, Screen::kEnrollment, Screen::kStatus}));
  EXPECT_EQ(ScreensFor(auth::Role::kSupervisor),
            (std::vector<Screen>{Screen::kDashboard, Screen::kReview, Screen::kStatus}));
  EXPECT_EQ(ScreensFor(auth::Role::kTechnician),
            (std::vector<Screen>{Screen::kDashboard, Screen::kTechnician}));
  EXPECT_EQ(ScreensFor(auth::Role::kAdministrator),
            (std::vector<Screen>{Screen::kDashboard, Screen::kAccounts}));
  for (auto role : {auth::Role::kOfficer, auth::Role::kTechnician, auth::Role::kAdministrator}) {
    for (Screen s : ScreensFor(role)) EXPECT_NE(s, Screen::kReview) << auth::ToString(role);
  }
}

TEST_F(ScreensTest, Review_RejectWithoutReason_IsRefusedBeforeTheStore) {
  auto number = SealOne();
  FakeReview view;
  ReviewController review(view, runner_, *records_, supervisor_);
  review.Load();
  ASSERT_EQ(view.batches.size(), 1u);
  EXPECT_EQ(view.selected, 0);
  ASSERT_EQ(view.records.size(), 1u);
  review.Reject(number, "   ");
  ASSERT_EQ(view.errors.size(), 1u);
  EXPECT_EQ(view.errors[0], "A rejection needs a reason.");
  EXPECT_EQ(records_->Get(supervisor_, number)->status, RecordStatus::kSealed);
}

TEST_F(ScreensTest, Review_RejectWithReason_RecordsTheDecision) {
  auto number = SealOne();
  FakeReview view;
  ReviewController review(view, runner_, *records_, supervisor_);
  review.Load();
  review.Reject(number, "Portrait is blurred");
  EXPECT_TRUE(view.errors.empty()) << view.errors[0];
  EXPECT_EQ(records_->Get(supervisor_, number)->status, RecordStatus::kRejected);
  EXPECT_NE(view.info.find("rejected"), std::string::npos);
  ASSERT_EQ(view.records.size(), 1u);
  EXPECT_EQ(view.records[0].status, RecordStatus::kRejected);
  // Deciding twice is refused by the core, and said.
  review.Approve(number);
  ASSERT_EQ(view.errors.size(), 1u);
}

TEST_F(ScreensTest, Review_AnOfficerSession_IsRefusedByTheCore) {
  auto number = SealOne();
  FakeReview view;
  ReviewController review(view, runner_, *records_, officer_);
  review.Approve(number);
  ASSERT_EQ(view.errors.size(), 1u);
  EXPECT_EQ(records_->Get(supervisor_, number)->status, RecordStatus::kSealed);
}

TEST_F(ScreensTest, Review_NeedsAttentionFilter_ApproveAll_ThenSign) {
  auto plain = SealOne();
  auto flagged = SealOne(/*flagged=*/true);
  FakeReview view;
  ReviewController review(view, runner_, *records_, supervisor_);
  review.Load();
  EXPECT_EQ(view.records.size(), 2u);
  review.SetNeedsAttentionOnly(true);
  ASSERT_EQ(view.records.size(), 1u);
  EXPECT_EQ(view.records[0].record_number, flagged);
  EXPECT_TRUE(view.records[0].needs_attention);

  review.ApproveAllUnflagged();
  EXPECT_EQ(records_->Get(supervisor_, plain)->status, RecordStatus::kApproved);
  EXPECT_EQ(records_->Get(supervisor_, flagged)->status, RecordStatus::kSealed);
  EXPECT_NE(view.info.find("1 records"), std::string::npos) << view.info;

  review.SignBatch();  // the flagged record still needs a decision
  ASSERT_EQ(view.errors.size(), 1u);
  EXPECT_NE(view.errors[0].find("need a decision"), std::string::npos) << view.errors[0];

  review.SelectRecord(flagged);
  ASSERT_TRUE(view.detail);
  ASSERT_EQ(view.detail->flags.size(), 1u);
  EXPECT_EQ(view.detail->flags[0], "Fingerprint exception recorded");
  EXPECT_TRUE(view.detail->can_decide);
  review.Approve(flagged);
  EXPECT_FALSE(view.detail);
  review.SignBatch();
  EXPECT_EQ(view.errors.size(), 1u);
  EXPECT_EQ(records_->Get(supervisor_, plain)->status, RecordStatus::kQueued);
  EXPECT_TRUE(view.batches[0].signed_off);
}

TEST_F(ScreensTest, Review_Detail_ShowsThePortrait) {
  auto number = SealOne(false, /*real_photo=*/true);
  FakeReview view;
  ReviewController review(view, runner_, *records_, supervisor_);
  review.SelectRecord(number);
  ASSERT_TRUE(view.detail) << (view.errors.empty() ? "" : view.errors[0]);
  EXPECT_EQ(view.detail->portrait.cols, 16);
  EXPECT_EQ(view.detail->portrait.rows, 24);
  EXPECT_TRUE(view.detail->chip_photo.empty());
  EXPECT_TRUE(view.detail->flags.empty());
  review.SelectRecord("no-such-record");
  EXPECT_EQ(view.errors.size(), 1u);
}

TEST(StatusLookup, ExtractRecordNumber_FromTypedTextOrReceiptPayload) {
  EXPECT_EQ(ExtractRecordNumber(" ST-HN-0001-20261129-00042 \n"), "ST-HN-0001-20261129-00042");
  EXPECT_EQ(ExtractRecordNumber("20261129-00042"), "20261129-00042");
  EXPECT_EQ(ExtractRecordNumber("HS|ST-HN-0001-20261129-00042|2026-11-29"),
            "ST-HN-0001-20261129-00042");
  EXPECT_EQ(ExtractRecordNumber("{\"record\":\"ST1-20261129-00001\"}"), "ST1-20261129-00001");
  EXPECT_FALSE(ExtractRecordNumber(""));
  EXPECT_FALSE(ExtractRecordNumber("hello world"));
  EXPECT_FALSE(ExtractRecordNumber("ST-2026112-00001"));
}

TEST_F(ScreensTest, Status_FromTheStationsRecords_WithoutSync) {
  auto number = SealOne();
  FakeStatus view;
  StatusController status(view, runner_, nullptr, records_.get(), officer_);
  status.Lookup("garbage");
  ASSERT_EQ(view.errors.size(), 1u);
  EXPECT_FALSE(view.answer);
  status.Lookup(number);
  ASSERT_TRUE(view.answer) << view.errors.back();
  EXPECT_EQ(view.answer->record_number, number);
  EXPECT_NE(view.answer->headline.find("being checked"), std::string::npos) << view.answer->headline;
  status.Lookup("ST9-20260115-00077");
  ASSERT_EQ(view.errors.size(), 2u);
  EXPECT_EQ(view.errors[1], "No record with this number is known.");
}

TEST_F(ScreensTest, Status_FromTheReceiptQr_AndADamagedQrIsRefused) {
  FakeSync sync;
  sync.known = "ST1-20261129-00001";
  FakeStatus view;
  StatusController status(view, runner_, &sync, records_.get(), officer_);
  const std::string payload = documents::ReceiptQrPayload("ST1-20261129-00001");
  status.Lookup(payload + "\n");  // a keyboard-wedge scanner ends with Enter
  ASSERT_TRUE(view.answer) << (view.errors.empty() ? "" : view.errors.back());
  EXPECT_EQ(view.answer->record_number, "ST1-20261129-00001");
  // One digit of the number changed: the check value no longer matches; nobody else's status.
  std::string damaged = payload;
  damaged[damaged.find("00001")] = '9';
  status.Lookup(damaged);
  ASSERT_EQ(view.errors.size(), 1u);
  EXPECT_EQ(sync.asked.size(), 1u) << "a damaged code must not be looked up";
}

TEST_F(ScreensTest, Status_AsksTheSyncService_WhenWired) {
  FakeSync sync;
  sync.known = "ST1-20261129-00001";
  FakeStatus view;
  StatusController status(view, runner_, &sync, records_.get(), officer_);
  status.Lookup("QR:ST1-20261129-00001;v=1");
  ASSERT_TRUE(view.answer);
  EXPECT_EQ(view.answer->headline, "On its way to the central office");
  ASSERT_EQ(sync.asked.size(), 1u);
  status.Lookup("ST1-20261129-00002");
  ASSERT_EQ(view.errors.size(), 1u);
  EXPECT_EQ(view.errors[0], "No record with this number is known.");
}

TEST_F(ScreensTest, Lock_OnlyTheRightPasswordUnlocks) {
  FakeLock view;
  std::optional<auth::Session> unlocked;
  LockController lock(view, directory_.get(), runner_,
                      [&](const auth::Session& s) { unlocked = s; });
  lock.Lock(officer_);
  lock.Unlock(SecretString(""));
  ASSERT_EQ(view.errors.size(), 1u);
  lock.Unlock(SecretString("Wrong#2026zz"));
  ASSERT_EQ(view.errors.size(), 2u);
  EXPECT_FALSE(unlocked);
  lock.Unlock(SecretString("Mine#2026cd"));
  ASSERT_TRUE(unlocked);
  EXPECT_EQ(unlocked->username, "officer1");
  EXPECT_EQ(view.clears, 2);
}

}  // namespace
}  // namespace kiosk::ui
