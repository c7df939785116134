// The papers step and the receipt in the station's real wizard, under Xvfb: the demo scanner
// (SANE's pnm backend over the demo papers) scans a paper, the officer corrects a field, ticks
// "original sighted" and confirms; then the record is sealed, the receipt previewed and "printed"
// (KIOSK_RECEIPT_PRINT_DIR: into the build tree as a PDF), and the next enrollment starts.
#include <gtest/gtest.h>
#include <wx/checkbox.h>
#include <wx/checklst.h>
#include <wx/statbmp.h>

#include <fstream>

#include <nlohmann/json.hpp>

#include "drivers/station/station_devices.h"
#include "kiosk/core/paths.h"
#include "tests/support/visit_placeholders.h"
#include "tests/ui/station/wx_station_fixture.h"
#include "ui/station/wx_text.h"

namespace kiosk::ui {
namespace {

class PapersUiTest : public testing_support::WxStationFixture {
 protected:
  PapersUiTest() : WxStationFixture({.officer = true, .enrollment = true}) {}

  void SetUp() override {
    ASSERT_NO_FATAL_FAILURE(WxStationFixture::SetUp());
    // The station's own demo scanner, as make demo wires it.
    config_.data_dir = dir_.path();
    scanner_ = drivers::MakeStationScanner(config_);
    ASSERT_NE(scanner_, nullptr);
    services_.config = &config_;
    services_.scanner = scanner_.get();
    ASSERT_NO_FATAL_FAILURE(OpenWizard("papers"));
  }

  // Identity typed; chip, portrait and fingers filled through the controller (their pages are
  // another step's work): the wizard stops at the papers step.
  void GoToPapers() {
    auto& c = panel_->controller();
    ASSERT_TRUE(WxHarness::PumpUntil([&] { return c.started(); }));
    c.SubmitTyped({"001095012345", "14/03/1995", "14/03/2035", "NGUYỄN VĂN MẪU", "Nam"});
    c.Next();
    c.Apply(kiosk::testing::PlaceholderStepsToPapers);

    ASSERT_TRUE(WxHarness::PumpUntil([] { return WxHarness::IsVisible("papers-page"); }))
        << WxHarness::Label("wizard-error", frame_);
  }

