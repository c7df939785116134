#include "ui/controllers/wizard_controller.h"

#include <gtest/gtest.h>

#include <fstream>
#include <iterator>
#include <set>

#include "drivers/station/chip_sources.h"
#include "kiosk/core/i18n.h"
#include "kiosk/station/sealed_draft_store.h"
#include "tests/kiosk/batch/records_fixture.h"
#include "tests/support/temp_dir.h"
#include "tests/support/visit_placeholders.h"
#include "kiosk/enrollment/sealed_layout.h"

namespace kiosk::ui {
namespace {

using enrollment::Step;

class FakeWizardView final : public WizardView {
 public:
  void SetBusy(bool) override {}
  void ShowError(const std::string& text) override { errors.push_back(text); }
  void ShowStep(Step s, const std::vector<std::string>& m) override {
    step = s;
    missing = m;
  }
  void ShowChipProgress(const std::string& file, size_t, size_t) override { files.push_back(file); }
  void ShowChipResult(const ChipSummary& s) override { chip = s; }
  void ShowMismatches(const std::vector<std::string>& lines) override { mismatches = lines; }
  void ShowSealed(const std::string& number) override { sealed = number; }
  void ShowEnrollment(const enrollment::Enrollment& e) override { enrollment = e; }
  void OfferCan() override { can_offered = true; }

  bool can_offered = false;
  std::vector<std::string> errors, missing, files, mismatches;
  std::optional<Step> step;
  std::optional<ChipSummary> chip;
  std::string sealed;
  std::optional<enrollment::Enrollment> enrollment;
};

// The wizard against the real encrypted store (RecordsFixture: an officer past the first
// password change), sealed drafts, and the demo chip (the chip emulator in-process, its LDS signed
// by a test PKI the trust store knows).
class WizardControllerTest : public batch::testing_support::RecordsFixture {
 protected:
  static void SetUpTestSuite() {
    pki_dir_ = new kiosk::testing::TempDir;
  }
  static void TearDownTestSuite() { delete pki_dir_; }

  void SetUp() override {
    ASSERT_TRUE(i18n::SetLanguage("en"));
    RecordsFixture::SetUp();
    drafts_ = std::make_unique<station::SealedDraftStore>(
        store(), std::make_unique<enrollment::FileDraftStore>(dir_ / "drafts"));
    auto chip = drivers::MakeDemoChipSource(pki_dir_->path(), {}, emrtd::TrustStore{});
    ASSERT_TRUE(chip) << chip.error().ToLogString();
    chip_ = std::move(*chip);
    wizard_ = std::make_unique<WizardController>(view_, runner_, *drafts_, *records_, clock_,
                                                 chip_.get());
  }
  void TearDown() override { (void)i18n::SetLanguage("vi"); }

  identity::ManualEntry DemoCardTyped() {
    return {"001095012345", "14/03/1995", "14/03/2035", "NGUYỄN VĂN MẪU", "Nam"};
  }

