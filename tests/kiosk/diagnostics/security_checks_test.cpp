#include "kiosk/diagnostics/security_checks.h"

#include <gtest/gtest.h>

#include <openssl/ec.h>
#include <openssl/evp.h>
#include <openssl/pem.h>
#include <openssl/x509.h>
#include <openssl/x509v3.h>

#include <fstream>

#include "kiosk/emrtd/lds/trust_store.h"
#include "tests/support/temp_dir.h"

namespace kiosk::diag {
namespace {

namespace fs = std::filesystem;
using Clock = std::chrono::system_clock;
using std::chrono::days;

// 2026-11-29 00:00 UTC: the "today" of these tests.
const Clock::time_point kNow = std::chrono::sys_days(std::chrono::year(2026) / 11 / 29);

// A self-signed synthetic CA certificate valid from now+from to now+to (days).
std::string CertificatePem(const std::string& cn, int from, int to) {
  EVP_PKEY* key = EVP_EC_gen("P-256");
  X509* cert = X509_new();
  X509_set_version(cert, 2);
  ASN1_INTEGER_set(X509_get_serialNumber(cert), 1);
  const auto seconds = [](Clock::time_point t) { return Clock::to_time_t(t); };
  ASN1_TIME_set(X509_getm_notBefore(cert), seconds(kNow + days(from)));
  ASN1_TIME_set(X509_getm_notAfter(cert), seconds(kNow + days(to)));
  X509_NAME* name = X509_get_subject_name(cert);
  X509_NAME_add_entry_by_txt(name, "CN", MBSTRING_ASC,
                             reinterpret_cast<const unsigned char*>(cn.c_str()), -1, -1, 0);
  X509_set_issuer_name(cert, name);
  X509_set_pubkey(cert, key);
  // What a CSCA (and any CA) carries; the trust store refuses certificates without it.
  X509V3_CTX ctx;
  X509V3_set_ctx_nodb(&ctx);
  X509V3_set_ctx(&ctx, cert, cert, nullptr, nullptr, 0);
  for (auto [nid, value] : {std::pair{NID_basic_constraints, "critical,CA:TRUE"},
                            std::pair{NID_key_usage, "critical,keyCertSign,cRLSign"}}) {
    X509_EXTENSION* ext = X509V3_EXT_conf_nid(nullptr, &ctx, nid, value);
    X509_add_ext(cert, ext, -1);
    X509_EXTENSION_free(ext);
  }
  X509_sign(cert, key, EVP_sha256());
  BIO* bio = BIO_new(BIO_s_mem());
  PEM_write_bio_X509(bio, cert);
  char* data = nullptr;
  const long size = BIO_get_mem_data(bio, &data);
  std::string pem(data, static_cast<size_t>(size));
  BIO_free(bio);
  X509_free(cert);
  EVP_PKEY_free(key);
  return pem;
}

void Write(const fs::path& file, const std::string& text, fs::perms mode = fs::perms::owner_read |
                                                                         fs::perms::owner_write) {
  fs::create_directories(file.parent_path());
  std::ofstream(file, std::ios::binary) << text;
  fs::permissions(file, mode, fs::perm_options::replace);
}

// --- key files ---

TEST(KeyFiles, OwnerOnly_IsOk) {
  kiosk::testing::TempDir dir;
  Write(dir.path() / "store.key", "k");
  auto checks = CheckKeyFiles({{"store-key", dir.path() / "store.key", true}});
  ASSERT_EQ(checks.size(), 1u);
  EXPECT_EQ(checks[0].status, Status::kOk);
  EXPECT_EQ(checks[0].area, "store-key");
}

#ifndef _WIN32
TEST(KeyFiles, ReadableByOthers_IsAnError) {
  kiosk::testing::TempDir dir;
  Write(dir.path() / "a.key", "k", fs::perms::owner_read | fs::perms::owner_write |
                                       fs::perms::group_read);
  Write(dir.path() / "b.key", "k", fs::perms::owner_read | fs::perms::others_read);
  auto checks = CheckKeyFiles({{"store-key", dir.path() / "a.key", true},
                               {"station-key", dir.path() / "b.key", true}});
  ASSERT_EQ(checks.size(), 2u);
  for (const auto& check : checks) {
    EXPECT_EQ(check.status, Status::kError);
    EXPECT_NE(check.message.find("0600"), std::string::npos);
  }
  EXPECT_FALSE(AllOk(checks));
}
#endif

TEST(KeyFiles, Missing_IsAnErrorOnlyOnceTheDatabaseExists) {
  kiosk::testing::TempDir dir;
  auto before_first_run = CheckKeyFiles({{"store-key", dir.path() / "none.key", false}});
  EXPECT_EQ(before_first_run[0].status, Status::kMissing);
  auto with_database = CheckKeyFiles({{"store-key", dir.path() / "none.key", true}});
  EXPECT_EQ(with_database[0].status, Status::kError);
  fs::create_directories(dir.path() / "dir.key");
  EXPECT_EQ(CheckKeyFiles({{"store-key", dir.path() / "dir.key", true}})[0].status,
            Status::kError);
}

TEST(KeyFiles, StationKeyFiles_AreRequiredWhenTheDatabaseExists) {
  kiosk::testing::TempDir dir;
  Config config;
  config.data_dir = dir.path();
  auto keys = StationKeyFiles(config);
  ASSERT_EQ(keys.size(), 2u);
  EXPECT_FALSE(keys[0].required);
  Write(dir.path() / "station.db", "x");
  keys = StationKeyFiles(config);
  EXPECT_TRUE(keys[0].required);
  EXPECT_TRUE(keys[1].required);
  EXPECT_EQ(keys[1].area, "station-key");
}

// --- certificates ---

TEST(Certificates, ValidForLong_IsOkWithItsEndDate) {
  kiosk::testing::TempDir dir;
  Write(dir.path() / "c.pem", CertificatePem("ST-TEST-01", -10, 365));
  auto checks = CheckCertificateFile("station-cert", dir.path() / "c.pem", kNow);
  ASSERT_EQ(checks.size(), 1u);
  EXPECT_EQ(checks[0].status, Status::kOk);
  EXPECT_EQ(checks[0].args, std::vector<std::string>{"2027-11-29"});
}

TEST(Certificates, ExpiringWithin30Days_IsAWarning) {
  kiosk::testing::TempDir dir;
  Write(dir.path() / "c.pem", CertificatePem("ST-TEST-01", -300, 12));
  auto checks = CheckCertificateFile("station-cert", dir.path() / "c.pem", kNow);
  EXPECT_EQ(checks[0].status, Status::kWarning);
  EXPECT_EQ(checks[0].args, (std::vector<std::string>{"2026-12-11", "12"}));
  EXPECT_TRUE(AllOk(checks));  // still works today
}

TEST(Certificates, Expired_IsAnError) {
  kiosk::testing::TempDir dir;
  Write(dir.path() / "c.pem", CertificatePem("ST-TEST-01", -400, -1));
  auto checks = CheckCertificateFile("station-cert", dir.path() / "c.pem", kNow);
  EXPECT_EQ(checks[0].status, Status::kError);
  EXPECT_EQ(checks[0].args, std::vector<std::string>{"2026-11-28"});
}

TEST(Certificates, NotYetValid_PointsAtTheClock) {
  kiosk::testing::TempDir dir;
  Write(dir.path() / "c.pem", CertificatePem("ST-TEST-01", 3, 400));
  auto checks = CheckCertificateFile("central-ca", dir.path() / "c.pem", kNow);
  EXPECT_EQ(checks[0].status, Status::kError);
  EXPECT_NE(checks[0].message.find("date and time"), std::string::npos);
}

TEST(Certificates, BundleWithOneExpired_IsAnError) {
  kiosk::testing::TempDir dir;
  Write(dir.path() / "ca.pem",
        CertificatePem("Root A", -10, 3000) + CertificatePem("Root B", -3000, -5));
  EXPECT_EQ(CheckCertificateFile("central-ca", dir.path() / "ca.pem", kNow)[0].status,
            Status::kError);
}

TEST(Certificates, GarbageOrUnreadable_IsAnError) {
  kiosk::testing::TempDir dir;
  Write(dir.path() / "junk.pem", "-----BEGIN CERTIFICATE-----\nnot base64\n");
  EXPECT_EQ(CheckCertificateFile("central-ca", dir.path() / "junk.pem", kNow)[0].status,
            Status::kError);
  EXPECT_EQ(CheckCertificateFile("central-ca", dir.path() / "absent.pem", kNow)[0].status,
            Status::kError);
}

TEST(Certificates, StationNotProvisioned_IsMissingNotAnError) {
  kiosk::testing::TempDir dir;
  Config config;
  config.data_dir = dir.path();
  auto checks = CheckCertificates(config, kNow);
  ASSERT_EQ(checks.size(), 2u);
  EXPECT_EQ(checks[0].area, "station-cert");
  EXPECT_EQ(checks[0].status, Status::kMissing);
  EXPECT_EQ(checks[1].area, "central-ca");
  EXPECT_EQ(checks[1].status, Status::kMissing);
  EXPECT_TRUE(AllOk(checks));
}

TEST(Certificates, ProvisionedStation_ChecksBothFiles) {
  kiosk::testing::TempDir dir;
  Config config;
  config.data_dir = dir.path();
  Write(dir.path() / "station" / "station.pem", CertificatePem("ST-TEST-01", -1, 20));
  Write(dir.path() / "ca.pem", CertificatePem("Central CA", -100, 3000));
  config.server.ca_file = dir.path() / "ca.pem";
  auto checks = CheckCertificates(config, kNow);
  ASSERT_EQ(checks.size(), 2u);
  EXPECT_EQ(checks[0].status, Status::kWarning);
  EXPECT_EQ(checks[1].status, Status::kOk);
  config.server.ca_file = dir.path() / "moved.pem";
  EXPECT_EQ(CheckCertificates(config, kNow)[1].status, Status::kError);
}

TEST(Certificates, CentralCaImportedOnTheTechnicianScreen_IsCheckedWithoutConfig) {
  kiosk::testing::TempDir dir;
  Config config;
  config.data_dir = dir.path();
  Write(dir.path() / "station" / "central-ca.pem", CertificatePem("Central CA", -100, 10));
  auto checks = CheckCertificates(config, kNow);
  ASSERT_EQ(checks.size(), 2u);
  EXPECT_EQ(checks[1].area, "central-ca");
  EXPECT_EQ(checks[1].subject, (dir.path() / "station" / "central-ca.pem").string());
  EXPECT_EQ(checks[1].status, Status::kWarning);  // expires within 30 days
}

// --- trust store ---

TEST(TrustStore, CurrentCscas_AreCounted) {
  kiosk::testing::TempDir dir;
  Write(dir.path() / "trust" / "csca1.pem", CertificatePem("CSCA VN 1", -100, 3000));
  Write(dir.path() / "trust" / "csca2.pem", CertificatePem("CSCA VN 2", -10, 4000));
  auto checks = CheckTrustStore(dir.path() / "trust", kNow);
  ASSERT_EQ(checks.size(), 1u);
  EXPECT_EQ(checks[0].status, Status::kOk);
  EXPECT_EQ(checks[0].args, std::vector<std::string>{"2"});
}

TEST(TrustStore, SomeExpired_IsAWarningWithTheCount) {
  kiosk::testing::TempDir dir;
  Write(dir.path() / "trust" / "a.pem", CertificatePem("CSCA VN 1", -4000, -30));
  Write(dir.path() / "trust" / "b.pem", CertificatePem("CSCA VN 2", -10, 4000));
  Write(dir.path() / "trust" / "c.pem", CertificatePem("CSCA VN 3", -10, 4000));
  auto checks = CheckTrustStore(dir.path() / "trust", kNow);
  EXPECT_EQ(checks[0].status, Status::kWarning);
  EXPECT_EQ(checks[0].args, (std::vector<std::string>{"3", "1"}));
}

TEST(TrustStore, AllExpired_IsAnError) {
  kiosk::testing::TempDir dir;
  Write(dir.path() / "trust" / "a.pem", CertificatePem("CSCA VN 1", -4000, -30));
  EXPECT_EQ(CheckTrustStore(dir.path() / "trust", kNow)[0].status, Status::kError);
}

TEST(TrustStore, EmptyOrMissing_IsAWarningAboutNotVerifiableChips) {
  kiosk::testing::TempDir dir;
  EXPECT_EQ(CheckTrustStore(dir.path() / "trust", kNow)[0].status, Status::kWarning);
  fs::create_directories(dir.path() / "trust");
  auto checks = CheckTrustStore(dir.path() / "trust", kNow);
  EXPECT_EQ(checks[0].status, Status::kWarning);
  EXPECT_NE(checks[0].message.find("not verifiable"), std::string::npos);
}

TEST(TrustStore, MasterListNobodyVouchesFor_IsAWarningNamingIt) {
  kiosk::testing::TempDir dir;
  Write(dir.path() / "trust" / "csca.pem", CertificatePem("CSCA VN 1", -10, 4000));
  // A list signed by a signer no CSCA of the folder issued (self-signed, not configured).
  EVP_PKEY* key = EVP_EC_gen("P-256");
  X509* signer = X509_new();
  X509_set_version(signer, 2);
  ASN1_INTEGER_set(X509_get_serialNumber(signer), 9);
  X509_gmtime_adj(X509_getm_notBefore(signer), -86400);
  X509_gmtime_adj(X509_getm_notAfter(signer), 86400);
  X509_NAME_add_entry_by_txt(X509_get_subject_name(signer), "CN", MBSTRING_ASC,
                             reinterpret_cast<const unsigned char*>("Someone's list signer"), -1, -1, 0);
  X509_set_issuer_name(signer, X509_get_subject_name(signer));
  X509_set_pubkey(signer, key);
  X509_sign(signer, key, EVP_sha256());
  auto list = kiosk::emrtd::BuildMasterList({signer}, signer, key);
  X509_free(signer);
  EVP_PKEY_free(key);
  ASSERT_TRUE(list.has_value());
  Write(dir.path() / "trust" / "foreign.ml", std::string(list->begin(), list->end()));
  auto checks = CheckTrustStore(dir.path() / "trust", kNow);
  ASSERT_EQ(checks.size(), 2u);
  EXPECT_EQ(checks[0].status, Status::kOk);
  EXPECT_EQ(checks[0].args, std::vector<std::string>{"1"}) << "the list added nothing";
  EXPECT_EQ(checks[1].status, Status::kWarning);
  EXPECT_EQ(checks[1].args, std::vector<std::string>{"foreign.ml"});
}

TEST(TrustStore, BrokenFile_IsAnError) {
  kiosk::testing::TempDir dir;
  Write(dir.path() / "trust" / "good.pem", CertificatePem("CSCA VN 1", -10, 4000));
  Write(dir.path() / "trust" / "broken.der", "not a certificate");
  EXPECT_EQ(CheckTrustStore(dir.path() / "trust", kNow)[0].status, Status::kError);
}

TEST(Status, WarningIsReportedButNotAFailure) {
  EXPECT_EQ(ToString(Status::kWarning), "warning");
  EXPECT_TRUE(AllOk({{"trust", "", Status::kWarning, "x", {}}}));
  EXPECT_NE(ToJson({{"trust", "", Status::kWarning, "x", {}}}).find("\"warning\""),
            std::string::npos);
}

}  // namespace
}  // namespace kiosk::diag
