// The papers step's controller against a fake view and a fake scanner, with the real wizard
// (encrypted store, sealed drafts) and the real paper reader (Tesseract, Vietnamese model).
#include "ui/controllers/papers_controller.h"

#include <gtest/gtest.h>

#include <deque>
#include <set>

#include <opencv2/imgcodecs.hpp>

#include "kiosk/core/i18n.h"
#include "kiosk/documents/paper_reader.h"
#include "kiosk/station/sealed_draft_store.h"
#include "tests/kiosk/batch/records_fixture.h"
#include "tests/support/visit_placeholders.h"
#include "tests/papers/paper_render.h"

namespace kiosk::ui {
namespace {

using documents::PaperType;
using enrollment::Step;

class FakeWizardView final : public WizardView {
 public:
  void SetBusy(bool) override {}
  void ShowError(const std::string& text) override { errors.push_back(text); }
  void ShowStep(Step s, const std::vector<std::string>& m) override {
    step = s;
    missing = m;
  }
  void ShowChipProgress(const std::string&, size_t, size_t) override {}
  void ShowChipResult(const ChipSummary&) override {}
  void ShowMismatches(const std::vector<std::string>&) override {}
  void ShowSealed(const std::string& number) override { sealed = number; }
  void ShowEnrollment(const enrollment::Enrollment& e) override {
    enrollment = e;
    if (papers != nullptr) papers->ShowEnrollment(e);
  }

  PapersController* papers = nullptr;
  std::vector<std::string> errors, missing;
  std::optional<Step> step;
  std::string sealed;
  std::optional<enrollment::Enrollment> enrollment;
};

class FakePapersView final : public PapersView {
 public:
  void ShowError(const UiText& text) override {
    errors.push_back(text.Render());
    error_text = text;
  }
  void ShowScanning(bool on) override { scanning.push_back(on); }
  void ShowCapture(const PaperCaptureView& c) override { capture = c; }
  void ShowField(const PaperFieldRow& row) override { fields[row.name] = row; }
  void ClearCapture() override { capture.reset(); }
  void ShowPapers(const std::vector<PaperListRow>& rows) override { papers = rows; }

  std::vector<std::string> errors;
  UiText error_text;
  std::vector<bool> scanning;
  std::optional<PaperCaptureView> capture;
  std::map<std::string, PaperFieldRow> fields;
  std::vector<PaperListRow> papers;
};

// A scanner whose bed holds whatever the test puts there, or that fails as told.
class FakeScanner final : public documents::DocumentScanner {
 public:
  Result<std::vector<documents::ScannerInfo>> ListDevices() override {
    return std::vector<documents::ScannerInfo>{{"fake:0", "Test", "Bed", "flatbed scanner"}};
  }
  Result<cv::Mat> Scan(const std::string& device, const documents::ScanSettings&) override {
    devices.push_back(device);
    if (failure) return Fail(*failure);
    return bed.clone();
  }
  cv::Mat bed;
  std::optional<Error> failure;
  std::vector<std::string> devices;
};

// Holds device work until the test releases it, so a cancel can come in between.
class HeldRunner final : public TaskRunner {
 public:
  void Run(std::function<void()> work, std::function<void()> done) override {
    held.emplace_back(std::move(work), std::move(done));
  }
  void RunOnUiThread(std::function<void()> fn) override { fn(); }
  void RunAll() {
    while (!held.empty()) {
      auto [work, done] = std::move(held.front());
      held.pop_front();
      work();
      done();
    }
  }
  std::deque<std::pair<std::function<void()>, std::function<void()>>> held;
};

bool ReaderAvailable() { return documents::PaperReader::Create().has_value(); }

class PapersControllerTest : public batch::testing_support::RecordsFixture {
 protected:
  void SetUp() override {
    ASSERT_TRUE(i18n::SetLanguage("en"));
    RecordsFixture::SetUp();
    drafts_ = std::make_unique<station::SealedDraftStore>(
        store(), std::make_unique<enrollment::FileDraftStore>(dir_ / "drafts"));
    wizard_ = std::make_unique<WizardController>(wizard_view_, runner_, *drafts_, *records_, clock_,
                                                 nullptr);
    papers_ = std::make_unique<PapersController>(view_, *wizard_, device_runner_, &scanner_, "");
    wizard_view_.papers = papers_.get();
    wizard_->Begin(officer_);
    ASSERT_TRUE(wizard_->started());
  }
  void TearDown() override {
    wizard_view_.papers = nullptr;
    (void)i18n::SetLanguage("vi");
  }