  static kiosk::testing::TempDir* pki_dir_;
  std::unique_ptr<station::SealedDraftStore> drafts_;
  std::unique_ptr<station::ChipSource> chip_;
  InlineTaskRunner runner_;
  FakeWizardView view_;
  std::unique_ptr<WizardController> wizard_;
};
kiosk::testing::TempDir* WizardControllerTest::pki_dir_ = nullptr;

TEST_F(WizardControllerTest, TypedIdentity_ThenChip_ReadsAndVerifiesTheCard) {
  wizard_->Begin(officer_);
  ASSERT_TRUE(wizard_->started()) << (view_.errors.empty() ? "" : view_.errors.back());
  EXPECT_EQ(view_.step, Step::kIdentifyCard);
  EXPECT_FALSE(view_.missing.empty()) << "an empty identify step must say what it lacks";

  wizard_->SubmitTyped(DemoCardTyped());
  ASSERT_TRUE(view_.errors.empty()) << view_.errors.back();
  wizard_->Next();
  ASSERT_EQ(view_.step, Step::kReadChip) << (view_.errors.empty() ? "" : view_.errors.back());

  wizard_->ReadChip();
  ASSERT_TRUE(view_.chip.has_value()) << (view_.errors.empty() ? "" : view_.errors.back());
  EXPECT_TRUE(view_.chip->genuine) << view_.chip->verdict;
  EXPECT_EQ(view_.chip->id_number, "001095012345");
  EXPECT_GT(view_.chip->apdus, 5u);
  EXPECT_FALSE(view_.files.empty()) << "progress must be reported per file";
  EXPECT_TRUE(view_.mismatches.empty());
  wizard_->Next();
  EXPECT_EQ(view_.step, Step::kPortrait);
}

// The QR carries no expiry: the visit works it out from the QR's dates, opens the chip with it
// and the officer is told it was worked out.
TEST_F(WizardControllerTest, QrOnly_ExpiryWorkedOut_ChipOpens_AndTheOfficerIsTold) {
  wizard_->Begin(officer_);
  wizard_->SubmitQr("001095012345||NGUYỄN VĂN MẪU|14031995|Nam|Số 1 Phố Ví Dụ, Hà Nội|10042021");
  wizard_->Next();
  wizard_->ReadChip();
  ASSERT_TRUE(view_.chip.has_value()) << (view_.errors.empty() ? "" : view_.errors.back());
  EXPECT_NE(view_.chip->access_note.find("14/03/2035"), std::string::npos) << view_.chip->access_note;
}

// Worked out wrongly (a card issued at 20 is valid until 25; this one was renewed): the chip
// refuses, and the officer is asked for the date printed on the card, or the CAN.
TEST_F(WizardControllerTest, QrOnly_WorkedOutExpiryRefused_AsksForThePrintedDate) {
  wizard_->Begin(officer_);
  wizard_->SubmitQr("001095012345||NGUYỄN VĂN MẪU|14031995|Nam|Số 1 Phố Ví Dụ, Hà Nội|10042015");
  wizard_->Next();
  view_.errors.clear();
  wizard_->ReadChip();
  ASSERT_FALSE(view_.chip.has_value());
  ASSERT_EQ(view_.errors.size(), 1u);
  EXPECT_NE(view_.errors[0].find("14/03/2020"), std::string::npos) << view_.errors[0];
  EXPECT_NE(view_.errors[0].find("printed on the card"), std::string::npos) << view_.errors[0];
  EXPECT_TRUE(view_.can_offered);
  // The officer types the printed date (the identify step): the chip opens, nothing derived.
  wizard_->Back();
  wizard_->SubmitTyped(DemoCardTyped());
  wizard_->Next();
  wizard_->ReadChip();
  ASSERT_TRUE(view_.chip.has_value()) << (view_.errors.empty() ? "" : view_.errors.back());
  EXPECT_TRUE(view_.chip->access_note.empty());
}

TEST_F(WizardControllerTest, WrongDateOfBirth_ChipRefusesWithAClearMessage) {
  wizard_->Begin(officer_);
  auto typed = DemoCardTyped();
  typed.date_of_birth = "15/03/1995";  // off by one day: BAC fails
  typed.id_number = "001095012345";
  wizard_->SubmitTyped(typed);
  // The ID's century digit still agrees with 1995, so the entry itself is accepted.
  wizard_->Next();
  view_.errors.clear();
  wizard_->ReadChip();
  ASSERT_FALSE(view_.chip.has_value());
  ASSERT_EQ(view_.errors.size(), 1u);
  EXPECT_NE(view_.errors[0].find("date of birth"), std::string::npos) << view_.errors[0];
}

TEST_F(WizardControllerTest, Seal_WithStepsMissing_IsRefusedAndTheDraftSurvives) {
  wizard_->Begin(officer_);
  wizard_->SubmitTyped(DemoCardTyped());
  view_.errors.clear();
  wizard_->Seal();
  EXPECT_TRUE(view_.sealed.empty());
  ASSERT_EQ(view_.errors.size(), 1u);
  auto drafts = drafts_->List();
  ASSERT_TRUE(drafts);
  EXPECT_EQ(drafts->size(), 1u);
}

TEST_F(WizardControllerTest, Drafts_AreEncryptedOnDisk) {
  wizard_->Begin(officer_);
  wizard_->SubmitTyped(DemoCardTyped());
  for (const auto& entry : std::filesystem::recursive_directory_iterator(dir_ / "drafts")) {
    if (!entry.is_regular_file()) continue;
    std::ifstream in(entry.path(), std::ios::binary);
    std::string bytes((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    EXPECT_EQ(bytes.find("001095012345"), std::string::npos) << entry.path();
    EXPECT_EQ(bytes.find("MẪU"), std::string::npos) << entry.path();
  }
}

TEST_F(WizardControllerTest, Cancel_RemovesTheDraft) {
  wizard_->Begin(officer_);
  wizard_->SubmitTyped(DemoCardTyped());
  wizard_->Cancel("citizen left");
  auto drafts = drafts_->List();
  ASSERT_TRUE(drafts);
  EXPECT_TRUE(drafts->empty());
  EXPECT_FALSE(wizard_->started());
}

// Reads the demo card up to the portrait step.
void ReadDemoCard(WizardController& wizard, FakeWizardView& view, const identity::ManualEntry& typed) {
  wizard.SubmitTyped(typed);
  wizard.Next();
  wizard.ReadChip();
  ASSERT_TRUE(view.chip.has_value()) << (view.errors.empty() ? "" : view.errors.back());
  wizard.Next();
  ASSERT_EQ(view.step, Step::kPortrait);
}


TEST_F(WizardControllerTest, ChipRead_KeepsTheChipFaceForThePortraitComparison) {
  wizard_->Begin(officer_);
  ASSERT_NO_FATAL_FAILURE(ReadDemoCard(*wizard_, view_, DemoCardTyped()));
  std::optional<size_t> face_size;
  wizard_->Apply([&](enrollment::Visit& visit) -> Result<void> {
    auto face = visit.ChipFace();
    if (!face) return Fail(face.error());
    face_size = face->size();
    return {};
  });
  ASSERT_TRUE(face_size.has_value()) << view_.errors.back();
  EXPECT_GT(*face_size, 500u) << "DG2's encoded image";
}

class RecordingAuditor final : public audit::StationAuditor {
 public:
  Result<void> Record(const auth::Session& who, const audit::StationEvent& event) override {
    events.push_back(who.username + " " + event.action + " " + event.outcome + " " + event.detail);
    return {};
  }
  std::vector<std::string> events;
};

// Captures, finger exceptions and papers are audited by their step controllers (see
// fingers_controller_test, portrait_controller_test, papers_controller_test), not by blob name.
TEST_F(WizardControllerTest, ChipVerdict_IsAuditedWithoutCitizenData_KeptImageIsNot) {
  RecordingAuditor auditor;
  wizard_->SetAuditor(&auditor);
  wizard_->Begin(officer_);
  auto typed = DemoCardTyped();
  typed.date_of_birth = "15/03/1995";  // the chip refuses: a failed read is audited too
  wizard_->SubmitTyped(typed);
  wizard_->Next();
  wizard_->ReadChip();
  ASSERT_EQ(auditor.events.size(), 1u);
  EXPECT_NE(auditor.events[0].find("officer1 chip.read"), std::string::npos) << auditor.events[0];
  wizard_->Back();
  wizard_->SubmitTyped(DemoCardTyped());
  view_.chip.reset();
  ASSERT_NO_FATAL_FAILURE(ReadDemoCard(*wizard_, view_, DemoCardTyped()));
  ASSERT_EQ(auditor.events.size(), 2u);
  EXPECT_NE(auditor.events[1].find("genuine"), std::string::npos) << auditor.events[1];
  wizard_->Apply([&](enrollment::Visit& visit) -> Result<void> {
    auto stored = visit.SetPortrait(testing::PlaceholderPortrait(), nullptr);
    if (!stored) return Fail(stored.error());
    return {};
  });
  EXPECT_EQ(auditor.events.size(), 2u);
  for (const auto& event : auditor.events) {
    EXPECT_EQ(event.find("001095012345"), std::string::npos) << event;
    EXPECT_EQ(event.find("MẪU"), std::string::npos) << event;
  }
}

TEST_F(WizardControllerTest, KeptImage_IsSealedOnDiskAndCheckedAgainstItsHash) {
  wizard_->Begin(officer_);
  ASSERT_NO_FATAL_FAILURE(ReadDemoCard(*wizard_, view_, DemoCardTyped()));
  const std::string secret_marker = "PORTRAIT-PIXELS-0123456789";
  wizard_->Apply([&](enrollment::Visit& visit) -> Result<void> {
    auto stored = visit.SetPortrait(testing::PlaceholderPortrait(secret_marker), nullptr);
    if (!stored) return Fail(stored.error());
    const auto ref = *visit.enrollment().portrait.image;
    EXPECT_EQ(ref.uri, "draft:portrait.jpg");
    auto back = wizard_->LoadImage(ref);
    if (!back) return Fail(back.error());
    EXPECT_EQ(std::string(back->data(), back->data() + back->size()), secret_marker);
    auto forged = ref;
    forged.sha256[0] = forged.sha256[0] == '0' ? '1' : '0';
    EXPECT_EQ(wizard_->LoadImage(forged).error().code(), ErrorCode::kCorrupt);
    return {};
  });
  ASSERT_TRUE(view_.errors.empty()) << view_.errors.back();
  ASSERT_TRUE(view_.enrollment.has_value());
  ASSERT_TRUE(view_.enrollment->portrait.image.has_value()) << "the view is told the new state";
  for (const auto& entry : std::filesystem::recursive_directory_iterator(dir_ / "drafts")) {
    if (!entry.is_regular_file()) continue;
    std::ifstream in(entry.path(), std::ios::binary);
    std::string bytes((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    EXPECT_EQ(bytes.find("PORTRAIT-PIXELS"), std::string::npos) << entry.path();
  }
}

TEST_F(WizardControllerTest, WholeEnrollment_SealsTheCapturedImagesAndChipFilesIntoTheRecord) {
  wizard_->Begin(officer_);
  ASSERT_NO_FATAL_FAILURE(ReadDemoCard(*wizard_, view_, DemoCardTyped()));
  wizard_->Apply([&](enrollment::Visit& visit) -> Result<void> {
    if (auto r = visit.SetPortrait(testing::PlaceholderPortrait(), nullptr); !r) return Fail(r.error());
    if (auto r = visit.ConfirmPortrait(); !r) return r;
    return visit.Next();
  });
  ASSERT_EQ(view_.step, Step::kFingerprints) << (view_.errors.empty() ? "" : view_.errors.back());
  const auto required = wizard_->policy().required_fingers;
  ASSERT_GE(required.size(), 2u);
  wizard_->Apply([&](enrollment::Visit& visit) -> Result<void> {
    for (size_t i = 0; i < required.size(); ++i) {
      if (i == 1) {  // a missing finger: an exception the supervisor must see
        if (auto r = visit.RecordFingerException(required[i], enrollment::FingerException::kAmputated,
                                                 "lost in an accident");
            !r) {
          return r;
        }
        continue;
      }
      auto kept = visit.RecordFingerAttempt(required[i], testing::PlaceholderPrint());
      if (!kept) return Fail(kept.error());
      EXPECT_TRUE(kept->kept);
    }
    return visit.Next();
  });
  ASSERT_EQ(view_.step, Step::kPapers) << (view_.errors.empty() ? "" : view_.errors.back());
  wizard_->Next();
  ASSERT_EQ(view_.step, Step::kContactConsent) << (view_.errors.empty() ? "" : view_.errors.back());
  wizard_->SubmitContact("0912345678", "", true);
  wizard_->Next();
  ASSERT_EQ(view_.step, Step::kReviewSeal) << (view_.errors.empty() ? "" : view_.errors.back());
  wizard_->Seal();
  ASSERT_FALSE(view_.sealed.empty()) << (view_.errors.empty() ? "" : view_.errors.back());

  auto supervisor_items = records_->Items(officer_, view_.sealed);
  ASSERT_TRUE(supervisor_items) << supervisor_items.error().ToLogString();
  std::set<std::string> fields;
  for (const auto& item : *supervisor_items) fields.insert(item.field);
  EXPECT_TRUE(fields.count("portrait.jpg"));
  EXPECT_TRUE(fields.count(enrollment::FingerItemName(required[0])));
  EXPECT_FALSE(fields.count(enrollment::FingerItemName(required[1])));
  EXPECT_TRUE(fields.count("chip.011d")) << "EF.SOD proves the chip data";
  EXPECT_TRUE(fields.count("chip.0102")) << "DG2 (the chip photo)";
  EXPECT_TRUE(fields.count("record.json"));
  EXPECT_TRUE(drafts_->List()->empty()) << "the draft goes once the record is sealed";
  // The core flagged it: the finger exception, and a portrait no matcher compared.
  auto flags = records_->ReviewFlags(supervisor_, view_.sealed);
  ASSERT_TRUE(flags);
  EXPECT_EQ(*flags, (std::vector<std::string>{"portrait_not_compared", "biometric_exception"}));
  ASSERT_TRUE(wizard_->receipt().has_value()) << "the visit made the receipt";
  EXPECT_EQ(wizard_->receipt()->record_number, view_.sealed);
}

}  // namespace
}  // namespace kiosk::ui
