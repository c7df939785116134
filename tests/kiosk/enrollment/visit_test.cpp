// The enrollment session (Visit): access key, what a chip read keeps, portrait, finger slots,
// papers, the sealed layout and the seal into the record store.
#include "kiosk/enrollment/visit.h"

#include <gtest/gtest.h>

#include <opencv2/imgcodecs.hpp>
#include <set>

#include "drivers/sim/camera/synthetic_camera.h"
#include "kiosk/core/i18n.h"
#include "kiosk/enrollment/sealed_layout.h"
#include "tests/kiosk/batch/records_fixture.h"
#include "tests/kiosk/enrollment/demo_chip.h"
#include "tests/support/visit_placeholders.h"

namespace kiosk::enrollment {
namespace {

using identity::IdentitySource;
using kiosk::testing::PlaceholderPortrait;
using kiosk::testing::PlaceholderPrint;
using testing::kDemoQr;
using testing::ReadDemoChip;

Policy TwoFingers() {
  Policy policy;
  policy.required_fingers = {Finger::kRightIndex, Finger::kLeftIndex};
  return policy;
}

class VisitTest : public batch::testing_support::RecordsFixture {
 protected:
  void SetUp() override {
    ASSERT_TRUE(i18n::SetLanguage("en"));
    RecordsFixture::SetUp();
  }
  void TearDown() override { (void)i18n::SetLanguage("vi"); }

  Visit StartNew(Policy policy = TwoFingers()) {
    auto visit = Visit::Start(drafts_, clock_, "officer1", std::move(policy));
    EXPECT_TRUE(visit);
    return std::move(*visit);
  }
  // Identified by the QR, the demo chip read: the portrait step.
  void ToPortrait(Visit& visit, const emrtd::ChipReadResult& read) {
    ASSERT_TRUE(visit.SetQrPayload(kDemoQr));
    ASSERT_TRUE(visit.Next());
    auto accepted = visit.AcceptChipRead(read);
    ASSERT_TRUE(accepted) << accepted.error().ToLogString();
    ASSERT_TRUE(visit.Next()) << "QR and chip agree";
  }
  void PortraitToFingers(Visit& visit) {
    ASSERT_TRUE(visit.SetPortrait(PlaceholderPortrait(), nullptr));
    ASSERT_TRUE(visit.ConfirmPortrait());
    ASSERT_TRUE(visit.Next());
  }
  void FingersToReview(Visit& visit) {
    for (Finger finger : visit.policy().required_fingers) {
      auto kept = visit.RecordFingerAttempt(finger, PlaceholderPrint(80, ToString(finger)));
      ASSERT_TRUE(kept && kept->kept);
    }
    ASSERT_TRUE(visit.Next());
    ASSERT_TRUE(visit.Next());  // no papers
    ASSERT_TRUE(visit.SetContact("0912345678", ""));
    ASSERT_TRUE(visit.SetConsent(true));
    ASSERT_TRUE(visit.Next());
    ASSERT_EQ(visit.current_step(), Step::kReviewSeal);
  }

