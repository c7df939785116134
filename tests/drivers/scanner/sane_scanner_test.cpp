#include "drivers/scanner/sane_scanner.h"

#include <gtest/gtest.h>

#include <cstdio>

#include <opencv2/imgcodecs.hpp>

#include "kiosk/documents/barcode.h"
#include "kiosk/documents/paper_reader.h"
#include "tests/papers/paper_render.h"
#include "tests/papers/qr_render.h"
#include "tests/support/temp_dir.h"

namespace kiosk::drivers {
namespace {

// SANE reads dll.conf from SANE_CONFIG_DIR at sane_init: list only the virtual backends, so the
// test neither depends on nor touches real scanners.
class SaneScannerTest : public ::testing::Test {
 protected:
  SaneScannerTest() : env_("SANE_CONFIG_DIR", dir_.path().string()) {
    dir_.WriteFile("dll.conf", "pnm\ntest\n");
  }

  std::string WriteImage(const std::string& name, const cv::Mat& image) {
    const std::string path = (dir_ / name).string();
    EXPECT_TRUE(cv::imwrite(path, image));
    return path;
  }

  testing::TempDir dir_;
  testing::ScopedEnv env_;
  std::unique_ptr<documents::DocumentScanner> scanner_ = MakeSaneScanner();
};

TEST_F(SaneScannerTest, ListDevices_ShowsVirtualBackends) {
  auto devices = scanner_->ListDevices();
  ASSERT_TRUE(devices) << devices.error().ToLogString();
  bool pnm = false;
  for (const auto& d : *devices) pnm = pnm || d.name == "pnm:0";
  EXPECT_TRUE(pnm);
}

TEST_F(SaneScannerTest, PnmGreyFile_ScannedPixelExact) {
  cv::Mat page(120, 90, CV_8UC1);
  cv::randu(page, 0, 256);
  documents::ScanSettings settings;
  settings.mode = documents::ScanMode::kGrey;
  settings.backend_options["filename"] = WriteImage("page.pgm", page);
  auto scanned = scanner_->Scan("pnm:0", settings);
  ASSERT_TRUE(scanned) << scanned.error().ToLogString();
  ASSERT_EQ(scanned->type(), CV_8UC1);
  ASSERT_EQ(scanned->size(), page.size());
  EXPECT_EQ(cv::norm(*scanned, page, cv::NORM_INF), 0.0);
}

TEST_F(SaneScannerTest, PnmColourFile_ComesBackBgr) {
  cv::Mat page(60, 80, CV_8UC3, cv::Scalar(10, 120, 240));  // B, G, R
  documents::ScanSettings settings;
  settings.backend_options["filename"] = WriteImage("page.ppm", page);
  auto scanned = scanner_->Scan("pnm:0", settings);
  ASSERT_TRUE(scanned) << scanned.error().ToLogString();
  ASSERT_EQ(scanned->type(), CV_8UC3);
  EXPECT_EQ(scanned->at<cv::Vec3b>(5, 5), cv::Vec3b(10, 120, 240));
}

TEST_F(SaneScannerTest, ScannedCardQr_Decodes) {
  const std::string payload =
      "001090123456||Nguyễn Văn Thử|12081990|Nam|Hà Nội|01072021";
  cv::Mat qr = papers::RenderQr(payload, 4);
  documents::ScanSettings settings;
  settings.mode = documents::ScanMode::kGrey;
  settings.backend_options["filename"] = WriteImage("qr.pgm", qr);
  auto scanned = scanner_->Scan("pnm:0", settings);
  ASSERT_TRUE(scanned);
  EXPECT_EQ(documents::DecodeQrText(*scanned).value_or(""), payload);
}

TEST_F(SaneScannerTest, ScannedSyntheticPapers_FieldsRead) {
  auto reader = documents::PaperReader::Create("vie");
  if (!reader) GTEST_SKIP() << "tesseract-ocr-vie not installed";
  int fields = 0, exact = 0;
  for (auto type : {documents::PaperType::kDrivingLicence, documents::PaperType::kHealthInsurance,
                    documents::PaperType::kVehicleRegistration, documents::PaperType::kTaxCode}) {
    auto paper = papers::MakeSyntheticPaper(type, 42);
    // A card on the scanner bed: the grey lid around it gives the page outline.
    cv::Mat bed = papers::Degrade(papers::RenderPaper(paper, 300), 0.0, 1);
    documents::ScanSettings settings;
    settings.backend_options["filename"] = WriteImage("paper.ppm", bed);
    auto scanned = scanner_->Scan("pnm:0", settings);
    ASSERT_TRUE(scanned) << scanned.error().ToLogString();
    auto reading = (*reader)->Read(type, *scanned);
    ASSERT_TRUE(reading) << reading.error().ToLogString();
    const auto got = reading->ValidFields();
    for (const auto& [name, truth] : paper.truth) {
      ++fields;
      exact += got.contains(name) && got.at(name) == truth ? 1 : 0;
    }
  }
  std::printf("SANE pnm scans: %d of %d fields exact\n", exact, fields);
  EXPECT_GE(exact, fields * 9 / 10);
}

TEST_F(SaneScannerTest, Jammed_MappedToOfficerMessage) {
  cv::Mat page(20, 20, CV_8UC1, cv::Scalar(128));
  documents::ScanSettings settings;
  settings.backend_options["filename"] = WriteImage("p.pgm", page);
  settings.backend_options["status-jammed"] = "yes";
  auto scanned = scanner_->Scan("pnm:0", settings);
  ASSERT_FALSE(scanned);
  EXPECT_NE(scanned.error().message_key().find("jammed"), std::string::npos);
  EXPECT_TRUE(scanned.error().retriable());
}

TEST_F(SaneScannerTest, UnknownDeviceOrOption_Refused) {
  auto missing = scanner_->Scan("pnm:9", {});
  ASSERT_FALSE(missing);
  documents::ScanSettings settings;
  settings.backend_options["no-such-option"] = "1";
  auto unsupported = scanner_->Scan("pnm:0", settings);
  ASSERT_FALSE(unsupported);
  EXPECT_EQ(unsupported.error().code(), ErrorCode::kUnsupported);
}

TEST(SaneStatusToError, EveryStatus_HasMessage) {
  for (int status = 1; status <= 11; ++status) {
    EXPECT_FALSE(SaneStatusToError(status, "test").message_key().empty()) << status;
  }
}

}  // namespace
}  // namespace kiosk::drivers
