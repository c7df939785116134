// The packet carries ISO/IEC 19794-4 and 19794-5 records built from the sealed images; they
// round-trip through our parser (also after the packet container's encoding) and pass the
// intake server's validation, which refuses a packet whose records are missing or malformed.

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <opencv2/imgcodecs.hpp>
#include <opencv2/imgproc.hpp>

#include "kiosk/biometrics/records/face_image_record.h"
#include "kiosk/biometrics/records/finger_image_record.h"
#include "sync/station/record_packet.h"
#include "sync/station/standard_records.h"

namespace kiosk::sync {
namespace {

namespace rec = biometrics::records;

SecretBytes Encoded(const cv::Mat& image, const char* ext) {
  std::vector<uint8_t> out;
  cv::imencode(ext, image, out);
  return SecretBytes(out.data(), out.size());
}

batch::SealedRecord Sealed() {
  batch::SealedRecord r;
  r.record_number = "ST01-20260101-0001";
  cv::Mat print(400, 300, CV_8UC1, cv::Scalar(230));
  for (int k = 10; k < 200; k += 9) cv::circle(print, {150, 200}, k, cv::Scalar(40), 3);
  cv::Mat portrait(640, 480, CV_8UC3, cv::Scalar(220, 220, 225));
  cv::ellipse(portrait, {240, 330}, {130, 175}, 0, 0, 360, cv::Scalar(150, 185, 225), -1);
  const std::string json = nlohmann::json{{"fingers", {{"right_thumb", {{"quality", 77}}}, {"left_index", {{"quality", 64}}}}}}.dump();
  r.items.push_back({"record.json", batch::ItemKind::kPersonal,
                     SecretBytes(reinterpret_cast<const uint8_t*>(json.data()), json.size())});
  r.items.push_back({"portrait.jpg", batch::ItemKind::kBiometric, Encoded(portrait, ".jpg")});
  r.items.push_back({"finger.right_thumb.png", batch::ItemKind::kBiometric, Encoded(print, ".png")});
  r.items.push_back({"finger.left_index.png", batch::ItemKind::kBiometric, Encoded(print, ".png")});
  return r;
}

std::vector<PacketBlob> Copy(const std::vector<PacketBlob>& blobs) {
  std::vector<PacketBlob> out;
  for (const auto& b : blobs) out.push_back({b.name, SecretBytes(b.data.data(), b.data.size())});
  return out;
}

const PacketBlob* Find(const std::vector<PacketBlob>& blobs, std::string_view name) {
  for (const auto& b : blobs) {
    if (b.name == name) return &b;
  }
  return nullptr;
}

TEST(StandardRecordsPacket, CarriesBothRecordsThatRoundTripAndValidate) {
  auto input = PacketInputFor(Sealed(), "ST01");
  ASSERT_TRUE(input) << input.error().ToLogString();
  std::string hash;
  auto container = EncodeContainer(*input, &hash);
  ASSERT_TRUE(container);
  auto opened = DecodeContainer(container->data(), container->size());
  ASSERT_TRUE(opened) << opened.error().ToLogString();
  const PacketBlob* fir = Find(opened->blobs, kFingerRecordBlob);
  const PacketBlob* fac = Find(opened->blobs, kFaceRecordBlob);
  ASSERT_NE(fir, nullptr);
  ASSERT_NE(fac, nullptr);
  auto fingers = rec::ParseFingerImageRecord(std::span<const uint8_t>(fir->data.data(), fir->data.size()));
  ASSERT_TRUE(fingers) << fingers.error().ToLogString();
  ASSERT_EQ(fingers->views.size(), 2u);
  // Items come in the record's order: right thumb (1, quality 77), left index (7, 64).
  EXPECT_EQ(fingers->views[0].position, 1);
  EXPECT_EQ(fingers->views[0].station_quality, 77);
  EXPECT_EQ(fingers->views[1].position, 7);
  EXPECT_EQ(fingers->views[1].station_quality, 64);
  auto face = rec::ParseFaceImageRecord(std::span<const uint8_t>(fac->data.data(), fac->data.size()));
  ASSERT_TRUE(face) << face.error().ToLogString();
  EXPECT_EQ(face->faces[0].image_type, rec::FaceImageType::kTokenFrontal);
  EXPECT_TRUE(ValidateStandardRecords(opened->blobs));
}

TEST(StandardRecordsPacket, ServerRefusesMissingOrMalformedRecords) {
  auto input = PacketInputFor(Sealed(), "ST01");
  ASSERT_TRUE(input);
  auto without = Copy(input->blobs);
  std::erase_if(without, [](const PacketBlob& b) { return b.name == kFingerRecordBlob; });
  auto refused = ValidateStandardRecords(without);
  ASSERT_FALSE(refused);
  EXPECT_EQ(refused.error().code(), ErrorCode::kCorrupt);

  auto broken = Copy(input->blobs);
  for (auto& b : broken) {
    if (b.name == kFaceRecordBlob) b.data = SecretBytes(b.data.data(), b.data.size() - 1);
  }
  EXPECT_EQ(ValidateStandardRecords(broken).error().code(), ErrorCode::kCorrupt);

  auto no_portrait_record = Copy(input->blobs);
  std::erase_if(no_portrait_record, [](const PacketBlob& b) { return b.name == kFaceRecordBlob; });
  EXPECT_FALSE(ValidateStandardRecords(no_portrait_record));
}

}  // namespace
}  // namespace kiosk::sync
