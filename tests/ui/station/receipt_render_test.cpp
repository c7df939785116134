// The receipt drawn with Cairo/Pango: the PDF's text read back with pdftotext (Vietnamese
// diacritics intact), the QR code read back from the drawn page with ZXing.
#include "ui/station/receipt_render.h"

#include <gtest/gtest.h>

#include <array>
#include <cstdio>
#include <memory>

#include <opencv2/core.hpp>

#include "kiosk/core/i18n.h"
#include "kiosk/documents/barcode.h"
#include "kiosk/identity/unicode.h"
#include "tests/support/temp_dir.h"

namespace kiosk::ui {
namespace {

documents::Receipt Sample() {
  documents::Receipt r;
  r.record_number = "ST-HN-0001-20261129-00042";
  r.issued_at = "15:30 29/11/2026";
  r.station_id = "ST-HN-0001";
  r.officer = "canbo";
  r.citizen_name = "NGUYỄN VĂN MẪU";
  r.masked_id = "001******345";
  r.papers = {{"Driving licence (GPLX)", true}, {"Tax code (MST)", true}};
  r.qr_payload = documents::ReceiptQrPayload(r.record_number);
  return r;
}

std::string PdfText(const std::filesystem::path& pdf) {
  std::string command = "pdftotext -enc UTF-8 -layout '" + pdf.string() + "' - 2>/dev/null";
  std::unique_ptr<FILE, int (*)(FILE*)> pipe(popen(command.c_str(), "r"), pclose);
  if (!pipe) return {};
  std::string out;
  std::array<char, 4096> buffer;
  size_t n;
  while ((n = fread(buffer.data(), 1, buffer.size(), pipe.get())) > 0) out.append(buffer.data(), n);
  return identity::ToNfc(out).value_or(out);
}

class ReceiptRenderTest : public ::testing::Test {
 protected:
  void SetUp() override { ASSERT_TRUE(i18n::SetLanguage("vi")); }
  void TearDown() override { (void)i18n::SetLanguage("vi"); }
  kiosk::testing::TempDir dir_;
};

TEST_F(ReceiptRenderTest, Pdf_VietnameseTextReadsBack) {
  if (std::system("command -v pdftotext >/dev/null 2>&1") != 0) GTEST_SKIP() << "poppler-utils missing";
  const auto pdf = dir_ / "receipt.pdf";
  ASSERT_TRUE(WriteReceiptPdf(Sample(), pdf));
  const std::string text = PdfText(pdf);
  EXPECT_NE(text.find("PHIẾU TIẾP NHẬN HỒ SƠ"), std::string::npos) << text;
  EXPECT_NE(text.find("NGUYỄN VĂN MẪU"), std::string::npos) << text;
  EXPECT_NE(text.find("ST-HN-0001-20261129-00042"), std::string::npos) << text;
  EXPECT_NE(text.find("001******345"), std::string::npos) << text;
  EXPECT_NE(text.find("Giấy phép lái xe (GPLX)"), std::string::npos) << text;
  EXPECT_NE(text.find("đã đối chiếu bản gốc"), std::string::npos) << text;
  EXPECT_EQ(text.find("001095012345"), std::string::npos) << "the full ID is never printed";
}

TEST_F(ReceiptRenderTest, Bitmap_QrReadsBackToTheRecordNumber) {
  auto bitmap = RenderReceiptBitmap(Sample(), 150);
  ASSERT_TRUE(bitmap) << bitmap.error().ToLogString();
  EXPECT_EQ(bitmap->width, 1240);
  cv::Mat rgb(bitmap->height, bitmap->width, CV_8UC3, bitmap->rgb.data());
  auto qr = documents::DecodeQrText(rgb);
  ASSERT_TRUE(qr) << qr.error().ToLogString();
  EXPECT_EQ(documents::ParseReceiptQr(*qr).value_or(""), "ST-HN-0001-20261129-00042");
}

TEST_F(ReceiptRenderTest, UnwritablePath_SaysItCouldNotBeSaved) {
  auto written = WriteReceiptPdf(Sample(), dir_ / "no" / "such" / "dir" / "r.pdf");
  ASSERT_FALSE(written);
  EXPECT_EQ(written.error().code(), ErrorCode::kIo);
  EXPECT_FALSE(RenderReceiptBitmap(Sample(), 5000));
}

}  // namespace
}  // namespace kiosk::ui
