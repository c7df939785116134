#include <gtest/gtest.h>

#include <opencv2/imgcodecs.hpp>
#include <opencv2/imgproc.hpp>

#include "kiosk/emrtd/lds/dg1.h"
#include "kiosk/emrtd/lds/dg13.h"
#include "kiosk/emrtd/lds/dg14.h"
#include "kiosk/emrtd/lds/dg2.h"
#include "kiosk/emrtd/lds/dg2_image.h"
#include "kiosk/emrtd/lds/ef_com.h"
#include "kiosk/emrtd/lds/identity.h"
#include "kiosk/emrtd/lds/lds_files.h"

namespace kiosk::emrtd {
namespace {

const std::vector<std::string> kTd1 = {"I<UTOD231458907<<<<<<<<<<<<<<<",
                                       "7408122F1204159UTO<<<<<<<<<<<6",
                                       "ERIKSSON<<ANNA<MARIA<<<<<<<<<<"};

Dg13Field Field(int number, std::vector<std::string> values) {
  Dg13Field field;
  field.number = number;
  field.values = std::move(values);
  return field;
}

Dg13 SampleDg13() {
  Dg13 dg13;
  dg13.fields = {Field(1, {"001095012345"}),       Field(2, {"NGUYỄN VĂN MẪU"}),
                 Field(3, {"14/03/1995"}),         Field(4, {"Nam"}),
                 Field(5, {"Việt Nam"}),           Field(6, {"Kinh"}),
                 Field(7, {"Không"}),              Field(8, {"Hà Nội"}),
                 Field(9, {"Số 1 Phố Ví Dụ"}),     Field(11, {"10/04/2021"}),
                 Field(12, {"14/03/2035"}),        Field(13, {"NGUYỄN VĂN THỬ", "TRẦN THỊ MẪU"}),
                 Field(15, {"012345678"}),         Field(17, {"future field"})};
  return dg13;
}

std::vector<uint8_t> EncodeTestImage(const char* ext) {
  cv::Mat image(120, 90, CV_8UC3, cv::Scalar(200, 210, 220));
  cv::circle(image, {45, 60}, 30, cv::Scalar(120, 160, 210), -1);
  std::vector<uint8_t> data;
  cv::imencode(ext, image, data);
  return data;
}

TEST(LdsFiles, DataGroupNumbering_MatchesIcao) {
  EXPECT_EQ(DataGroupFid(13), 0x010D);
  EXPECT_EQ(DataGroupFromFid(0x010F).value(), 15);
  EXPECT_FALSE(DataGroupFromFid(0x011D).has_value());
  EXPECT_EQ(DataGroupTag(2).value(), 0x75u);
  EXPECT_EQ(DataGroupFromTag(0x6D).value(), 13);
}

TEST(EfCom, BuildParse_RoundTrips) {
  EfCom com{"0107", "040000", {1, 2, 3, 13, 14, 15}, {}};
  auto parsed = ParseEfCom(BuildEfCom(com));
  ASSERT_TRUE(parsed.has_value()) << parsed.error().ToLogString();
  EXPECT_EQ(parsed->lds_version, "0107");
  EXPECT_EQ(parsed->data_groups, (std::vector<int>{1, 2, 3, 13, 14, 15}));
}

TEST(EfCom, MissingTagList_Fails) {
  EXPECT_FALSE(ParseEfCom(EncodeTlv(0x60, EncodeTlv(0x5F01, Bytes{'0', '1'}))).has_value());
}

TEST(Dg1, Td1_ParsesMrz) {
  auto mrz = ParseDg1(BuildDg1(kTd1));
  ASSERT_TRUE(mrz.has_value()) << mrz.error().ToLogString();
  EXPECT_EQ(mrz->document_number, "D23145890");
}

TEST(Dg1, WrongTagOrBrokenMrz_Fails) {
  Bytes dg1 = BuildDg1(kTd1);
  dg1[0] = 0x62;
  EXPECT_FALSE(ParseDg1(dg1).has_value());
  std::vector<std::string> broken = kTd1;
  broken[1][6] = '3';
  EXPECT_FALSE(ParseDg1(BuildDg1(broken)).has_value());
}

TEST(Dg13, BuildParse_KeepsUnknownAndMissingFields) {
  auto dg13 = ParseDg13(BuildDg13(SampleDg13()));
  ASSERT_TRUE(dg13.has_value()) << dg13.error().ToLogString();
  EXPECT_EQ(dg13->Text(kDg13FullName), "NGUYỄN VĂN MẪU");
  EXPECT_EQ(dg13->Item(kDg13Parents, 1), "TRẦN THỊ MẪU");
  EXPECT_EQ(dg13->Find(kDg13Spouse), nullptr);
  EXPECT_EQ(dg13->Text(kDg13IdentifyingMarks), "");
  ASSERT_NE(dg13->Find(17), nullptr);
  EXPECT_EQ(dg13->Text(17), "future field");
}

TEST(Dg13, FieldsWithoutSetWrapper_Parse) {
  const Bytes field = EncodeTlv(0x30, Concat({EncodeDerInteger(2), EncodeUtf8String("TÊN")}));
  const Bytes dg13 =
      EncodeTlv(0x6D, EncodeTlv(0x30, Concat({EncodeDerInteger(1), EncodeOid(kDg13Oid), field})));
  auto parsed = ParseDg13(dg13);
  ASSERT_TRUE(parsed.has_value()) << parsed.error().ToLogString();
  EXPECT_EQ(parsed->Text(2), "TÊN");
}

TEST(Dg13, Malformed_Fails) {
  EXPECT_FALSE(ParseDg13(Bytes{0x6D, 0x00}).has_value());
  Bytes dg13 = BuildDg13(SampleDg13());
  dg13.resize(dg13.size() - 3);
  EXPECT_FALSE(ParseDg13(dg13).has_value());
  const Bytes no_number = EncodeTlv(
      0x6D, EncodeTlv(0x30, Concat({EncodeDerInteger(1), EncodeOid(kDg13Oid),
                                    EncodeTlv(0x31, EncodeTlv(0x30, EncodeUtf8String("x")))})));
  EXPECT_FALSE(ParseDg13(no_number).has_value());
}

TEST(Dg13, Dates_ConvertToIso) {
  EXPECT_EQ(Dg13DateToIso("14/03/1995").value(), "1995-03-14");
  EXPECT_FALSE(Dg13DateToIso("Không thời hạn").has_value());
  EXPECT_FALSE(Dg13DateToIso("32/01/2000").has_value());
}

TEST(Dg2, Jpeg_ExtractsAndDecodes) {
  const auto jpeg = EncodeTestImage(".jpg");
  auto dg2 = ParseDg2(BuildDg2(jpeg, FaceImageFormat::kJpeg, 90, 120));
  ASSERT_TRUE(dg2.has_value()) << dg2.error().ToLogString();
  ASSERT_EQ(dg2->faces.size(), 1u);
  EXPECT_EQ(dg2->faces[0].format, FaceImageFormat::kJpeg);
  EXPECT_EQ(dg2->faces[0].width, 90);
  EXPECT_EQ(dg2->faces[0].data, jpeg);
  auto image = DecodeFaceImage(dg2->faces[0]);
  ASSERT_TRUE(image.has_value());
  EXPECT_EQ(image->cols, 90);
  EXPECT_EQ(image->rows, 120);
}

TEST(Dg2, Jpeg2000_ExtractsAndDecodes) {
  const auto jp2 = EncodeTestImage(".jp2");
  ASSERT_FALSE(jp2.empty()) << "OpenCV without JPEG 2000";
  auto dg2 = ParseDg2(BuildDg2(jp2, FaceImageFormat::kJpeg2000, 90, 120));
  ASSERT_TRUE(dg2.has_value()) << dg2.error().ToLogString();
  EXPECT_EQ(dg2->faces[0].format, FaceImageFormat::kJpeg2000);
  EXPECT_EQ(dg2->faces[0].declared_data_type, 1);
  auto image = DecodeFaceImage(dg2->faces[0]);
  ASSERT_TRUE(image.has_value());
  EXPECT_EQ(image->cols, 90);
}

TEST(Dg2, RecordLengthOutOfBounds_Fails) {
  Bytes dg2 = BuildDg2(EncodeTestImage(".jpg"), FaceImageFormat::kJpeg, 90, 120);
  // The 19794-5 record length sits 8 bytes after "FAC\0": make it huge.
  for (size_t i = 0; i + 4 < dg2.size(); ++i) {
    if (dg2[i] == 'F' && dg2[i + 1] == 'A' && dg2[i + 2] == 'C' && dg2[i + 3] == 0) {
      dg2[i + 8] = 0x7F;
      break;
    }
  }
  EXPECT_FALSE(ParseDg2(dg2).has_value());
}

TEST(Dg2, GarbageImage_DoesNotDecode) {
  const Bytes fake = {0xFF, 0xD8, 0xFF, 0x00, 0x01, 0x02};
  EXPECT_FALSE(DecodeFaceImage(fake).has_value());
  EXPECT_EQ(DetectImageFormat(Bytes{0x00, 0x01}), FaceImageFormat::kUnknown);
}

TEST(Dg14, ActiveAuthInfo_IsFound) {
  const Bytes dg14 = BuildDg14({BuildActiveAuthenticationInfo("0.4.0.127.0.7.1.1.4.1.3")});
  auto parsed = ParseDg14(dg14);
  ASSERT_TRUE(parsed.has_value()) << parsed.error().ToLogString();
  EXPECT_EQ(parsed->Protocols(), std::vector<std::string>{kOidActiveAuthentication});
  EXPECT_EQ(parsed->active_auth_signature_algorithm.value(), "0.4.0.127.0.7.1.1.4.1.3");
  EXPECT_FALSE(parsed->SupportsChipAuthentication());
}

TEST(Dg14, ChipAuthInfos_AreListed) {
  const Bytes ca_info = EncodeTlv(
      0x30, Concat({EncodeOid("0.4.0.127.0.7.2.2.3.2.4"), EncodeDerInteger(1), EncodeDerInteger(7)}));
  const Bytes spki = EncodeTlv(0x30, EncodeTlv(0x30, EncodeOid("1.2.840.10045.2.1")));
  const Bytes pk_info = EncodeTlv(0x30, Concat({EncodeOid("0.4.0.127.0.7.2.2.1.2"), spki}));
  auto parsed = ParseDg14(BuildDg14({ca_info, pk_info}));
  ASSERT_TRUE(parsed.has_value()) << parsed.error().ToLogString();
  ASSERT_EQ(parsed->chip_auth.size(), 1u);
  EXPECT_EQ(parsed->chip_auth[0].key_id.value(), 7u);
  EXPECT_TRUE(parsed->SupportsChipAuthentication());
}

TEST(Identity, Merge_PrefersDg13AndFillsFromMrz) {
  const Dg13 dg13 = SampleDg13();
  auto mrz = ParseMrz(kTd1[0] + kTd1[1] + kTd1[2]);
  ASSERT_TRUE(mrz.has_value());
  const ChipIdentity id = MergeIdentity(&dg13, &*mrz);
  EXPECT_EQ(id.full_name, "NGUYỄN VĂN MẪU");
  EXPECT_EQ(id.date_of_birth, "1995-03-14");
  EXPECT_EQ(id.gender, "M");
  EXPECT_EQ(id.father_name, "NGUYỄN VĂN THỬ");
  EXPECT_EQ(id.mrz_lines.size(), 3u);
  const auto json = ToJson(id);
  EXPECT_EQ(json["id_number"], "001095012345");
  EXPECT_EQ(json["other_fields"]["17"][0], "future field");

  const ChipIdentity from_mrz = MergeIdentity(nullptr, &*mrz);
  EXPECT_EQ(from_mrz.full_name, "ERIKSSON ANNA MARIA");
  EXPECT_EQ(from_mrz.date_of_birth, "1974-08-12");
  EXPECT_EQ(from_mrz.gender, "F");
}

TEST(Identity, OldIdInField16AndIdFromMrzOptionalData_AreFound) {
  Dg13 dg13;
  dg13.fields = {Field(2, {"TÊN THỬ"}), Field(15, {"a1b2c3d4e5f60718"}), Field(16, {"123456789"})};
  std::string line1 = "IDVNM0950123455001095012345<<";
  line1.push_back('7');
  std::string line2 = "9503146M3503144VNM<<<<<<<<<<<";
  const std::string composite = line1.substr(5, 25) + line2.substr(0, 7) + line2.substr(8, 7) +
                                line2.substr(18, 11);
  line2.push_back(MrzCheckDigitChar(composite));
  auto mrz = ParseMrz(line1 + line2 + "NGUYEN<<VAN<MAU<<<<<<<<<<<<<<<");
  ASSERT_TRUE(mrz.has_value()) << mrz.error().ToLogString();
  const ChipIdentity id = MergeIdentity(&dg13, &*mrz);
  EXPECT_EQ(id.old_id_number, "123456789");
  EXPECT_EQ(id.id_number, "001095012345");
  EXPECT_EQ(id.full_name, "TÊN THỬ");
}

TEST(Identity, MrzDates_PickCentury) {
  EXPECT_EQ(MrzBirthDateToIso("950314", 2026), "1995-03-14");
  EXPECT_EQ(MrzBirthDateToIso("050314", 2026), "2005-03-14");
  EXPECT_EQ(MrzExpiryDateToIso("350314", 2026), "2035-03-14");
  EXPECT_EQ(MrzExpiryDateToIso("990101", 2026), "1999-01-01");
}

}  // namespace
}  // namespace kiosk::emrtd
