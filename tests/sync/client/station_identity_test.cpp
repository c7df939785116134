#include "sync/client/station_identity.h"

#include <gtest/gtest.h>
#include <sys/stat.h>

#include "sync/packet/openssl_util.h"
#include "sync/server/pki.h"
#include "tests/support/temp_dir.h"

namespace kiosk::sync {
namespace {

TEST(StationIdentityTest, InitThenImport_KeyPrivateCertificateInstalled) {
  kiosk::testing::TempDir data;
  kiosk::testing::TempDir ca_dir;
  ASSERT_TRUE(pki::InitPki(ca_dir.path()));
  auto init = InitStation(data.path(), "ST-HCM-0003");
  ASSERT_TRUE(init) << init.error().ToLogString();
  StationFiles files = StationFilesIn(data.path());
  struct stat st {};
  ASSERT_EQ(::stat(files.key.c_str(), &st), 0);
  EXPECT_EQ(st.st_mode & 0777, 0600u);

  auto pem = pki::IssueStationCertificate(ca_dir.path(), init->csr_pem);
  ASSERT_TRUE(pem);
  auto cert_file = ca_dir.WriteFile("issued.pem", *pem);
  auto info = ImportStationCertificate(data.path(), cert_file, ca_dir / "ca.pem");
  ASSERT_TRUE(info) << info.error().ToLogString();
  EXPECT_EQ(info->station_id, "ST-HCM-0003");
  EXPECT_TRUE(std::filesystem::exists(files.certificate));
  EXPECT_TRUE(LoadCredentials(files.certificate, files.key));
}

TEST(StationIdentityTest, Init_Twice_SameKeyNewCsr_ReplaceRefusedOnceStoreExists) {
  kiosk::testing::TempDir data;
  ASSERT_TRUE(InitStation(data.path(), "ST-1"));
  auto first_key = LoadPrivateKey(StationFilesIn(data.path()).key);
  auto again = InitStation(data.path(), "ST-1");
  ASSERT_TRUE(again) << again.error().ToLogString();
  auto second_key = LoadPrivateKey(StationFilesIn(data.path()).key);
  EXPECT_EQ(EVP_PKEY_eq(first_key->get(), second_key->get()), 1);  // one key, certified again
  EXPECT_TRUE(InitStation(data.path(), "ST-1", true));  // no store yet: a new key is fine
  data.WriteFile("station.db", "");                      // the store now signs with the key
  auto replaced = InitStation(data.path(), "ST-1", true);
  ASSERT_FALSE(replaced);
  EXPECT_EQ(replaced.error().code(), ErrorCode::kPolicyViolation);
  EXPECT_FALSE(InitStation(data.path(), "bad/id"));
}

TEST(StationIdentityTest, Init_UsesStoreKeyPath) {
  kiosk::testing::TempDir data;
  ASSERT_TRUE(InitStation(data.path(), "ST-1"));
  EXPECT_TRUE(std::filesystem::exists(data / "keys" / "station-key.pem"));
  EXPECT_FALSE(std::filesystem::exists(data / "station" / "station.key"));
}

TEST(StationIdentityTest, LegacySyncKey_BecomesStationKeyWithItsCertificate) {
  kiosk::testing::TempDir data;
  kiosk::testing::TempDir ca_dir;
  ASSERT_TRUE(pki::InitPki(ca_dir.path()));
  // An earlier build: the sync key in station/station.key, its certificate in station/station.pem.
  auto legacy = GenerateEcKey();
  std::filesystem::create_directories(data / "station");
  ASSERT_TRUE(WriteFileAtomic(data / "station" / "station.key", PrivateKeyToPem(legacy->get()).view(), true));
  auto pem = pki::IssueStationCertificate(ca_dir.path(), *pki::CreateCsrPem(legacy->get(), "ST-OLD"));
  ASSERT_TRUE(WriteFileAtomic(data / "station" / "station.pem", *pem));
  auto migrated = MigrateLegacyKey(data.path());
  ASSERT_TRUE(migrated);
  EXPECT_FALSE(migrated->empty());
  EXPECT_FALSE(std::filesystem::exists(data / "station" / "station.key"));
  EXPECT_TRUE(CertificateMatchesStationKey(data.path()));
}

TEST(StationIdentityTest, LegacySyncKey_OtherThanStoreKey_RetiredWithItsCertificate) {
  kiosk::testing::TempDir data;
  kiosk::testing::TempDir ca_dir;
  ASSERT_TRUE(pki::InitPki(ca_dir.path()));
  ASSERT_TRUE(InitStation(data.path(), "ST-1"));  // the store's key exists
  auto legacy = GenerateEcKey();
  ASSERT_TRUE(WriteFileAtomic(data / "station" / "station.key", PrivateKeyToPem(legacy->get()).view(), true));
  auto pem = pki::IssueStationCertificate(ca_dir.path(), *pki::CreateCsrPem(legacy->get(), "ST-1"));
  ASSERT_TRUE(WriteFileAtomic(data / "station" / "station.pem", *pem));
  ASSERT_TRUE(MigrateLegacyKey(data.path()));
  EXPECT_TRUE(std::filesystem::exists(data / "station" / "station.key.retired"));
  EXPECT_TRUE(std::filesystem::exists(data / "station" / "station.pem.retired"));
  EXPECT_FALSE(std::filesystem::exists(data / "station" / "station.pem"));
}

TEST(StationIdentityTest, Import_CertificateOfAnotherKey_Refused) {
  kiosk::testing::TempDir data;
  kiosk::testing::TempDir ca_dir;
  ASSERT_TRUE(pki::InitPki(ca_dir.path()));
  ASSERT_TRUE(InitStation(data.path(), "ST-1"));
  auto other_key = GenerateEcKey();
  auto csr = pki::CreateCsrPem(other_key->get(), "ST-1");
  auto pem = pki::IssueStationCertificate(ca_dir.path(), *csr);
  ASSERT_TRUE(pem);
  auto info = ImportStationCertificate(data.path(), ca_dir.WriteFile("other.pem", *pem), {});
  ASSERT_FALSE(info);
  EXPECT_EQ(info.error().message_key(), "The certificate does not belong to this station's key.");
}

}  // namespace
}  // namespace kiosk::sync
