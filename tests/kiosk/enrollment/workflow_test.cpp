#include "kiosk/enrollment/workflow.h"

#include <gtest/gtest.h>

#include "kiosk/biometrics/finger/finger_slots.h"
#include "kiosk/enrollment/canonical.h"
#include "tests/support/fake_clock.h"

namespace kiosk::enrollment {
namespace {

using documents::PaperType;
using identity::IdentitySource;

// Synthetic holder (Hà Nội, male, 1990); nobody's real data.
constexpr const char* kQr =
    "001090123456|123456789|Nguyễn Văn Thử|12081990|Nam|Số 1 Phố Giả, Hà Nội|01072021";

const ImageRef kImage{"blob:test", std::string(64, 'a')};

Policy TwoFingers() {
  Policy policy;
  policy.required_fingers = {Finger::kRightIndex, Finger::kLeftIndex};
  return policy;
}

identity::IdentityFields ChipFields() {
  return {"001090123456", "NGUYỄN VĂN THỬ", identity::CivilDate{1990, 8, 12},
          identity::Gender::kMale, identity::CivilDate{2030, 8, 12}, std::nullopt};
}

class WorkflowTest : public ::testing::Test {
 protected:
  Workflow StartNew() {
    auto w = Workflow::Start(store_, clock_, "officer1", TwoFingers());
    EXPECT_TRUE(w);
    return std::move(w).value();
  }
  // Walks every step with complete data, up to the review step.
  void WalkToReview(Workflow& w) {
    ASSERT_TRUE(w.SetQrPayload(kQr));
    ASSERT_TRUE(w.Next());
    ASSERT_TRUE(w.SetChipResult(ChipFields(), {true, "valid", "passed", "passed", {}}));
    ASSERT_TRUE(w.Next());
    ASSERT_TRUE(w.SetPortrait(kImage, 0.9, 0.82));
    ASSERT_TRUE(w.ConfirmPortrait());
    ASSERT_TRUE(w.Next());
    ASSERT_TRUE(w.SetFingerprint(Finger::kRightIndex, kImage, 80));
    ASSERT_TRUE(w.RecordFingerException(Finger::kLeftIndex, FingerException::kBandaged,
                                        "bandaged after an injury"));
    ASSERT_TRUE(w.Next());
    auto paper = w.AddPaper(PaperType::kHealthInsurance,
                            {{"code", "dn4010123456789"},
                             {"full_name", "Nguyễn Văn Thử"},
                             {"date_of_birth", "12/08/1990"}},
                            {kImage});
    ASSERT_TRUE(paper) << paper.error().ToLogString();
    ASSERT_TRUE(w.ConfirmPaper(*paper, true));
    ASSERT_TRUE(w.Next());
    ASSERT_TRUE(w.SetContact("0912 345 678", "thu@example.vn"));
    ASSERT_TRUE(w.SetConsent(true));
    ASSERT_TRUE(w.Next());
    ASSERT_EQ(w.current_step(), Step::kReviewSeal);
  }