  InMemoryDraftStore drafts_;
};

// ---- Access key

TEST_F(VisitTest, AccessKey_QrOnly_ExpiryWorkedOutByTheCccdRule) {
  Visit visit = StartNew();
  ASSERT_TRUE(visit.SetQrPayload(kDemoQr));
  auto key = visit.AccessKey();
  ASSERT_TRUE(key) << key.error().ToLogString();
  EXPECT_TRUE(key->expiry_derived);
  EXPECT_EQ(key->expiry, (identity::CivilDate{2035, 3, 14})) << "renewal at 40, the birthday";
  EXPECT_EQ(key->mrz.ToString(), "095012345:950314:350314");
}

TEST_F(VisitTest, AccessKey_TypedExpiryWins_AndATypedCanWinsOverAll) {
  Visit visit = StartNew();
  ASSERT_TRUE(visit.SetQrPayload(kDemoQr));
  ASSERT_TRUE(visit.SetTypedIdentity({"001095012345", "14/03/1995", "14/03/2036", "", ""}));
  auto key = visit.AccessKey();
  ASSERT_TRUE(key);
  EXPECT_FALSE(key->expiry_derived);
  EXPECT_EQ(key->mrz.date_of_expiry, "360314");
  auto can = visit.AccessKey("123456");
  ASSERT_TRUE(can);
  EXPECT_EQ(can->can, "123456");
  EXPECT_TRUE(can->mrz.document_number.empty());
  EXPECT_EQ(visit.AccessKey("12345").error().code(), ErrorCode::kInvalidArgument);
  EXPECT_EQ(visit.AccessKey("12345a").error().code(), ErrorCode::kInvalidArgument);
}

TEST_F(VisitTest, AccessKey_NothingToBuildItFrom_SaysWhatToType) {
  Visit visit = StartNew();
  EXPECT_EQ(visit.AccessKey().error().code(), ErrorCode::kInvalidArgument);
  // Typed without an expiry and no QR: the rule has no issue date to work from.
  ASSERT_TRUE(visit.SetTypedIdentity({"001095012345", "14/03/1995", "", "", ""}));
  auto key = visit.AccessKey();
  ASSERT_FALSE(key);
  EXPECT_NE(key.error().message_key().find("expiry date printed on the card"), std::string::npos);
}

TEST_F(VisitTest, RefusedKey_WorkedOutExpiry_AsksForThePrintedDate) {
  Visit visit = StartNew();
  ASSERT_TRUE(visit.SetQrPayload(kDemoQr));
  auto key = visit.AccessKey();
  ASSERT_TRUE(key);
  const Error refused(ErrorCode::kWrongAccessKey, "Check the ID number, date of birth and expiry date.");
  const Error explained = ExplainRefusedKey(refused, *key);
  EXPECT_EQ(explained.code(), ErrorCode::kWrongAccessKey);
  EXPECT_NE(explained.Message().find("14/03/2035"), std::string::npos) << explained.Message();
  EXPECT_NE(explained.Message().find("printed on the card"), std::string::npos);
  // A typed expiry refused, or another failure: told as it is.
  ASSERT_TRUE(visit.SetTypedIdentity({"001095012345", "14/03/1995", "14/03/2036", "", ""}));
  EXPECT_EQ(ExplainRefusedKey(refused, *visit.AccessKey()), refused);
  const Error pulled(ErrorCode::kCardRemoved, "The card was removed.");
  EXPECT_EQ(ExplainRefusedKey(pulled, *key), pulled);
}

// ---- Chip

TEST_F(VisitTest, ChipRead_KeepsPaAaCaAndTheSodsDataGroups_AndTheChipIdentity) {
  Visit visit = StartNew();
  ASSERT_TRUE(visit.SetQrPayload(kDemoQr));
  ASSERT_TRUE(visit.Next());
  const auto read = ReadDemoChip();
  auto accepted = visit.AcceptChipRead(read);
  ASSERT_TRUE(accepted) << accepted.error().ToLogString();
  EXPECT_EQ(accepted->verdict, audit::ChipVerdict::kGenuine);
  const auto& chip = *visit.enrollment().identity.chip;
  EXPECT_EQ(chip.passive_authentication, "valid");
  EXPECT_EQ(chip.active_authentication, "passed");
  EXPECT_EQ(chip.chip_authentication, "passed");
  // As EF.SOD lists them: DG3 (fingerprints, behind EAC) is signed though never read.
  EXPECT_EQ(chip.sod_data_groups, (std::vector<int>{1, 2, 3, 13, 14, 15}));
  const auto& fields = visit.enrollment().identity.sources.at(IdentitySource::kChip);
  EXPECT_EQ(fields.id_number, "001095012345");
  EXPECT_EQ(fields.issue_date, (identity::CivilDate{2021, 4, 10}));
  auto face = visit.ChipFace();
  ASSERT_TRUE(face);
  EXPECT_GT(face->size(), 500u);
  EXPECT_TRUE(visit.UnresolvedMismatches().empty());
}

TEST_F(VisitTest, ChipRead_OutsideItsStep_IsRefusedAndKeepsNothing) {
  Visit visit = StartNew();
  ASSERT_TRUE(visit.SetQrPayload(kDemoQr));
  auto refused = visit.AcceptChipRead(ReadDemoChip());
  ASSERT_FALSE(refused);
  EXPECT_EQ(refused.error().code(), ErrorCode::kPolicyViolation);
  EXPECT_FALSE(visit.enrollment().identity.chip.has_value());
  EXPECT_EQ(drafts_.LoadBlob(visit.enrollment().draft_id, ChipItemName(kEfSod)).error().code(),
            ErrorCode::kNotFound);
}

// A second read replaces the first one whole: a file the new chip does not have is not sealed
// from the old read.
TEST_F(VisitTest, ChipReadAgain_NoFileOfTheEarlierReadSurvives) {
  Visit visit = StartNew();
  ToPortrait(visit, ReadDemoChip());
  ASSERT_TRUE(visit.Back());
  sim::LdsBuildOptions without_aa;
  without_aa.include_dg15 = false;
  ASSERT_TRUE(visit.AcceptChipRead(ReadDemoChip(without_aa)));
  ASSERT_TRUE(visit.Next());
  PortraitToFingers(visit);
  FingersToReview(visit);
  ASSERT_TRUE(visit.SealDraft());
  auto items = visit.SealedItems();
  ASSERT_TRUE(items) << items.error().ToLogString();
  std::set<std::string> names;
  for (const auto& item : *items) names.insert(item.field);
  EXPECT_TRUE(names.contains("chip.011d"));
  EXPECT_FALSE(names.contains("chip.010f")) << "DG15 came from the first card";
}

// ---- Portrait

TEST(PortraitCapture, GoodFrame_BecomesTheIcaoTokenAsJpeg_ABadOneIsRefusedWithItsReason) {
  auto checker = biometrics::face::FaceChecker::LoadDefault();
  ASSERT_TRUE(checker);
  sim::SyntheticCameraOptions in_place;
  in_place.approach_frames = 0;
  const cv::Mat good = sim::RenderSyntheticFaceFrame(in_place, 3);
  auto report = checker->Analyze(good);
  ASSERT_TRUE(report && report->Acceptable());
  auto capture = MakePortraitCapture(good, *report, checker->options());
  ASSERT_TRUE(capture) << capture.error().ToLogString();
  EXPECT_EQ(capture->token.cols * 4, capture->token.rows * 3);
  ASSERT_GT(capture->jpeg.size(), 1000u);
  EXPECT_EQ(capture->jpeg.data()[0], 0xFF);
  EXPECT_GE(capture->quality, 0.5);
  // The same frame gives the same bytes (the wizard and kiosk-cli seal alike).
  auto again = MakePortraitCapture(good, *report, checker->options());
  ASSERT_TRUE(again);
  EXPECT_TRUE(std::equal(capture->jpeg.data(), capture->jpeg.data() + capture->jpeg.size(),
                         again->jpeg.data(), again->jpeg.data() + again->jpeg.size()));

  const cv::Mat far = sim::RenderSyntheticFaceFrame({}, 0);
  auto far_report = checker->Analyze(far);
  ASSERT_TRUE(far_report);
  auto refused = MakePortraitCapture(far, *far_report, checker->options());
  ASSERT_FALSE(refused);
  EXPECT_EQ(refused.error().code(), ErrorCode::kPolicyViolation);
  EXPECT_FALSE(refused.error().message_key().empty());
}

class FixedFaceMatcher final : public biometrics::face::FaceMatcher {
 public:
  explicit FixedFaceMatcher(double score) : score_(score) {}
  Result<biometrics::face::FaceComparison> Compare(const cv::Mat&, const cv::Mat& reference) override {
    compared_with_chip = !reference.empty();
    biometrics::face::FaceComparison out;
    out.score = score_;
    out.band = biometrics::face::BandOf(score_);
    return out;
  }
  bool compared_with_chip = false;

