#include "kiosk/documents/barcode.h"

#include <gtest/gtest.h>

#include "kiosk/identity/cccd_qr.h"
#include "tests/papers/image_degrade.h"
#include "tests/papers/qr_render.h"

namespace kiosk::documents {
namespace {

// A synthetic CCCD QR payload with Vietnamese diacritics (UTF-8, no ECI, as the cards have).
constexpr const char* kPayload =
    "001090123456|123456789|Nguyễn Văn Thử|12081990|Nam|Số 1 Phố Giả, Hoàn Kiếm, Hà Nội|01072021";

TEST(DecodeBarcodes, CleanQr_DecodedAsUtf8) {
  cv::Mat qr = papers::RenderQr(kPayload);
  ASSERT_FALSE(qr.empty());
  auto text = DecodeQrText(qr);
  ASSERT_TRUE(text) << text.error().ToLogString();
  EXPECT_EQ(*text, kPayload);
  EXPECT_TRUE(identity::ParseCccdQr(*text));
}

TEST(DecodeBarcodes, RotatedNoisyOnBackground_Decoded) {
  cv::Mat qr = papers::OnBackground(papers::RenderQr(kPayload, 5), 60, 200);
  for (double degrees : {7.0, 33.0, 90.0, 180.0, -21.0}) {
    cv::Mat frame = papers::AddNoise(papers::Rotate(qr, degrees, 180), 12.0, 7);
    auto text = DecodeQrText(frame);
    ASSERT_TRUE(text) << degrees << "°: " << text.error().ToLogString();
    EXPECT_EQ(*text, kPayload);
  }
}

TEST(DecodeBarcodes, PerspectiveAndBlur_Decoded) {
  cv::Mat qr = papers::OnBackground(papers::RenderQr(kPayload, 6), 40, 230);
  cv::Mat frame = papers::Blur(papers::Perspective(qr, 0.08, 3, 230), 3);
  auto text = DecodeQrText(frame);
  ASSERT_TRUE(text) << text.error().ToLogString();
  EXPECT_EQ(*text, kPayload);
}

TEST(DecodeBarcodes, ColourImage_Accepted) {
  cv::Mat grey = papers::RenderQr("DN4010123456789|4e|01/01/1990|1");
  cv::Mat colour;
  cv::Mat channels[] = {grey, grey, grey};
  cv::merge(channels, 3, colour);
  auto found = DecodeBarcodes(colour);
  ASSERT_TRUE(found);
  ASSERT_EQ(found->size(), 1u);
  EXPECT_EQ(found->front().format, "QRCode");
  EXPECT_EQ(found->front().corners.size(), 4u);
}

TEST(DecodeBarcodes, BlankOrEmpty_NotFoundOrInvalid) {
  cv::Mat blank(400, 400, CV_8UC1, cv::Scalar(255));
  auto none = DecodeQrText(papers::AddNoise(blank, 20, 1));
  ASSERT_FALSE(none);
  EXPECT_EQ(none.error().code(), ErrorCode::kNotFound);
  EXPECT_EQ(DecodeBarcodes(cv::Mat()).error().code(), ErrorCode::kInvalidArgument);
}

}  // namespace
}  // namespace kiosk::documents