  InMemoryDraftStore store_;
  testing::FakeClock clock_;
};

TEST_F(WorkflowTest, NewDraft_StartsAtIdentifyWithCardMissing) {
  Workflow w = StartNew();
  EXPECT_EQ(w.current_step(), Step::kIdentifyCard);
  auto missing = w.MissingItems(Step::kIdentifyCard);
  ASSERT_EQ(missing.size(), 1u);
  EXPECT_EQ(missing[0].item, "identity.card");
  EXPECT_FALSE(w.Next());
  EXPECT_EQ(store_.List()->size(), 1u);
}

TEST_F(WorkflowTest, CompleteWalk_SealsWithStableHash) {
  Workflow w = StartNew();
  WalkToReview(w);
  EXPECT_TRUE(w.AllMissingItems().empty());
  auto sealed = w.Seal();
  ASSERT_TRUE(sealed) << sealed.error().ToLogString();
  EXPECT_EQ(sealed->sha256.size(), 64u);
  EXPECT_EQ(Sha256Hex(sealed->canonical).value(), sealed->sha256);
  EXPECT_EQ(CanonicalRecord(sealed->enrollment).value(), sealed->canonical);
  EXPECT_EQ(sealed->enrollment.contact.phone_e164, "+84912345678");
  EXPECT_EQ(sealed->enrollment.papers[0].fields.at("date_of_birth"), "1990-08-12");
  // Sealed: nothing changes any more, and the draft stays until released.
  EXPECT_FALSE(w.GoTo(Step::kContactConsent));
  EXPECT_FALSE(w.Cancel("changed mind"));
  EXPECT_EQ(store_.List()->size(), 1u);
  EXPECT_TRUE(w.ReleaseDraft());
  EXPECT_TRUE(store_.List()->empty());
}

TEST_F(WorkflowTest, SealBeforeReview_Refused) {
  Workflow w = StartNew();
  ASSERT_TRUE(w.SetQrPayload(kQr));
  EXPECT_FALSE(w.Seal());
}

TEST_F(WorkflowTest, Revisit_EditsEarlierStepAndReturns) {
  Workflow w = StartNew();
  WalkToReview(w);
  ASSERT_TRUE(w.GoTo(Step::kContactConsent));
  EXPECT_FALSE(w.SetPortrait(kImage, 0.5, std::nullopt));  // not the current step
  ASSERT_TRUE(w.SetContact("+84 387 654 321", ""));
  EXPECT_TRUE(w.GoTo(Step::kReviewSeal));
  EXPECT_EQ(w.enrollment().contact.phone_e164, "+84387654321");
}

TEST_F(WorkflowTest, GoToBeyondFurthest_Refused) {
  Workflow w = StartNew();
  EXPECT_FALSE(w.GoTo(Step::kPapers));
  EXPECT_FALSE(w.Back());
}

TEST_F(WorkflowTest, ChipDisagreesWithQr_MustBeResolvedWithNote) {
  Workflow w = StartNew();
  ASSERT_TRUE(w.SetQrPayload(kQr));
  ASSERT_TRUE(w.Next());
  auto chip = ChipFields();
  chip.full_name = "Nguyễn Văn Thủ";
  ASSERT_TRUE(w.SetChipResult(chip, {true, "valid", "passed", "passed", {}}));
  auto missing = w.MissingItems(Step::kReadChip);
  ASSERT_EQ(missing.size(), 1u);
  EXPECT_EQ(missing[0].item, "identity.mismatch.full_name");
  EXPECT_FALSE(w.Next());
  EXPECT_FALSE(w.ResolveMismatch("full_name", IdentitySource::kChip, "  "));
  EXPECT_FALSE(w.ResolveMismatch("date_of_birth", IdentitySource::kChip, "no such mismatch"));
  ASSERT_TRUE(w.ResolveMismatch("full_name", IdentitySource::kChip, "the chip is signed"));
  EXPECT_TRUE(w.Next());
  ASSERT_EQ(w.enrollment().identity.resolutions.size(), 1u);
  EXPECT_EQ(w.enrollment().identity.resolutions[0].chosen, IdentitySource::kChip);
}

TEST_F(WorkflowTest, NewReading_VoidsResolutions) {
  Workflow w = StartNew();
  ASSERT_TRUE(w.SetQrPayload(kQr));
  ASSERT_TRUE(w.Next());
  auto chip = ChipFields();
  chip.date_of_birth = identity::CivilDate{1990, 8, 21};
  ASSERT_TRUE(w.SetChipResult(chip, {true, "valid", "passed", "passed", {}}));
  ASSERT_TRUE(w.ResolveMismatch("date_of_birth", IdentitySource::kQr, "printed date checked"));
  ASSERT_TRUE(w.SetChipResult(chip, {true, "valid", "passed", "passed", {}}));
  EXPECT_TRUE(w.enrollment().identity.resolutions.empty());
  EXPECT_EQ(w.UnresolvedMismatches().size(), 1u);
}

TEST_F(WorkflowTest, ChipUnreadable_ExceptionNeedsReason) {
  Workflow w = StartNew();
  ASSERT_TRUE(w.SetTypedIdentity({"001090123456", "12/08/1990", "12/08/2030", "", ""}));
  ASSERT_TRUE(w.Next());
  EXPECT_FALSE(w.RecordChipException(" "));
  ASSERT_TRUE(w.RecordChipException("antenna damaged"));
  EXPECT_TRUE(w.Next());
}

TEST_F(WorkflowTest, FingerprintsMissingOrPoor_ListedAndRefused) {
  Workflow w = StartNew();
  ASSERT_TRUE(w.SetQrPayload(kQr));
  ASSERT_TRUE(w.Next());
  ASSERT_TRUE(w.RecordChipException("reader out of order"));
  ASSERT_TRUE(w.Next());
  ASSERT_TRUE(w.SetPortrait(kImage, 0.9, std::nullopt));
  EXPECT_EQ(w.MissingItems(Step::kPortrait)[0].item, "portrait.confirmed");
  ASSERT_TRUE(w.ConfirmPortrait());
  ASSERT_TRUE(w.Next());
  EXPECT_FALSE(w.SetFingerprint(Finger::kRightIndex, kImage, 10));
  EXPECT_FALSE(w.RecordFingerException(Finger::kLeftIndex, FingerException::kMissing, ""));
  auto missing = w.MissingItems(Step::kFingerprints);
  ASSERT_EQ(missing.size(), 2u);
  EXPECT_EQ(missing[0].item, "fingers.right_index");
  EXPECT_FALSE(w.Next());
}

TEST_F(WorkflowTest, PaperNotSighted_BlocksStep) {
  Workflow w = StartNew();
  WalkToReview(w);
  ASSERT_TRUE(w.GoTo(Step::kPapers));
  auto index = w.AddPaper(PaperType::kTaxCode, {{"tax_code", "001090123456"}}, {});
  ASSERT_TRUE(index) << index.error().ToLogString();  // the holder's own ID as a tax code
  EXPECT_FALSE(w.AddPaper(PaperType::kTaxCode, {{"tax_code", "0312345674"}}, {}));
  EXPECT_FALSE(w.AddPaper(PaperType::kVehicleRegistration, {{"plate", "30A-123.45"}}, {}));
  ASSERT_TRUE(w.ConfirmPaper(*index, false));
  EXPECT_EQ(w.MissingItems(Step::kPapers).size(), 1u);
  EXPECT_FALSE(w.Next());
  ASSERT_TRUE(w.ConfirmPaper(*index, true));
  EXPECT_TRUE(w.Next());
}

TEST_F(WorkflowTest, PaperOfSomeoneElse_HolderMismatchesListed) {
  Workflow w = StartNew();
  WalkToReview(w);
  ASSERT_TRUE(w.GoTo(Step::kPapers));
  EXPECT_TRUE(w.HolderMismatches(0).empty());  // "Nguyễn Văn Thử", 12/08/1990: the holder
  auto other = w.AddPaper(PaperType::kDrivingLicence,
                          {{"number", "790123456789"}, {"classes", "B2"},
                           {"issue_date", "01/06/2020"}, {"full_name", "TRẦN THỊ KHÁC"},
                           {"date_of_birth", "01/01/1980"}},
                          {});
  ASSERT_TRUE(other);
  EXPECT_EQ(w.HolderMismatches(*other), (std::vector<std::string>{"full_name", "date_of_birth"}));
  auto upper = w.AddPaper(PaperType::kDrivingLicence,
                          {{"number", "790123456789"}, {"classes", "B2"},
                           {"issue_date", "01/06/2020"}, {"full_name", "NGUYỄN VĂN THỬ"}},
                          {});
  ASSERT_TRUE(upper);
  EXPECT_TRUE(w.HolderMismatches(*upper).empty());
}

TEST_F(WorkflowTest, Cancel_NeedsReasonAndRemovesDraft) {
  Workflow w = StartNew();
  ASSERT_TRUE(w.SetQrPayload(kQr));
  EXPECT_FALSE(w.Cancel("   "));
  EXPECT_EQ(store_.List()->size(), 1u);
  ASSERT_TRUE(w.Cancel("citizen left"));
  EXPECT_TRUE(store_.List()->empty());
  EXPECT_TRUE(w.enrollment().identity.sources.empty());
  EXPECT_FALSE(w.SetQrPayload(kQr));
}

TEST_F(WorkflowTest, CrashAndResume_SameStepSameData) {
  std::string id;
  {
    Workflow w = StartNew();
    ASSERT_TRUE(w.SetQrPayload(kQr));
    ASSERT_TRUE(w.Next());
    ASSERT_TRUE(w.SetChipResult(ChipFields(), {true, "not_verifiable", "passed", "passed", {}}));
    ASSERT_TRUE(w.Next());
    id = w.enrollment().draft_id;
  }  // the process "dies" here
  auto resumed = Workflow::Resume(store_, clock_, id, TwoFingers());
  ASSERT_TRUE(resumed) << resumed.error().ToLogString();
  EXPECT_EQ(resumed->current_step(), Step::kPortrait);
  EXPECT_EQ(resumed->enrollment().identity.chip->passive_authentication, "not_verifiable");
  EXPECT_EQ(resumed->enrollment().identity.sources.size(), 2u);
  EXPECT_TRUE(resumed->GoTo(Step::kIdentifyCard));
}

TEST_F(WorkflowTest, ResumeDamagedOrMissingDraft_Refused) {
  ASSERT_TRUE(store_.Save("dbad", "{not json"));
  auto r = Workflow::Resume(store_, clock_, "dbad");
  ASSERT_FALSE(r);
  EXPECT_EQ(r.error().code(), ErrorCode::kCorrupt);
  ASSERT_TRUE(store_.Save("dbad2", R"({"format":1})"));
  EXPECT_EQ(Workflow::Resume(store_, clock_, "dbad2").error().code(), ErrorCode::kCorrupt);
  EXPECT_EQ(Workflow::Resume(store_, clock_, "dnone").error().code(), ErrorCode::kNotFound);
}

TEST(Policy, DefaultFingers_AreTheBiometricsModulesThumbsAndIndexes) {
  const Policy policy;
  const auto capture = biometrics::finger::DefaultFingers();
  ASSERT_EQ(policy.required_fingers.size(), capture.size());
  for (size_t i = 0; i < capture.size(); ++i) {
    EXPECT_EQ(ToString(policy.required_fingers[i]), biometrics::finger::ToString(capture[i]));
  }
  EXPECT_EQ(policy.required_fingers,
            (std::vector<Finger>{Finger::kRightThumb, Finger::kRightIndex, Finger::kLeftThumb,
                                 Finger::kLeftIndex}));
}

}  // namespace
}  // namespace kiosk::enrollment
