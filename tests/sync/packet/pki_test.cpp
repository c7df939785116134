#include "sync/server/pki.h"

#include <gtest/gtest.h>
#include <openssl/x509v3.h>
#include <sys/stat.h>

#include "tests/support/temp_dir.h"

namespace kiosk::sync::pki {
namespace {

mode_t Mode(const std::filesystem::path& file) {
  struct stat st {};
  ::stat(file.c_str(), &st);
  return st.st_mode & 0777;
}

TEST(PkiTest, InitPki_CreatesCaAndServerWithPrivateKeys0600) {
  kiosk::testing::TempDir dir;
  ASSERT_TRUE(InitPki(dir.path()));
  EXPECT_EQ(Mode(dir / "ca.key"), 0600u);
  EXPECT_EQ(Mode(dir / "server.key"), 0600u);
  EXPECT_EQ(Mode(dir / "ca.pem"), 0644u);
  auto server = LoadCredentials(dir / "server.pem", dir / "server.key");
  ASSERT_TRUE(server);
  auto again = InitPki(dir.path());
  ASSERT_FALSE(again);
  EXPECT_EQ(again.error().code(), ErrorCode::kAlreadyExists);
}

TEST(PkiTest, IssueStationCertificate_FromCsr_ChainsToCaWithStationId) {
  kiosk::testing::TempDir dir;
  ASSERT_TRUE(InitPki(dir.path()));
  auto key = GenerateEcKey();
  ASSERT_TRUE(key);
  auto csr = CreateCsrPem(key->get(), "ST-DN-0042");
  ASSERT_TRUE(csr);
  auto pem = IssueStationCertificate(dir.path(), *csr);
  ASSERT_TRUE(pem) << pem.error().ToLogString();
  auto cert = ParseCertificatePem(*pem);
  ASSERT_TRUE(cert);
  EXPECT_EQ(CommonName(cert->get()), "ST-DN-0042");
  EXPECT_TRUE(KeyMatchesCertificate(cert->get(), key->get()));

  auto store = LoadTrustStore(dir / "ca.pem");
  ASSERT_TRUE(store);
  X509_STORE_CTX* ctx = X509_STORE_CTX_new();
  X509_STORE_CTX_init(ctx, store->get(), cert->get(), nullptr);
  X509_STORE_CTX_set_purpose(ctx, X509_PURPOSE_SSL_CLIENT);
  EXPECT_EQ(X509_verify_cert(ctx), 1);
  X509_STORE_CTX_free(ctx);
}

TEST(PkiTest, IssueStationCertificate_BadCsr_Refused) {
  kiosk::testing::TempDir dir;
  ASSERT_TRUE(InitPki(dir.path()));
  EXPECT_FALSE(IssueStationCertificate(dir.path(), "not a csr"));
  auto key = GenerateEcKey();
  auto csr = CreateCsrPem(key->get(), "../evil");
  ASSERT_TRUE(csr);
  EXPECT_FALSE(IssueStationCertificate(dir.path(), *csr));
}

}  // namespace
}  // namespace kiosk::sync::pki
