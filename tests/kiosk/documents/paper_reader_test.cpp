#include "kiosk/documents/paper_reader.h"

#include <gtest/gtest.h>

#include <cstdio>

#include <opencv2/imgproc.hpp>

#include "kiosk/documents/page.h"
#include "tests/papers/image_degrade.h"
#include "tests/papers/paper_render.h"

namespace kiosk::documents {
namespace {

constexpr PaperType kTypes[] = {PaperType::kDrivingLicence, PaperType::kHealthInsurance,
                                PaperType::kVehicleRegistration, PaperType::kTaxCode};

TEST(MatchFieldLabel, AccentsAndSlips_Tolerated) {
  EXPECT_EQ(MatchFieldLabel(PaperType::kDrivingLicence, "Họ tên"), "full_name");
  EXPECT_EQ(MatchFieldLabel(PaperType::kDrivingLicence, "HO TEN"), "full_name");
  EXPECT_EQ(MatchFieldLabel(PaperType::kDrivingLicence, "Ngày sính"), "date_of_birth");
  EXPECT_EQ(MatchFieldLabel(PaperType::kDrivingLicence, "Số"), "number");
  EXPECT_EQ(MatchFieldLabel(PaperType::kVehicleRegistration, "Số khung"), "chassis_number");
  EXPECT_EQ(MatchFieldLabel(PaperType::kVehicleRegistration, "Số máy"), "engine_number");
  EXPECT_EQ(MatchFieldLabel(PaperType::kDrivingLicence, "Quốc tịch"), "");
}

TEST(EstimateSkew, RotatedText_AngleRecovered) {
  auto paper = papers::MakeSyntheticPaper(PaperType::kDrivingLicence, 1);
  cv::Mat printed = papers::RenderPaper(paper, 300);
  cv::Mat grey;
  cv::cvtColor(printed, grey, cv::COLOR_BGR2GRAY);
  for (double degrees : {-6.0, 4.0}) {
    const double estimated = EstimateSkew(papers::Rotate(grey, degrees, 250));
    EXPECT_NEAR(estimated, degrees, 1.0) << degrees;
  }
}

TEST(NormalisePage, CardOnBackground_OutlineFoundAndFlattened) {
  auto paper = papers::MakeSyntheticPaper(PaperType::kTaxCode, 2);
  cv::Mat capture = papers::Degrade(papers::RenderPaper(paper, 300), 1.0, 5);
  auto page = NormalisePage(capture, 85.6 / 54.0, 1000);
  ASSERT_TRUE(page);
  EXPECT_TRUE(page->outline_found);
  EXPECT_EQ(page->page.cols, 1000);
  EXPECT_EQ(page->page.rows, static_cast<int>(1000 / (85.6 / 54.0)));
}

class PaperReaderTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    auto created = PaperReader::Create("vie");
    if (created) reader_ = std::move(*created).release();
  }
  static void TearDownTestSuite() {
    delete reader_;
    reader_ = nullptr;
  }
  // Exact-match rate over every field of `count` papers per type.
  static double Accuracy(int dpi, double degradation, int count, double* ms_per_paper) {
    int fields = 0, exact = 0;
    double ms = 0;
    for (PaperType type : kTypes) {
      for (int seed = 0; seed < count; ++seed) {
        auto paper = papers::MakeSyntheticPaper(type, static_cast<std::uint32_t>(seed + 100));
        cv::Mat image = papers::RenderPaper(paper, dpi);
        image = papers::Degrade(image, degradation, static_cast<std::uint32_t>(seed));
        auto reading = reader_->Read(type, image);
        if (!reading) continue;
        ms += reading->milliseconds;
        const PaperFields got = reading->ValidFields();
        for (const auto& [name, truth] : paper.truth) {
          ++fields;
          auto it = got.find(name);
          if (it != got.end() && it->second == truth) {
            ++exact;
          } else {
            std::printf("  miss %s/%s: want '%s' got '%s'\n", std::string(ToString(type)).c_str(),
                        name.c_str(), truth.c_str(), it == got.end() ? "-" : it->second.c_str());
          }
        }
      }
    }
    *ms_per_paper = ms / (4.0 * count);
    return fields == 0 ? 0 : static_cast<double>(exact) / fields;
  }
  static PaperReader* reader_;
};
PaperReader* PaperReaderTest::reader_ = nullptr;

TEST_F(PaperReaderTest, CleanScans300Dpi_FieldsExact) {
  if (reader_ == nullptr) GTEST_SKIP() << "tesseract-ocr-vie not installed";
  double ms = 0;
  const double accuracy = Accuracy(300, 0.0, 3, &ms);
  std::printf("300 dpi clean: exact-match %.1f %%, %.0f ms per paper\n", accuracy * 100, ms);
  EXPECT_GE(accuracy, 0.9);
}

TEST_F(PaperReaderTest, DegradedCaptures_Reported) {
  if (reader_ == nullptr) GTEST_SKIP() << "tesseract-ocr-vie not installed";
  double ms = 0;
  const double accuracy = Accuracy(300, 1.0, 2, &ms);
  std::printf("300 dpi degraded: exact-match %.1f %%, %.0f ms per paper\n", accuracy * 100, ms);
  const double low = Accuracy(150, 0.5, 2, &ms);
  std::printf("150 dpi half-degraded: exact-match %.1f %%, %.0f ms per paper\n", low * 100, ms);
  EXPECT_GE(accuracy, 0.5);
}

TEST_F(PaperReaderTest, BlankImage_NothingInventedRequiredListed) {
  if (reader_ == nullptr) GTEST_SKIP() << "tesseract-ocr-vie not installed";
  cv::Mat blank(640, 1000, CV_8UC3, cv::Scalar(250, 250, 250));
  auto reading = reader_->Read(PaperType::kDrivingLicence, blank);
  ASSERT_TRUE(reading);
  EXPECT_TRUE(reading->ValidFields().empty());
  EXPECT_EQ(reading->missing.size(), 3u);
}

TEST_F(PaperReaderTest, WrongCheckDigitOnPaper_FlaggedNotTrusted) {
  if (reader_ == nullptr) GTEST_SKIP() << "tesseract-ocr-vie not installed";
  auto paper = papers::MakeSyntheticPaper(PaperType::kTaxCode, 3);
  std::string& tax = paper.lines[0].second;
  tax.back() = tax.back() == '9' ? '0' : static_cast<char>(tax.back() + 1);
  auto reading = reader_->Read(PaperType::kTaxCode, papers::RenderPaper(paper, 300));
  ASSERT_TRUE(reading);
  bool flagged = false;
  for (const auto& f : reading->fields) {
    if (f.name == "tax_code") flagged = !f.valid && !f.problem.empty();
  }
  EXPECT_TRUE(flagged);
  EXPECT_FALSE(reading->ValidFields().contains("tax_code"));
}

}  // namespace
}  // namespace kiosk::documents