  std::unique_ptr<documents::DocumentScanner> scanner_;
};

TEST_F(PapersUiTest, ScanDemoPaper_CorrectField_TickOriginal_ThenSealAndPrintTheReceipt) {
  ASSERT_NO_FATAL_FAILURE(GoToPapers());
  std::ifstream truth_file(paths::ResourceDir() / "demo" / "papers" / "gplx.json");
  ASSERT_TRUE(truth_file) << "resources/demo/papers/gplx.json";
  const auto truth = nlohmann::json::parse(truth_file).at("truth");

  ASSERT_TRUE(WxHarness::Click("scan-paper", frame_));
  ASSERT_TRUE(WxHarness::PumpUntil([] { return WxHarness::Find("paper-field-number") != nullptr; },
                                   std::chrono::seconds(60)))
      << WxHarness::Label("paper-error", frame_);
  auto* image = WxHarness::Find<wxStaticBitmap>("paper-image", frame_);
  ASSERT_NE(image, nullptr);
  EXPECT_TRUE(image->GetBitmap().IsOk()) << "the scan is shown beside the fields";
  EXPECT_EQ(Utf8(WxHarness::Find<wxTextCtrl>("paper-field-number", frame_)->GetValue()),
            truth.at("number").get<std::string>());
  WxHarness::Screenshot(frame_, "ui-papers-scanned");

  // The officer corrects the name to the card's spelling and ticks the original.
  WxHarness::Type("paper-field-full_name", "Nguyễn Văn Mẫu", frame_);
  WxHarness::Find<wxCheckBox>("paper-original-sighted", frame_)->SetValue(true);
  ASSERT_TRUE(WxHarness::Click("confirm-paper", frame_));
  auto* list = WxHarness::Find<wxCheckListBox>("papers-list", frame_);
  ASSERT_NE(list, nullptr);
  ASSERT_TRUE(WxHarness::PumpUntil([list] { return list->GetCount() == 1; }))
      << WxHarness::Label("paper-error", frame_) << WxHarness::Label("wizard-error", frame_);
  EXPECT_TRUE(list->IsChecked(0));
  EXPECT_NE(Utf8(list->GetString(0)).find(truth.at("number").get<std::string>()), std::string::npos);
  EXPECT_EQ(WxHarness::Find("paper-field-number", frame_), nullptr) << "the form clears";
  // The name now matches the card; the demo paper's date of birth does not: a warning, in words.
  const std::string warnings = WxHarness::Label("paper-warnings", frame_);
  EXPECT_NE(warnings.find("Ngày sinh"), std::string::npos) << warnings;
  EXPECT_EQ(warnings.find("Họ tên"), std::string::npos) << warnings;
  WxHarness::Screenshot(frame_, "ui-papers-confirmed");

  // On to the review, seal, and the receipt.
  ASSERT_TRUE(WxHarness::Click("wizard-next", frame_));
  ASSERT_TRUE(WxHarness::PumpUntil([] { return WxHarness::IsVisible("phone"); }))
      << WxHarness::Label("wizard-error", frame_);
  WxHarness::Type("phone", "0912345678", frame_);
  WxHarness::Find<wxCheckBox>("consent", frame_)->SetValue(true);
  ASSERT_TRUE(WxHarness::Click("save-contact", frame_));
  WxHarness::Pump(std::chrono::milliseconds(300));
  ASSERT_TRUE(WxHarness::Click("wizard-next", frame_));
  ASSERT_TRUE(WxHarness::PumpUntil([] { return WxHarness::IsVisible("seal"); }))
      << WxHarness::Label("wizard-error", frame_);
  const std::string summary = WxHarness::Label("review-summary", frame_);
  EXPECT_NE(summary.find("Giấy phép lái xe"), std::string::npos) << summary;
  EXPECT_NE(summary.find("+84912345678"), std::string::npos) << summary;
  WxHarness::Screenshot(frame_, "ui-review");
  ASSERT_TRUE(WxHarness::Click("seal", frame_));
  ASSERT_TRUE(WxHarness::PumpUntil([] { return WxHarness::IsVisible("print-receipt"); }))
      << WxHarness::Label("wizard-error", frame_);
  const std::string number = WxHarness::Label("record-number", frame_);
  EXPECT_FALSE(number.empty());
  WxHarness::Screenshot(frame_, "ui-sealed");

  ASSERT_TRUE(WxHarness::Click("preview-receipt", frame_));
  ASSERT_TRUE(WxHarness::PumpUntil([] { return WxHarness::IsVisible("receipt-preview"); }));
  WxHarness::Screenshot(wxWindow::FindWindowByName("receipt-preview"), "ui-receipt-preview");
  ASSERT_TRUE(WxHarness::Click("receipt-close"));
  ASSERT_TRUE(WxHarness::PumpUntil([] { return !WxHarness::IsVisible("receipt-preview"); }));

  ASSERT_TRUE(WxHarness::Click("print-receipt", frame_));
  WxHarness::Pump();
  const auto pdf = std::filesystem::path(paths::GetEnv("KIOSK_RECEIPT_PRINT_DIR").value_or("")) /
                   (number + ".pdf");
  EXPECT_TRUE(std::filesystem::exists(pdf)) << pdf << " " << WxHarness::Label("receipt-status", frame_);
  EXPECT_NE(WxHarness::Label("receipt-status", frame_).find(number), std::string::npos);

  ASSERT_TRUE(WxHarness::Click("next-enrollment", frame_));
  ASSERT_TRUE(WxHarness::PumpUntil([] { return WxHarness::IsVisible("typed-id"); }))
      << WxHarness::Label("wizard-error", frame_);
}

}  // namespace
}  // namespace kiosk::ui
