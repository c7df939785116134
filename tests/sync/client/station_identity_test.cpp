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

TEST(StationIdentityTest, Init_Twice_RefusedUnlessReplace) {
  kiosk::testing::TempDir data;
  ASSERT_TRUE(InitStation(data.path(), "ST-1"));
  auto again = InitStation(data.path(), "ST-1");
  ASSERT_FALSE(again);
  EXPECT_EQ(again.error().code(), ErrorCode::kAlreadyExists);
  EXPECT_TRUE(InitStation(data.path(), "ST-1", true));
  EXPECT_FALSE(InitStation(data.path(), "bad/id", true));
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
