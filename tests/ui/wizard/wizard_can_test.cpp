// The chip step's second way in: when the chip refuses the MRZ key (a misprinted or mistyped
// date), the officer types the card access number (CAN) printed on the card front and the wizard
// reads the chip with PACE-CAN. Against a fake ChipSource (MRZ refused, CAN accepted) and the demo
// chip emulator (whose CAN is the last 6 digits of the ID, as `kiosk-cli card sim` prints it).
// Also: the error and chip verdict on screen come back in the new language after a switch.
#include <gtest/gtest.h>
#include <spdlog/sinks/ostream_sink.h>
#include <spdlog/spdlog.h>

#include <sstream>

#include "drivers/station/chip_sources.h"
#include "kiosk/core/i18n.h"
#include "kiosk/station/sealed_draft_store.h"
#include "tests/kiosk/batch/records_fixture.h"
#include "tests/support/temp_dir.h"
#include "ui/controllers/wizard_controller.h"

namespace kiosk::ui {
namespace {

using enrollment::Step;

constexpr const char* kDemoCan = "012345";  // last 6 digits of the demo citizen's ID

class FakeWizardView final : public WizardView {
 public:
  void SetBusy(bool) override {}
  void ShowError(const std::string& text) override { errors.push_back(text); }
  void ShowStep(Step s, const std::vector<std::string>&) override { step = s; }
  void ShowChipProgress(const std::string&, size_t, size_t) override {}
  void ShowChipResult(const ChipSummary& s) override { chip = s; }
  void ShowMismatches(const std::vector<std::string>&) override {}
  void ShowSealed(const std::string&) override {}
  void OfferCan() override { ++can_offers; }

  std::vector<std::string> errors;
  std::optional<Step> step;
  std::optional<ChipSummary> chip;
  int can_offers = 0;
};

// Refuses every MRZ key as a chip would (kWrongAccessKey); accepts one CAN by reading the demo
// emulator with it, refuses any other CAN. Remembers what it was asked.
class MrzRefusingChip final : public station::ChipSource {
 public:
  explicit MrzRefusingChip(station::ChipSource& demo) : demo_(demo) {}
  Result<emrtd::ChipReadResult> Read(const emrtd::MrzAccessKey&, Progress, std::stop_token) override {
    ++mrz_reads;
    return Fail(Error(ErrorCode::kWrongAccessKey,
                      N_("The chip refused the access key. Check the ID number, date of birth and "
                         "expiry date typed or scanned from the card, then retry."),
                      "fake: MRZ refused", Error::Retry::kNo));
  }
  Result<emrtd::ChipReadResult> ReadWithCan(const std::string& can, Progress progress,
                                            std::stop_token stop) override {
    cans.push_back(can);
    return demo_.ReadWithCan(can, std::move(progress), stop);
  }
  std::string Describe() const override { return "MRZ-refusing fake"; }

  int mrz_reads = 0;
  std::vector<std::string> cans;

 private:
  station::ChipSource& demo_;
};

class WizardCanTest : public batch::testing_support::RecordsFixture {
 protected:
  static void SetUpTestSuite() { pki_dir_ = new kiosk::testing::TempDir; }
  static void TearDownTestSuite() { delete pki_dir_; }

  void SetUp() override {
    ASSERT_TRUE(i18n::SetLanguage("en"));
    RecordsFixture::SetUp();
    drafts_ = std::make_unique<station::SealedDraftStore>(
        store(), std::make_unique<enrollment::FileDraftStore>(dir_ / "drafts"));
    auto demo = drivers::MakeDemoChipSource(pki_dir_->path(), {}, emrtd::TrustStore{});
    ASSERT_TRUE(demo) << demo.error().ToLogString();
    demo_ = std::move(*demo);
    fake_ = std::make_unique<MrzRefusingChip>(*demo_);
  }
  void TearDown() override { (void)i18n::SetLanguage("vi"); }

  // A wizard at the chip step, identified with `expiry` typed from the card.
  std::unique_ptr<WizardController> AtChipStep(station::ChipSource& chip,
                                               const std::string& expiry = "14/03/2035") {
    auto wizard = std::make_unique<WizardController>(view_, runner_, *drafts_, *records_, clock_, &chip);
    wizard->Begin(officer_);
    EXPECT_TRUE(wizard->started());
    wizard->SubmitTyped({"001095012345", "14/03/1995", expiry, "NGUYỄN VĂN MẪU", "Nam"}, /*proceed=*/true);
    EXPECT_EQ(view_.step, Step::kReadChip) << (view_.errors.empty() ? "" : view_.errors.back());
    view_.errors.clear();
    return wizard;
  }

