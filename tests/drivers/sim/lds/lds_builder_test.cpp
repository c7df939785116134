#include "drivers/sim/lds/lds_builder.h"

#include <gtest/gtest.h>

#include "kiosk/emrtd/lds/dg1.h"
#include "kiosk/emrtd/lds/dg13.h"
#include "kiosk/emrtd/lds/dg14.h"
#include "kiosk/emrtd/lds/dg15.h"
#include "kiosk/emrtd/lds/dg2.h"
#include "kiosk/emrtd/lds/dg2_image.h"
#include "kiosk/emrtd/lds/ef_com.h"
#include "kiosk/emrtd/lds/identity.h"
#include "kiosk/emrtd/lds/lds_files.h"
#include "kiosk/emrtd/lds/passive_auth.h"
#include "tests/support/temp_dir.h"

namespace kiosk::sim {
namespace {

using namespace kiosk::emrtd;

const TestPki& Pki() {
  static const TestPki pki = std::move(GenerateTestPki().value());
  return pki;
}

TrustStore TrustFor(const TestPki& pki) {
  TrustStore trust;
  trust.Add(X509Ptr(X509_dup(pki.csca_cert.get())));
  return trust;
}

std::map<int, Bytes> DataGroups(const BuiltLds& lds) {
  std::map<int, Bytes> groups;
  for (const auto& [fid, file] : lds.files) {
    if (auto dg = DataGroupFromFid(fid)) groups[*dg] = file;
  }
  return groups;
}

TEST(CccdMrz, DefaultCitizen_HasValidTd1) {
  const auto lines = BuildCccdMrz(DefaultCitizen());
  ASSERT_EQ(lines.size(), 3u);
  EXPECT_EQ(lines[0], "IDVNM0950123455001095012345<<<");
  auto mrz = ParseMrz(lines[0] + "\n" + lines[1] + "\n" + lines[2]);
  ASSERT_TRUE(mrz.has_value()) << mrz.error().ToLogString();
  EXPECT_EQ(mrz->document_number, "095012345");
  EXPECT_EQ(mrz->optional_data1, "001095012345");
  EXPECT_EQ(mrz->date_of_birth, "950314");
  EXPECT_EQ(mrz->date_of_expiry, "350314");
  EXPECT_EQ(mrz->primary_identifier, "NGUYEN");
  EXPECT_EQ(mrz->secondary_identifier, "VAN MAU");
}

TEST(LdsBuilder, RoundTrip_ParsesAndPassesPassiveAuth) {
  LdsBuildOptions options;
  options.aa_key_type = PkiKeyType::kEcdsaP256;
  auto lds = BuildLds(DefaultCitizen(), Pki(), options);
  ASSERT_TRUE(lds.has_value()) << lds.error().ToLogString();

  EXPECT_EQ(lds->access.can, "012345");
  EXPECT_EQ(lds->access.mrz_key.ToString(), "095012345:950314:350314");

  auto com = ParseEfCom(lds->files.at(kFidCom));
  ASSERT_TRUE(com.has_value());
  EXPECT_EQ(com->data_groups, (std::vector<int>{1, 2, 3, 13, 14, 15}));

  auto mrz = ParseDg1(lds->files.at(DataGroupFid(1)));
  ASSERT_TRUE(mrz.has_value());
  auto dg13 = ParseDg13(lds->files.at(DataGroupFid(13)));
  ASSERT_TRUE(dg13.has_value());
  const ChipIdentity id = MergeIdentity(&*dg13, &*mrz);
  EXPECT_EQ(id.id_number, "001095012345");
  EXPECT_EQ(id.full_name, "NGUYỄN VĂN MẪU");
  EXPECT_EQ(id.date_of_birth, "1995-03-14");
  EXPECT_EQ(id.expiry_date, "2035-03-14");
  EXPECT_EQ(id.mother_name, "TRẦN THỊ MẪU");
  EXPECT_TRUE(id.spouse_name.empty());

  const Bytes& dg2_file = lds->files.at(DataGroupFid(2));
  EXPECT_GT(dg2_file.size(), 10'000u);
  EXPECT_LT(dg2_file.size(), 30'000u);
  auto dg2 = ParseDg2(dg2_file);
  ASSERT_TRUE(dg2.has_value());
  auto face = DecodeFaceImage(dg2->faces[0]);
  ASSERT_TRUE(face.has_value());
  EXPECT_EQ(face->cols, dg2->faces[0].width);

  auto dg14 = ParseDg14(lds->files.at(DataGroupFid(14)));
  ASSERT_TRUE(dg14.has_value());
  EXPECT_TRUE(dg14->active_auth_signature_algorithm.has_value());
  EXPECT_TRUE(ParseDg15(lds->files.at(DataGroupFid(15))).has_value());

  const auto report = VerifyPassive(lds->files.at(kFidSod), DataGroups(*lds), TrustFor(Pki()));
  EXPECT_EQ(report.overall, CheckStatus::kValid) << report.detail;
  EXPECT_EQ(report.hash_algorithm, "SHA256");
  EXPECT_EQ(report.data_groups.size(), 5u);
  EXPECT_EQ(report.reason_key, kPaGenuine);
}

TEST(LdsBuilder, Jpeg2000Face_RoundTrips) {
  LdsBuildOptions options;
  options.aa_key_type = PkiKeyType::kEcdsaP256;
  options.face_format = FaceImageFormat::kJpeg2000;
  auto lds = BuildLds(DefaultCitizen(), Pki(), options);
  ASSERT_TRUE(lds.has_value()) << lds.error().ToLogString();
  auto dg2 = ParseDg2(lds->files.at(DataGroupFid(2)));
  ASSERT_TRUE(dg2.has_value());
  EXPECT_EQ(dg2->faces[0].format, FaceImageFormat::kJpeg2000);
  EXPECT_TRUE(DecodeFaceImage(dg2->faces[0]).has_value());
}

TEST(LdsBuilder, SpouseAndNoExpiry_AreEncoded) {
  Citizen citizen = DefaultCitizen();
  citizen.spouse = "LÊ THỊ VÍ DỤ";
  citizen.expiry_date.clear();
  LdsBuildOptions options;
  options.aa_key_type = PkiKeyType::kEcdsaP256;
  auto lds = BuildLds(citizen, Pki(), options);
  ASSERT_TRUE(lds.has_value()) << lds.error().ToLogString();
  auto dg13 = ParseDg13(lds->files.at(DataGroupFid(13)));
  ASSERT_TRUE(dg13.has_value());
  const ChipIdentity id = MergeIdentity(&*dg13, nullptr);
  EXPECT_EQ(id.spouse_name, "LÊ THỊ VÍ DỤ");
  EXPECT_EQ(id.expiry_text, "Không thời hạn");
  EXPECT_TRUE(id.expiry_date.empty());
}

TEST(LdsBuilder, RsaActiveAuthKey_IsDefault) {
  auto lds = BuildLds(DefaultCitizen(), Pki());
  ASSERT_TRUE(lds.has_value()) << lds.error().ToLogString();
  ASSERT_TRUE(lds->aa_private_key);
  EXPECT_EQ(EVP_PKEY_get_base_id(lds->aa_private_key.get()), EVP_PKEY_RSA);
}

TEST(TestPki, WriteLoad_RoundTripsAndServesAsTrustFolder) {
  testing::TempDir dir;
  ASSERT_TRUE(WriteTestPki(Pki(), dir.path()).has_value());
  auto loaded = LoadTestPki(dir.path());
  ASSERT_TRUE(loaded.has_value()) << loaded.error().ToLogString();
  EXPECT_EQ(X509_cmp(loaded->ds_cert.get(), Pki().ds_cert.get()), 0);
  TrustStore trust;
  auto count = trust.LoadDirectory(dir.path() / "csca");
  ASSERT_TRUE(count.has_value()) << count.error().ToLogString();
  EXPECT_EQ(*count, 1u);

  LdsBuildOptions options;
  options.aa_key_type = PkiKeyType::kEcdsaP256;
  auto lds = BuildLds(DefaultCitizen(), *loaded, options);
  ASSERT_TRUE(lds.has_value());
  EXPECT_EQ(VerifyPassive(lds->files.at(kFidSod), DataGroups(*lds), trust).overall,
            CheckStatus::kValid);
}

}  // namespace
}  // namespace kiosk::sim