 private:
  double score_;
};

TEST_F(VisitTest, Portrait_ComparedWithTheChipPhoto_ScoreAndThresholdKept) {
  Visit visit = StartNew();
  ToPortrait(visit, ReadDemoChip());
  auto none = visit.SetPortrait(PlaceholderPortrait(), nullptr);
  ASSERT_TRUE(none);
  EXPECT_EQ(none->status, PortraitComparison::Status::kNoMatcher);
  EXPECT_FALSE(none->chip_face.empty());
  EXPECT_FALSE(visit.enrollment().portrait.face_match.has_value());

  FixedFaceMatcher matcher(0.42);
  auto compared = visit.SetPortrait(PlaceholderPortrait("another"), &matcher);
  ASSERT_TRUE(compared);
  EXPECT_EQ(compared->status, PortraitComparison::Status::kCompared);
  EXPECT_TRUE(matcher.compared_with_chip);
  EXPECT_FALSE(compared->Match());
  EXPECT_EQ(visit.enrollment().portrait.face_match, 0.42);
  EXPECT_EQ(visit.enrollment().portrait.face_match_threshold, 0.6);
  EXPECT_EQ(visit.enrollment().portrait.image->uri, "draft:portrait.jpg");
}

// "Uncertain" (between the bands) is not a match: the record is flagged for the supervisor.
TEST_F(VisitTest, Portrait_UncertainBand_IsNotAMatch) {
  Visit visit = StartNew();
  ToPortrait(visit, ReadDemoChip());
  FixedFaceMatcher matcher(0.5);
  auto compared = visit.SetPortrait(PlaceholderPortrait(), &matcher);
  ASSERT_TRUE(compared);
  EXPECT_EQ(compared->band, biometrics::face::FaceMatchBand::kUncertain);
  EXPECT_FALSE(compared->Match());
  FixedFaceMatcher same(0.75);
  auto again = visit.SetPortrait(PlaceholderPortrait("again"), &same);
  ASSERT_TRUE(again);
  EXPECT_TRUE(again->Match());
}

TEST_F(VisitTest, Portrait_WithoutAChipRead_NotCompared) {
  Visit visit = StartNew();
  ASSERT_TRUE(visit.SetQrPayload(kDemoQr));
  ASSERT_TRUE(visit.Next());
  ASSERT_TRUE(visit.RecordChipException("reader broken"));
  ASSERT_TRUE(visit.Next());
  FixedFaceMatcher matcher(0.9);
  auto compared = visit.SetPortrait(PlaceholderPortrait(), &matcher);
  ASSERT_TRUE(compared);
  EXPECT_EQ(compared->status, PortraitComparison::Status::kNoChipPhoto);
  EXPECT_FALSE(matcher.compared_with_chip);
}

// ---- Fingers

TEST_F(VisitTest, Fingers_PoorAttemptsKeepTheBest_ThenKeepBestOrException) {
  Visit visit = StartNew();
  ToPortrait(visit, ReadDemoChip());
  PortraitToFingers(visit);
  for (int score : {20, 35, 30}) {
    auto attempt = visit.RecordFingerAttempt(Finger::kRightIndex, PlaceholderPrint(score, "p" + std::to_string(score)));
    ASSERT_TRUE(attempt);
    EXPECT_FALSE(attempt->kept);
    EXPECT_EQ(attempt->attempts_left, score != 30);
  }
  EXPECT_FALSE(visit.enrollment().fingers.contains(Finger::kRightIndex)) << "a poor print is never kept by itself";
  const auto progress = visit.FingerProgressList();
  EXPECT_EQ(progress[0].attempts, 3);
  EXPECT_EQ(progress[0].best_score, 35);
  auto fourth = visit.RecordFingerAttempt(Finger::kRightIndex, PlaceholderPrint(90));
  ASSERT_FALSE(fourth);
  EXPECT_EQ(fourth.error().code(), ErrorCode::kPolicyViolation);

  ASSERT_TRUE(visit.KeepBestFingerAttempt(Finger::kRightIndex));
  const auto& kept = visit.enrollment().fingers.at(Finger::kRightIndex);
  EXPECT_EQ(kept.quality, 35);
  EXPECT_TRUE(kept.kept_below_threshold);
  auto bytes = visit.LoadImage(*kept.image);
  ASSERT_TRUE(bytes);
  EXPECT_EQ(std::string(bytes->data(), bytes->data() + bytes->size()), "p35") << "the best attempt";
  EXPECT_EQ(kept.image->uri, "draft:finger.right_index.png");

  EXPECT_EQ(visit.RecordFingerException(Finger::kLeftIndex, FingerException::kBandaged, "  ").error().code(),
            ErrorCode::kInvalidArgument);
  ASSERT_TRUE(visit.RecordFingerException(Finger::kLeftIndex, FingerException::kBandaged, "cut, back in May"));
  EXPECT_TRUE(visit.MissingItems(Step::kFingerprints).empty());
  EXPECT_EQ(visit.RecordFingerAttempt(Finger::kLeftLittle, PlaceholderPrint()).error().code(),
            ErrorCode::kPolicyViolation)
      << "not a required finger";
}

class SameTemplate final : public biometrics::finger::PrintTemplate {};

TEST_F(VisitTest, Fingers_DuplicateOfAKeptPrint_RefusedUnlessThatPrintWasRedone) {
  Visit visit = StartNew();
  ToPortrait(visit, ReadDemoChip());
  PortraitToFingers(visit);
  auto first = PlaceholderPrint();
  first.print_template = std::make_shared<SameTemplate>();
  ASSERT_TRUE(visit.RecordFingerAttempt(Finger::kRightIndex, std::move(first))->kept);
  const auto kept_template = visit.KeptFingerTemplates().at(Finger::kRightIndex);

  auto duplicate = PlaceholderPrint();
  duplicate.duplicate_of = Finger::kRightIndex;
  duplicate.duplicate_template = kept_template;
  auto refused = visit.RecordFingerAttempt(Finger::kLeftIndex, std::move(duplicate));
  ASSERT_TRUE(refused);
  EXPECT_FALSE(refused->kept);
  EXPECT_EQ(refused->duplicate_of, Finger::kRightIndex);
  EXPECT_EQ(visit.FingerProgressList()[1].attempts, 0) << "the wrong finger placed is not an attempt";

  // The right index was redone meanwhile: the match was against a print no longer kept.
  ASSERT_TRUE(visit.RecordFingerAttempt(Finger::kRightIndex, PlaceholderPrint(85))->kept);
  EXPECT_FALSE(visit.KeptFingerTemplates().contains(Finger::kRightIndex));
  auto stale = PlaceholderPrint();
  stale.duplicate_of = Finger::kRightIndex;
  stale.duplicate_template = kept_template;
  EXPECT_TRUE(visit.RecordFingerAttempt(Finger::kLeftIndex, std::move(stale))->kept);
}

TEST_F(VisitTest, Resume_KeepsDecidedFingers_AttemptsOfOpenOnesStartAgain) {
  std::string draft;
  {
    Visit visit = StartNew();
    draft = visit.enrollment().draft_id;
    ToPortrait(visit, ReadDemoChip());
    PortraitToFingers(visit);
    ASSERT_TRUE(visit.RecordFingerAttempt(Finger::kRightIndex, PlaceholderPrint(80)));
    ASSERT_TRUE(visit.RecordFingerAttempt(Finger::kLeftIndex, PlaceholderPrint(10)));
  }
  auto resumed = Visit::Resume(drafts_, clock_, draft, TwoFingers());
  ASSERT_TRUE(resumed);
  const auto progress = resumed->FingerProgressList();
  EXPECT_EQ(progress[0].status, biometrics::finger::SlotStatus::kAccepted);
  EXPECT_EQ(progress[1].status, biometrics::finger::SlotStatus::kPending);
  EXPECT_EQ(progress[1].attempts, 0);
}

// ---- Papers

TEST_F(VisitTest, Paper_KeptWithItsPageAndWhereEachFieldCameFrom) {
  Visit visit = StartNew();
  ToPortrait(visit, ReadDemoChip());
  PortraitToFingers(visit);
  for (Finger finger : visit.policy().required_fingers) ASSERT_TRUE(visit.RecordFingerAttempt(finger, PlaceholderPrint()));
  ASSERT_TRUE(visit.Next());
  const cv::Mat page(400, 640, CV_8UC3, cv::Scalar(200, 210, 220));
  PaperEntry entry;
  entry["tax_code"] = {"0312345673", {"ocr", 0.62}};
  auto index = visit.AddPaper(documents::PaperType::kTaxCode, entry, page, true);
  ASSERT_TRUE(index) << index.error().ToLogString();
  const auto& paper = visit.enrollment().papers.at(*index);
  EXPECT_TRUE(paper.fields_confirmed);
  EXPECT_TRUE(paper.original_sighted);
  EXPECT_EQ(paper.field_sources.at("tax_code").source, "ocr");
  EXPECT_DOUBLE_EQ(paper.field_sources.at("tax_code").confidence, 0.62);
  ASSERT_EQ(paper.pages.size(), 1u);
  EXPECT_EQ(paper.pages[0].uri, "draft:paper.0.front.jpg");
  // A second paper, the first removed, a third: page names never collide.
  ASSERT_TRUE(visit.AddPaper(documents::PaperType::kTaxCode, entry, page, true));
  ASSERT_TRUE(visit.RemovePaper(0));
  ASSERT_TRUE(visit.AddPaper(documents::PaperType::kTaxCode, entry, page, true));
  std::set<std::string> uris;
  for (const auto& p : visit.enrollment().papers) uris.insert(p.pages[0].uri);
  EXPECT_EQ(uris.size(), 2u);
  PaperEntry bad;
  bad["tax_code"] = {"0312345670", {"ocr", 0.9}};  // check digit wrong
  EXPECT_EQ(visit.AddPaper(documents::PaperType::kTaxCode, bad, page, true).error().code(),
            ErrorCode::kInvalidArgument);
}

// ---- Seal

TEST_F(VisitTest, Seal_ItemsInTheLayout_FlagsByTheStore_ReceiptAndTheDraftReleased) {
  Visit visit = StartNew();
  ToPortrait(visit, ReadDemoChip());
  PortraitToFingers(visit);
  FingersToReview(visit);
  auto pending = visit.PendingReviewFlags();
  ASSERT_TRUE(pending);
  EXPECT_EQ(*pending, std::vector<std::string>{"portrait_not_compared"});

  // A technician may not seal: refused by the store; the sealed draft stays for a retry.
  auto refused = visit.Seal(*records_, technician_);
  ASSERT_FALSE(refused);
  EXPECT_EQ(refused.error().code(), ErrorCode::kPermissionDenied);
  ASSERT_EQ(drafts_.List()->size(), 1u);
  const std::string first_canonical = visit.SealDraft()->canonical;

  auto stored = visit.Seal(*records_, officer_);
  ASSERT_TRUE(stored) << stored.error().ToLogString();
  EXPECT_EQ(stored->record.canonical, first_canonical);
  EXPECT_EQ(stored->review_flags, std::vector<std::string>{"portrait_not_compared"});
  EXPECT_TRUE(stored->summary.needs_decision);
  EXPECT_EQ(*records_->ReviewFlags(supervisor_, stored->summary.record_number), stored->review_flags);
  ASSERT_TRUE(stored->receipt.has_value());
  EXPECT_EQ(stored->receipt->record_number, stored->summary.record_number);
  EXPECT_EQ(stored->receipt->masked_id, "001******345");
  EXPECT_TRUE(drafts_.List()->empty());

  auto items = records_->Items(supervisor_, stored->summary.record_number);
  ASSERT_TRUE(items);
  std::map<std::string, batch::ItemKind> kinds;
  for (const auto& item : *items) kinds[item.field] = item.kind;
  const std::map<std::string, batch::ItemKind> expected = {
      {"record.json", batch::ItemKind::kPersonal},      {"portrait.jpg", batch::ItemKind::kBiometric},
      {"finger.right_index.png", batch::ItemKind::kBiometric},
      {"finger.left_index.png", batch::ItemKind::kBiometric},
      {"chip.011e", batch::ItemKind::kChip}, {"chip.011d", batch::ItemKind::kChip},
      {"chip.0101", batch::ItemKind::kChip}, {"chip.0102", batch::ItemKind::kChip},
      {"chip.010d", batch::ItemKind::kChip}, {"chip.010e", batch::ItemKind::kChip},
      {"chip.010f", batch::ItemKind::kChip}, {"review.flags", batch::ItemKind::kMeta}};
  EXPECT_EQ(kinds, expected);
  auto record = records_->ReadItem(supervisor_, stored->summary.record_number, "record.json");
  ASSERT_TRUE(record);
  EXPECT_EQ(std::string(record->data(), record->data() + record->size()), first_canonical);
}

}  // namespace
}  // namespace kiosk::enrollment
