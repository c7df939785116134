// ISO/IEC 19794-4 finger image records and ISO/IEC 19794-5 face image records: what the centre
// receives must round-trip through our parser, carry the station quality per view and the eye
// centres, and anything malformed must be refused (never read past the end).

#include <gtest/gtest.h>

#include <opencv2/imgcodecs.hpp>
#include <opencv2/imgproc.hpp>

#include "kiosk/biometrics/records/face_image_record.h"
#include "kiosk/biometrics/records/finger_image_record.h"
#include "kiosk/biometrics/records/standard_records.h"

namespace kiosk::biometrics::records {
namespace {

std::vector<uint8_t> Encode(const cv::Mat& image, const char* ext) {
  std::vector<uint8_t> out;
  EXPECT_TRUE(cv::imencode(ext, image, out));
  return out;
}

// A drawn ridge pattern, 8-bit grey (no real finger).
cv::Mat DrawnPrint(int seed) {
  cv::Mat print(400, 300, CV_8UC1, cv::Scalar(230));
  for (int r = 10; r < 200; r += 9) {
    cv::ellipse(print, {150 + seed, 210}, {r, r + 20}, seed * 3, 0, 360, cv::Scalar(40), 3, cv::LINE_AA);
  }
  return print;
}

// A token portrait (3:4), drawn.
cv::Mat DrawnPortrait() {
  cv::Mat p(640, 480, CV_8UC3, cv::Scalar(225, 225, 230));
  cv::ellipse(p, {240, 330}, {130, 175}, 0, 0, 360, cv::Scalar(150, 185, 225), -1, cv::LINE_AA);
  cv::circle(p, {180, 288}, 10, cv::Scalar(40, 40, 40), -1);
  cv::circle(p, {300, 288}, 10, cv::Scalar(40, 40, 40), -1);
  return p;
}

TEST(FingerImageRecord, FromCaptures_RoundTripsWithPositionsAndStationQuality) {
  const auto thumb = Encode(DrawnPrint(0), ".png");
  const auto index = Encode(DrawnPrint(7), ".png");
  auto bytes = FingerRecordFromCaptures({{1, 83, thumb}, {7, 41, index}});
  ASSERT_TRUE(bytes) << bytes.error().ToLogString();
  EXPECT_EQ(std::string(bytes->begin(), bytes->begin() + 4), std::string("FIR\0", 4));
  auto record = ParseFingerImageRecord(*bytes);
  ASSERT_TRUE(record) << record.error().ToLogString();
  EXPECT_EQ(record->compression, FingerCompression::kPng);
  EXPECT_EQ(record->scan_resolution, 500);
  EXPECT_EQ(record->acquisition_level, 31);
  EXPECT_EQ(record->pixel_depth, 8);
  ASSERT_EQ(record->views.size(), 2u);
  EXPECT_EQ(record->views[0].position, 1);
  EXPECT_EQ(record->views[0].station_quality, 83);
  EXPECT_EQ(record->views[1].position, 7);
  EXPECT_EQ(record->views[1].station_quality, 41);
  EXPECT_EQ(record->views[0].width, 300);
  EXPECT_EQ(record->views[0].height, 400);
  EXPECT_EQ(record->views[0].image, thumb) << "the sealed PNG travels as it is";
  // Written again, the same bytes.
  auto again = WriteFingerImageRecord(*record);
  ASSERT_TRUE(again);
  EXPECT_EQ(*again, *bytes);
}

TEST(FingerImageRecord, ColourOrJpegCapture_BecomesLosslessGreyPng) {
  cv::Mat colour;
  cv::cvtColor(DrawnPrint(2), colour, cv::COLOR_GRAY2BGR);
  auto bytes = FingerRecordFromCaptures({{2, -1, Encode(colour, ".png")}});
  ASSERT_TRUE(bytes);
  auto record = ParseFingerImageRecord(*bytes);
  ASSERT_TRUE(record);
  EXPECT_EQ(record->views[0].station_quality, kQualityNotComputed);
  const cv::Mat decoded = cv::imdecode(record->views[0].image, cv::IMREAD_UNCHANGED);
  EXPECT_EQ(decoded.type(), CV_8UC1);
  EXPECT_EQ(cv::norm(decoded, DrawnPrint(2), cv::NORM_INF), 0);
}

TEST(FingerImageRecord, Malformed_IsRefusedAtEveryTruncation) {
  auto bytes = FingerRecordFromCaptures({{1, 50, Encode(DrawnPrint(1), ".png")}});
  ASSERT_TRUE(bytes);
  for (size_t cut = 0; cut < bytes->size(); cut += 1 + cut / 8) {
    std::vector<uint8_t> truncated(bytes->begin(), bytes->begin() + static_cast<std::ptrdiff_t>(cut));
    EXPECT_FALSE(ParseFingerImageRecord(truncated)) << "cut at " << cut;
  }
  auto bad_position = *bytes;
  bad_position[32 + 4] = 42;
  EXPECT_EQ(ParseFingerImageRecord(bad_position).error().code(), ErrorCode::kParse);
  auto bad_quality = *bytes;
  bad_quality[32 + 7] = 101;
  EXPECT_FALSE(ParseFingerImageRecord(bad_quality));
  auto not_png = *bytes;
  not_png[32 + 14] = 0;
  EXPECT_FALSE(ParseFingerImageRecord(not_png));
  auto longer = *bytes;
  longer.push_back(0);
  EXPECT_FALSE(ParseFingerImageRecord(longer));
}

TEST(FingerImageRecord, NothingToWrite_IsAnError) {
  EXPECT_EQ(WriteFingerImageRecord({}).error().code(), ErrorCode::kInvalidArgument);
  EXPECT_FALSE(FingerRecordFromCaptures({{1, 50, std::vector<uint8_t>{1, 2, 3}}}));
}

TEST(FaceImageRecord, FromPortrait_IsATokenFrontalWithEyeCentres) {
  const auto jpeg = Encode(DrawnPortrait(), ".jpg");
  auto bytes = FaceRecordFromPortrait(jpeg);
  ASSERT_TRUE(bytes) << bytes.error().ToLogString();
  auto record = ParseFaceImageRecord(*bytes);
  ASSERT_TRUE(record) << record.error().ToLogString();
  ASSERT_EQ(record->faces.size(), 1u);
  const FaceImage& face = record->faces[0];
  EXPECT_EQ(face.image_type, FaceImageType::kTokenFrontal);
  EXPECT_EQ(face.width, 480);
  EXPECT_EQ(face.height, 640);
  // Token geometry: eyes at y = 0.6 W, W/4 apart about the middle.
  ASSERT_EQ(face.points.size(), 2u);
  EXPECT_EQ(face.points[0], (FacePoint{kLeftEyeCentre, 300, 288}));
  EXPECT_EQ(face.points[1], (FacePoint{kRightEyeCentre, 180, 288}));
  const cv::Mat decoded = cv::imdecode(face.image, cv::IMREAD_COLOR);
  ASSERT_FALSE(decoded.empty()) << "the record's image decodes";
  EXPECT_EQ(decoded.size(), cv::Size(480, 640));
  auto again = WriteFaceImageRecord(*record);
  ASSERT_TRUE(again);
  EXPECT_EQ(*again, *bytes);
}

TEST(FaceImageRecord, Malformed_IsRefused) {
  auto bytes = FaceRecordFromPortrait(Encode(DrawnPortrait(), ".jpg"));
  ASSERT_TRUE(bytes);
  for (size_t cut = 0; cut < bytes->size(); cut += 1 + cut / 8) {
    std::vector<uint8_t> truncated(bytes->begin(), bytes->begin() + static_cast<std::ptrdiff_t>(cut));
    EXPECT_FALSE(ParseFaceImageRecord(truncated)) << "cut at " << cut;
  }
  auto point_outside = *bytes;
  point_outside[14 + 20 + 2] = 0xFF;  // first point's x, high byte
  EXPECT_FALSE(ParseFaceImageRecord(point_outside));
  auto wrong_type = *bytes;
  wrong_type[14 + 20 + 16 + 1] ^= 1;  // image data type flipped: magic no longer matches
  EXPECT_FALSE(ParseFaceImageRecord(wrong_type));
  EXPECT_FALSE(FaceRecordFromPortrait(std::vector<uint8_t>{0xFF, 0xD8, 0xFF, 0}));
}

}  // namespace
}  // namespace kiosk::biometrics::records