  // Identity typed, chip exception, portrait and fingers stubbed: the wizard at the papers step.
  void GoToPapers() {
    wizard_->SubmitTyped({"001095012345", "14/03/1995", "14/03/2035", "NGUYỄN VĂN MẪU", "Nam"});
    wizard_->Next();
    wizard_->Apply(kiosk::testing::PlaceholderStepsToPapers);

    ASSERT_EQ(wizard_view_.step, Step::kPapers)
        << (wizard_view_.errors.empty() ? "" : wizard_view_.errors.back());
  }


  papers::SyntheticPaper PutOnBed(PaperType type, std::uint32_t seed) {
    auto paper = papers::MakeSyntheticPaper(type, seed);
    scanner_.bed = papers::RenderPaper(paper, 300);
    return paper;
  }

  const PaperFieldRow* Row(const std::string& name) const {
    if (!view_.capture) return nullptr;
    for (const auto& row : view_.capture->rows) {
      if (row.name == name) return &row;
    }
    return nullptr;
  }

  std::unique_ptr<station::SealedDraftStore> drafts_;
  InlineTaskRunner runner_;
  InlineTaskRunner device_runner_;
  FakeWizardView wizard_view_;
  FakePapersView view_;
  FakeScanner scanner_;
  std::unique_ptr<WizardController> wizard_;
  std::unique_ptr<PapersController> papers_;
};

TEST_F(PapersControllerTest, NoPapers_TheStepNeedsNothing) {
  ASSERT_NO_FATAL_FAILURE(GoToPapers());
  EXPECT_TRUE(wizard_view_.missing.empty());
  wizard_->Next();
  EXPECT_EQ(wizard_view_.step, Step::kContactConsent);
}

TEST_F(PapersControllerTest, Scan_ShowsTheImageBesideTheFieldsRead) {
  if (!ReaderAvailable()) GTEST_SKIP() << "tesseract-ocr-vie not installed";
  ASSERT_NO_FATAL_FAILURE(GoToPapers());
  auto paper = PutOnBed(PaperType::kDrivingLicence, 3);
  papers_->ChooseType(PaperType::kDrivingLicence);
  papers_->Scan();
  ASSERT_TRUE(view_.errors.empty()) << view_.errors.back();
  EXPECT_EQ(view_.scanning, (std::vector<bool>{true, false}));
  EXPECT_EQ(scanner_.devices, std::vector<std::string>{"fake:0"}) << "the first scanner found";
  ASSERT_TRUE(view_.capture);
  EXPECT_FALSE(view_.capture->image.empty());
  EXPECT_EQ(view_.capture->title.Render(), "Driving licence (GPLX)");
  ASSERT_NE(Row("number"), nullptr);
  EXPECT_EQ(Row("number")->value, paper.truth.at("number"));
  EXPECT_EQ(Row("number")->source, "ocr");
  EXPECT_TRUE(Row("number")->problem.empty()) << Row("number")->problem.Render();
  EXPECT_EQ(view_.capture->rows.size(), documents::FieldSpecs(PaperType::kDrivingLicence).size());
}

TEST_F(PapersControllerTest, CorrectedFieldAndOriginalSighted_StoredWithThePage) {
  if (!ReaderAvailable()) GTEST_SKIP() << "tesseract-ocr-vie not installed";
  ASSERT_NO_FATAL_FAILURE(GoToPapers());
  auto paper = PutOnBed(PaperType::kTaxCode, 4);
  papers_->ChooseType(PaperType::kTaxCode);
  papers_->Scan();
  ASSERT_TRUE(view_.capture);

  // A wrong check digit is caught as the officer types it, then the right value clears it.
  std::string tax = paper.truth.at("tax_code");
  std::string wrong = tax;
  wrong[9] = wrong[9] == '0' ? '1' : '0';
  papers_->EditField("tax_code", wrong);
  ASSERT_TRUE(view_.fields.count("tax_code"));
  EXPECT_FALSE(view_.fields["tax_code"].problem.empty());
  papers_->Confirm(true);
  ASSERT_EQ(view_.errors.size(), 1u) << "a wrong field is refused before it reaches the record";
  EXPECT_TRUE(wizard_view_.enrollment->papers.empty());

  papers_->EditField("tax_code", tax);
  EXPECT_TRUE(view_.fields["tax_code"].problem.empty()) << view_.fields["tax_code"].problem.Render();
  EXPECT_EQ(view_.fields["tax_code"].source, "typed");
  papers_->EditField("full_name", "Trần Thị Sửa");
  papers_->Confirm(true);
  ASSERT_TRUE(wizard_view_.errors.empty()) << wizard_view_.errors.back();
  EXPECT_FALSE(view_.capture) << "the form clears once the paper is on the record";

  const auto& stored = wizard_view_.enrollment->papers;
  ASSERT_EQ(stored.size(), 1u);
  EXPECT_EQ(stored[0].type, "mst");
  EXPECT_EQ(stored[0].fields.at("tax_code"), tax);
  EXPECT_EQ(stored[0].fields.at("full_name"), "Trần Thị Sửa");
  EXPECT_TRUE(stored[0].fields_confirmed);
  EXPECT_TRUE(stored[0].original_sighted);
  ASSERT_EQ(stored[0].pages.size(), 1u);
  EXPECT_EQ(stored[0].pages[0].uri, "draft:paper.0.front.jpg");
  ASSERT_EQ(view_.papers.size(), 1u);
  EXPECT_EQ(view_.papers[0].summary, tax);
  EXPECT_TRUE(view_.papers[0].original_sighted);
  // The holder differs from the typed card: a warning, not a refusal.
  ASSERT_FALSE(view_.papers[0].warnings.empty());
  EXPECT_NE(view_.papers[0].warnings[0].Render().find("name"), std::string::npos);

  // The kept page is the scan, readable back as a JPEG of the same size.
  wizard_->Apply([&](enrollment::Visit&) -> Result<void> {
    auto bytes = wizard_->LoadImage(stored[0].pages[0]);
    if (!bytes) return Fail(bytes.error());
    cv::Mat decoded = cv::imdecode(std::vector<uint8_t>(bytes->data(), bytes->data() + bytes->size()),
                                   cv::IMREAD_COLOR);
    EXPECT_EQ(decoded.size(), scanner_.bed.size());
    return {};
  });
  EXPECT_TRUE(wizard_view_.errors.empty());
}

TEST_F(PapersControllerTest, OriginalNotSighted_TheStepSaysSoUntilTicked) {
  ASSERT_NO_FATAL_FAILURE(GoToPapers());
  papers_->ChooseType(PaperType::kTaxCode);
  papers_->TypeByHand();
  ASSERT_TRUE(view_.capture);
  EXPECT_TRUE(view_.capture->image.empty());
  papers_->EditField("tax_code", "0312345673");
  papers_->Confirm(false);
  ASSERT_TRUE(wizard_view_.errors.empty()) << wizard_view_.errors.back();
  ASSERT_EQ(wizard_view_.enrollment->papers.size(), 1u);
  EXPECT_TRUE(wizard_view_.enrollment->papers[0].pages.empty());
  ASSERT_EQ(wizard_view_.missing.size(), 1u);
  EXPECT_NE(wizard_view_.missing[0].find("original sighted"), std::string::npos);
  wizard_->Next();
  EXPECT_EQ(wizard_view_.step, Step::kPapers) << "a paper not checked against its original blocks";

  papers_->SetOriginalSighted(0, true);
  EXPECT_TRUE(wizard_view_.missing.empty());
  EXPECT_TRUE(view_.papers[0].original_sighted);
  wizard_->Next();
  EXPECT_EQ(wizard_view_.step, Step::kContactConsent);
}

TEST_F(PapersControllerTest, MissingRequiredField_RefusedWithTheFieldNamed) {
  ASSERT_NO_FATAL_FAILURE(GoToPapers());
  papers_->ChooseType(PaperType::kVehicleRegistration);
  papers_->TypeByHand();
  papers_->EditField("plate", "30A-123.45");
  papers_->Confirm(true);
  ASSERT_EQ(view_.errors.size(), 1u);
  EXPECT_NE(view_.errors[0].find("owner_name"), std::string::npos) << view_.errors[0];
  EXPECT_TRUE(wizard_view_.enrollment->papers.empty());
}

// What the controller said about the paper (title, advice, a field's problem, the error) is
// rendered again by the view after a language switch.
TEST_F(PapersControllerTest, LanguageSwitch_AdviceProblemsAndErrorRenderInTheNewLanguage) {
  ASSERT_NO_FATAL_FAILURE(GoToPapers());
  papers_->Confirm(true);
  ASSERT_EQ(view_.errors.size(), 1u);
  ASSERT_EQ(view_.errors[0], "Scan a paper first (or type its fields).");
  papers_->ChooseType(PaperType::kDrivingLicence);
  papers_->TypeByHand();
  ASSERT_TRUE(view_.capture);
  papers_->EditField("number", "1");
  papers_->EditField("number", "");
  ASSERT_TRUE(view_.fields.contains("number"));

  ASSERT_TRUE(i18n::SetLanguage("vi"));
  EXPECT_EQ(view_.error_text.Render(), "Hãy quét giấy tờ trước (hoặc gõ các trường).");
  EXPECT_EQ(view_.capture->title.Render(), "Giấy phép lái xe (GPLX)");
  EXPECT_EQ(view_.capture->advice.Render(), "Gõ các trường theo giấy tờ gốc, rồi xác nhận.");
  EXPECT_EQ(view_.fields["number"].problem.Render(), "Không tìm thấy trên giấy tờ: hãy gõ theo bản gốc.");
  EXPECT_EQ(view_.fields["number"].label.Render(), i18n::tr("Licence number"));
  EXPECT_NE(view_.fields["number"].label.Render(), "Licence number");

  ASSERT_TRUE(i18n::SetLanguage("en"));
  EXPECT_EQ(view_.error_text.Render(), "Scan a paper first (or type its fields).");
  EXPECT_EQ(view_.capture->title.Render(), "Driving licence (GPLX)");
  EXPECT_EQ(view_.fields["number"].problem.Render(), "Not found on the paper: type it from the original.");
  EXPECT_EQ(view_.fields["number"].label.Render(), "Licence number");
}

TEST_F(PapersControllerTest, RemoveThenAdd_KeptPagesNeverOverwriteEachOther) {
  if (!ReaderAvailable()) GTEST_SKIP() << "tesseract-ocr-vie not installed";
  ASSERT_NO_FATAL_FAILURE(GoToPapers());
  auto add = [&](PaperType type, std::uint32_t seed) {
    auto paper = PutOnBed(type, seed);
    papers_->ChooseType(type);
    papers_->Scan();
    ASSERT_TRUE(view_.capture);
    for (const auto& [name, value] : paper.truth) papers_->EditField(name, value);
    papers_->Confirm(true);
    ASSERT_FALSE(view_.capture) << (view_.errors.empty() ? wizard_view_.errors.back() : view_.errors.back());
  };
  ASSERT_NO_FATAL_FAILURE(add(PaperType::kTaxCode, 1));
  ASSERT_NO_FATAL_FAILURE(add(PaperType::kDrivingLicence, 2));
  papers_->Remove(0);
  ASSERT_EQ(view_.papers.size(), 1u);
  EXPECT_EQ(view_.papers[0].title.Render(), "Driving licence (GPLX)");
  ASSERT_NO_FATAL_FAILURE(add(PaperType::kTaxCode, 5));
  const auto& stored = wizard_view_.enrollment->papers;
  ASSERT_EQ(stored.size(), 2u);
  EXPECT_NE(stored[0].pages[0].uri, stored[1].pages[0].uri);
  // Both pages still match their hashes, so the record seals.
  wizard_->Apply([&](enrollment::Visit&) -> Result<void> {
    for (const auto& p : stored) {
      if (auto bytes = wizard_->LoadImage(p.pages[0]); !bytes) return Fail(bytes.error());
    }
    return {};
  });
  EXPECT_TRUE(wizard_view_.errors.empty()) << wizard_view_.errors.back();
}

// Papers are audited by kind and outcome only: never a field's value, never the citizen.
TEST_F(PapersControllerTest, ScanConfirmSightedRemove_AuditedWithoutCitizenData) {
  audit::AuditLogStationAuditor auditor(store().audit());
  wizard_->SetAuditor(&auditor);
  ASSERT_NO_FATAL_FAILURE(GoToPapers());
  papers_->ChooseType(PaperType::kTaxCode);
  scanner_.failure = Error(ErrorCode::kDeviceBusy,
                           "The paper is jammed in the scanner. Clear it and scan again.", "test");
  papers_->Scan();
  papers_->TypeByHand();
  papers_->EditField("tax_code", "0312345673");
  papers_->Confirm(false);
  ASSERT_TRUE(wizard_view_.errors.empty()) << wizard_view_.errors.back();
  papers_->SetOriginalSighted(0, true);
  papers_->Remove(0);
  ASSERT_TRUE(wizard_view_.errors.empty()) << wizard_view_.errors.back();

  auto entries = store().audit().List();
  ASSERT_TRUE(entries);
  std::vector<std::string> papers;
  for (const auto& e : *entries) {
    if (e.action.rfind("paper.", 0) == 0) papers.push_back(e.action + " " + e.outcome + " " + e.detail);
    for (const auto& text : {e.record, e.detail}) {
      EXPECT_EQ(text.find("0312345673"), std::string::npos) << text;
      EXPECT_EQ(text.find("001095012345"), std::string::npos) << text;
      EXPECT_EQ(text.find("MẪU"), std::string::npos) << text;
    }
  }
  EXPECT_EQ(papers, (std::vector<std::string>{
                        "paper.scan failed mst; The paper is jammed in the scanner. Clear it and scan again.",
                        "paper.confirm ok mst; original not sighted",
                        "paper.confirm ok mst; original sighted",
                        "paper.remove ok mst"}));
}

TEST_F(PapersControllerTest, JammedScanner_SaysWhatToDoAndKeepsNothing) {
  ASSERT_NO_FATAL_FAILURE(GoToPapers());
  scanner_.failure = Error(ErrorCode::kDeviceBusy,
                           "The paper is jammed in the scanner. Clear it and scan again.", "test");
  papers_->Scan();
  ASSERT_EQ(view_.errors.size(), 1u);
  EXPECT_EQ(view_.errors[0], "The paper is jammed in the scanner. Clear it and scan again.");
  EXPECT_FALSE(view_.capture);
  EXPECT_FALSE(papers_->scanning());
}

TEST_F(PapersControllerTest, EmptyScan_AsksToRescan) {
  ASSERT_NO_FATAL_FAILURE(GoToPapers());
  scanner_.bed = cv::Mat(40, 60, CV_8UC3, cv::Scalar(255, 255, 255));
  papers_->Scan();
  ASSERT_EQ(view_.errors.size(), 1u);
  EXPECT_NE(view_.errors[0].find("scan again"), std::string::npos) << view_.errors[0];
  EXPECT_FALSE(view_.capture);
}

TEST_F(PapersControllerTest, OcrGarbage_NothingInventedAndRescanAdvised) {
  if (!ReaderAvailable()) GTEST_SKIP() << "tesseract-ocr-vie not installed";
  ASSERT_NO_FATAL_FAILURE(GoToPapers());
  cv::Mat noise(640, 1000, CV_8UC3);
  cv::randu(noise, 0, 256);
  scanner_.bed = noise;
  papers_->ChooseType(PaperType::kHealthInsurance);
  papers_->Scan();
  ASSERT_TRUE(view_.errors.empty()) << view_.errors.back();
  ASSERT_TRUE(view_.capture);
  EXPECT_NE(view_.capture->advice.Render().find("scan again"), std::string::npos) << view_.capture->advice.Render();
  for (const auto& row : view_.capture->rows) {
    if (row.required) {
      EXPECT_FALSE(row.problem.empty()) << row.name;
    }
  }
  papers_->Confirm(true);
  EXPECT_TRUE(wizard_view_.enrollment->papers.empty()) << "garbage never reaches the record";
}

TEST_F(PapersControllerTest, CancelledScan_ResultIsDropped) {
  HeldRunner held;
  PapersController papers(view_, *wizard_, held, &scanner_, "fake:0");
  ASSERT_NO_FATAL_FAILURE(GoToPapers());
  scanner_.bed = cv::Mat(40, 60, CV_8UC3, cv::Scalar(255, 255, 255));
  papers.Scan();
  EXPECT_TRUE(papers.scanning());
  papers.Scan();  // a second press while scanning starts nothing
  EXPECT_EQ(held.held.size(), 1u);
  papers.CancelScan();
  EXPECT_FALSE(papers.scanning());
  EXPECT_EQ(view_.scanning, (std::vector<bool>{true, false}));
  held.RunAll();
  EXPECT_TRUE(view_.errors.empty()) << "a cancelled scan reports nothing";
  EXPECT_FALSE(view_.capture);
}

TEST_F(PapersControllerTest, NoScanner_ImportStillWorks) {
  if (!ReaderAvailable()) GTEST_SKIP() << "tesseract-ocr-vie not installed";
  PapersController papers(view_, *wizard_, device_runner_, nullptr, "");
  ASSERT_NO_FATAL_FAILURE(GoToPapers());
  papers.Scan();
  ASSERT_EQ(view_.errors.size(), 1u);
  EXPECT_NE(view_.errors[0].find("No document scanner"), std::string::npos);

  papers.ImportImage((dir_ / "absent.png").string());
  ASSERT_EQ(view_.errors.size(), 2u);
  EXPECT_EQ(view_.errors[1], "The image file cannot be read.");
  papers.ImportImage(dir_.WriteFile("notes.png", "not a picture").string());
  ASSERT_EQ(view_.errors.size(), 3u);
  EXPECT_NE(view_.errors[2].find("not a picture"), std::string::npos) << view_.errors[2];

  auto paper = papers::MakeSyntheticPaper(PaperType::kHealthInsurance, 6);
  const std::string file = (dir_ / "bhyt.png").string();
  ASSERT_TRUE(cv::imwrite(file, papers::RenderPaper(paper, 300)));
  papers.ChooseType(PaperType::kHealthInsurance);
  papers.ImportImage(file);
  ASSERT_EQ(view_.errors.size(), 3u) << view_.errors.back();
  ASSERT_TRUE(view_.capture);
  bool code = false;
  for (const auto& row : view_.capture->rows) {
    if (row.name == "code") code = row.value == paper.truth.at("code");
  }
  EXPECT_TRUE(code);
}

}  // namespace
}  // namespace kiosk::ui