  static kiosk::testing::TempDir* pki_dir_;
  std::unique_ptr<station::SealedDraftStore> drafts_;
  std::unique_ptr<station::ChipSource> demo_;
  std::unique_ptr<MrzRefusingChip> fake_;
  InlineTaskRunner runner_;
  FakeWizardView view_;
};
kiosk::testing::TempDir* WizardCanTest::pki_dir_ = nullptr;

TEST_F(WizardCanTest, MrzKeyRefused_OffersTheCan_ThenTheCanReadsTheChip) {
  auto wizard = AtChipStep(*fake_);
  wizard->ReadChip();
  EXPECT_EQ(fake_->mrz_reads, 1);
  ASSERT_EQ(view_.errors.size(), 1u);
  EXPECT_NE(view_.errors[0].find("access key"), std::string::npos) << view_.errors[0];
  EXPECT_EQ(view_.can_offers, 1) << "a refused MRZ key must offer the CAN";
  EXPECT_FALSE(view_.chip.has_value());
  ASSERT_TRUE(wizard->last_error().has_value());
  EXPECT_EQ(wizard->last_error()->code(), ErrorCode::kWrongAccessKey);

  view_.errors.clear();
  wizard->ReadChipWithCan(kDemoCan);
  ASSERT_TRUE(view_.errors.empty()) << view_.errors.back();
  ASSERT_EQ(fake_->cans, std::vector<std::string>{kDemoCan});
  ASSERT_TRUE(view_.chip.has_value());
  EXPECT_TRUE(view_.chip->genuine) << view_.chip->verdict;
  EXPECT_EQ(view_.chip->id_number, "001095012345");
  EXPECT_FALSE(wizard->last_error().has_value()) << "a success clears the remembered error";
  // The chip's result counts for the step: the wizard goes on to the portrait.
  wizard->Next();
  EXPECT_EQ(view_.step, Step::kPortrait) << (view_.errors.empty() ? "" : view_.errors.back());
}

TEST_F(WizardCanTest, MalformedCan_IsRefusedBeforeTheChipIsAsked) {
  auto wizard = AtChipStep(*fake_);
  for (const char* bad : {"", "12345", "1234567", "12a456", " 12345", "１２３４５６"}) {
    view_.errors.clear();
    wizard->ReadChipWithCan(bad);
    ASSERT_EQ(view_.errors.size(), 1u) << bad;
    EXPECT_NE(view_.errors[0].find("6 digits"), std::string::npos) << view_.errors[0];
  }
  EXPECT_TRUE(fake_->cans.empty()) << "a malformed CAN never reaches the chip";
  EXPECT_FALSE(view_.chip.has_value());
  EXPECT_EQ(view_.can_offers, 0);
}

TEST_F(WizardCanTest, WrongCan_SaysToCheckTheDigits_AndIsNotReOffered) {
  auto wizard = AtChipStep(*fake_);
  wizard->ReadChipWithCan("999999");
  ASSERT_EQ(view_.errors.size(), 1u);
  EXPECT_NE(view_.errors[0].find("card access number"), std::string::npos) << view_.errors[0];
  EXPECT_FALSE(view_.chip.has_value());
  EXPECT_EQ(view_.can_offers, 0) << "the CAN field is already what the officer is using";
}

TEST_F(WizardCanTest, DemoEmulator_WrongExpiry_ThenItsCan_ReadsGenuine_AndTheCanIsNeverLogged) {
  std::ostringstream logged;
  auto sink = std::make_shared<spdlog::sinks::ostream_sink_mt>(logged);
  auto previous = spdlog::default_logger();
  auto capture = std::make_shared<spdlog::logger>("can-test", sink);
  capture->set_level(spdlog::level::trace);
  spdlog::set_default_logger(capture);

  auto wizard = AtChipStep(*demo_, "14/03/2036");  // one year off: the MRZ key is wrong
  wizard->ReadChip();
  ASSERT_EQ(view_.errors.size(), 1u);
  EXPECT_EQ(view_.can_offers, 1);
  view_.errors.clear();
  wizard->ReadChipWithCan(kDemoCan);
  spdlog::set_default_logger(previous);

  ASSERT_TRUE(view_.errors.empty()) << view_.errors.back();
  ASSERT_TRUE(view_.chip.has_value());
  EXPECT_TRUE(view_.chip->genuine) << view_.chip->verdict;
  EXPECT_NE(logged.str().find("chip read: PACE"), std::string::npos) << logged.str();
  EXPECT_EQ(logged.str().find(kDemoCan), std::string::npos) << "the CAN must never be logged";
}

TEST_F(WizardCanTest, LanguageSwitch_RendersTheErrorAndTheChipVerdictAgain) {
  auto wizard = AtChipStep(*fake_);
  wizard->ReadChip();
  ASSERT_TRUE(wizard->last_error().has_value());
  ASSERT_TRUE(i18n::SetLanguage("vi"));
  const std::string vi_error = wizard->last_error()->Message();
  EXPECT_NE(vi_error, view_.errors.at(0)) << "the kept error speaks the new language";
  ASSERT_TRUE(i18n::SetLanguage("en"));

  wizard->ReadChipWithCan(kDemoCan);
  ASSERT_TRUE(view_.chip.has_value());
  const std::string en_verdict = view_.chip->verdict;
  ASSERT_TRUE(i18n::SetLanguage("vi"));
  auto summary = wizard->chip_summary();
  ASSERT_TRUE(summary.has_value());
  EXPECT_NE(summary->verdict, en_verdict);
  EXPECT_NE(summary->verdict.find("Chip thật"), std::string::npos) << summary->verdict;
  EXPECT_EQ(summary->id_number, "001095012345");
  // A new enrollment forgets the previous citizen's chip.
  wizard->Begin(officer_);
  EXPECT_FALSE(wizard->chip_summary().has_value());
}

TEST_F(WizardCanTest, SourceWithoutPaceCan_SaysSo) {
  class MrzOnlyChip final : public station::ChipSource {
   public:
    Result<emrtd::ChipReadResult> Read(const emrtd::MrzAccessKey&, Progress, std::stop_token) override {
      return Fail(Error::Cancelled());
    }
    std::string Describe() const override { return "MRZ only"; }
  } chip;
  auto wizard = AtChipStep(chip);
  wizard->ReadChipWithCan(kDemoCan);
  ASSERT_EQ(view_.errors.size(), 1u);
  EXPECT_NE(view_.errors[0].find("cannot open the chip with the card access number"), std::string::npos)
      << view_.errors[0];
}

}  // namespace
}  // namespace kiosk::ui
