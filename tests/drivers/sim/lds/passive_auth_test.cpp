#include "kiosk/emrtd/lds/passive_auth.h"

#include <gtest/gtest.h>

#include <fstream>

#include <openssl/bio.h>
#include <openssl/pem.h>
#include <openssl/x509.h>

#include "drivers/sim/lds/lds_builder.h"
#include "kiosk/core/i18n.h"
#include "kiosk/emrtd/lds/lds_files.h"
#include "tests/support/temp_dir.h"

namespace kiosk::sim {
namespace {

using namespace kiosk::emrtd;
using std::chrono::hours;
using std::chrono::system_clock;

const TestPki& Pki() {
  static const TestPki pki = std::move(GenerateTestPki().value());
  return pki;
}

TrustStore TrustFor(const TestPki& pki) {
  TrustStore trust;
  trust.Add(X509Ptr(X509_dup(pki.csca_cert.get())));
  return trust;
}

BuiltLds Build(LdsBuildOptions options = {}, const TestPki& pki = Pki()) {
  options.aa_key_type = PkiKeyType::kEcdsaP256;
  return std::move(BuildLds(DefaultCitizen(), pki, options).value());
}

std::map<int, Bytes> DataGroups(const BuiltLds& lds) {
  std::map<int, Bytes> groups;
  for (const auto& [fid, file] : lds.files) {
    if (auto dg = DataGroupFromFid(fid)) groups[*dg] = file;
  }
  return groups;
}

PassiveAuthReport Verify(const BuiltLds& lds, const TrustStore& trust,
                         PassiveAuthOptions options = {}) {
  return VerifyPassive(lds.files.at(kFidSod), DataGroups(lds), trust, options);
}

std::string Pem(X509* cert) {
  BIO* bio = BIO_new(BIO_s_mem());
  PEM_write_bio_X509(bio, cert);
  char* data = nullptr;
  const long size = BIO_get_mem_data(bio, &data);
  std::string pem(data, static_cast<size_t>(size));
  BIO_free(bio);
  return pem;
}

TEST(PassiveAuth, GenuineCard_IsValid) {
  const auto report = Verify(Build(), TrustFor(Pki()));
  EXPECT_EQ(report.overall, CheckStatus::kValid) << report.detail;
  EXPECT_EQ(report.signature, CheckStatus::kValid);
  EXPECT_EQ(report.chain, CheckStatus::kValid);
  EXPECT_NE(report.csca_subject.find("Test CSCA"), std::string::npos);
  EXPECT_EQ(report.Message(), FormatMessage(i18n::tr(kPaGenuine), {}));
}

TEST(PassiveAuth, TamperedDataGroup_IsInvalidNamingIt) {
  for (int dg : {1, 2, 13}) {
    LdsBuildOptions options;
    options.corrupt_data_group = dg;
    const auto report = Verify(Build(options), TrustFor(Pki()));
    EXPECT_EQ(report.overall, CheckStatus::kInvalid) << dg;
    EXPECT_EQ(report.data_groups.at(dg), CheckStatus::kInvalid);
    EXPECT_EQ(report.reason_key, kPaDataGroupAltered);
    EXPECT_EQ(report.reason_args, std::vector<std::string>{std::to_string(dg)});
    EXPECT_NE(report.Message().find(std::to_string(dg)), std::string::npos);
    EXPECT_EQ(report.signature, CheckStatus::kValid);
  }
}

TEST(PassiveAuth, TamperedSignature_IsInvalid) {
  LdsBuildOptions options;
  options.corrupt_sod_signature = true;
  const auto report = Verify(Build(options), TrustFor(Pki()));
  EXPECT_EQ(report.overall, CheckStatus::kInvalid);
  EXPECT_EQ(report.signature, CheckStatus::kInvalid);
  EXPECT_EQ(report.reason_key, kPaBadSignature);
}

TEST(PassiveAuth, UnknownCsca_IsNotVerifiableNeverValid) {
  auto unknown = GenerateUnknownPki();
  ASSERT_TRUE(unknown.has_value());
  const auto report = Verify(Build({}, *unknown), TrustFor(Pki()));
  EXPECT_EQ(report.overall, CheckStatus::kNotVerifiable) << report.detail;
  EXPECT_EQ(report.signature, CheckStatus::kValid);
  EXPECT_EQ(report.chain, CheckStatus::kNotVerifiable);
  EXPECT_EQ(report.reason_key, kPaNotVerifiable);
}

TEST(PassiveAuth, EmptyTrustStore_IsNotVerifiable) {
  const auto report = Verify(Build(), TrustStore{});
  EXPECT_EQ(report.overall, CheckStatus::kNotVerifiable);
}

TEST(PassiveAuth, ForgedDsWithSameNames_FailsChain) {
  // A forger copies the CSCA's name but signs with their own key: the chain must fail.
  TestPkiOptions forged_options;  // same names as the real test PKI
  auto forged = GenerateTestPki(forged_options);
  ASSERT_TRUE(forged.has_value());
  const auto report = Verify(Build({}, *forged), TrustFor(Pki()));
  EXPECT_NE(report.overall, CheckStatus::kValid);
  EXPECT_NE(report.chain, CheckStatus::kValid);
}

TEST(PassiveAuth, MissingSignerCertificate_IsNotVerifiable) {
  LdsBuildOptions options;
  options.embed_ds_certificate = false;
  const auto report = Verify(Build(options), TrustFor(Pki()));
  EXPECT_EQ(report.overall, CheckStatus::kNotVerifiable);
  EXPECT_EQ(report.reason_key, kPaNoSigner);
}

TEST(PassiveAuth, DataGroupNotInSod_IsInvalid) {
  BuiltLds lds = Build();
  auto groups = DataGroups(lds);
  groups[11] = Bytes{0x6B, 0x00};
  const auto report = VerifyPassive(lds.files.at(kFidSod), groups, TrustFor(Pki()));
  EXPECT_EQ(report.overall, CheckStatus::kInvalid);
  EXPECT_EQ(report.reason_key, kPaDataGroupUnsigned);
}

TEST(PassiveAuth, VerificationTimeAfterDsExpiry_FailsChain) {
  PassiveAuthOptions options;
  options.verification_time = system_clock::now() + hours(24 * 365 * 12);
  const auto report = Verify(Build(), TrustFor(Pki()), options);
  EXPECT_EQ(report.chain, CheckStatus::kInvalid) << report.detail;
  EXPECT_EQ(report.overall, CheckStatus::kInvalid);
  EXPECT_EQ(report.reason_key, kPaBadChain);
}

TEST(PassiveAuth, GarbageSod_IsInvalid) {
  const auto report = VerifyPassive(Bytes{0x77, 0x03, 0x30, 0x01, 0x00}, {}, TrustFor(Pki()));
  EXPECT_EQ(report.overall, CheckStatus::kInvalid);
  EXPECT_EQ(report.reason_key, kPaBadSod);
}

TEST(TrustStore, MasterList_AddsItsCscasWhenItsSignerChainsToATrustedCsca) {
  auto other = GenerateUnknownPki();
  ASSERT_TRUE(other.has_value());
  // The master list is signed by a master-list signer the "other" country's CSCA issued, and
  // lists both CSCAs; that CSCA is in the folder already (imported out of band).
  SignerOptions signer_options;
  signer_options.name = "Master List Signer (synthetic)";
  auto signer = IssueSigner(*other, signer_options);
  ASSERT_TRUE(signer.has_value()) << signer.error().ToLogString();
  auto list = BuildMasterList({Pki().csca_cert.get(), other->csca_cert.get()},
                              signer->cert.get(), signer->key.get());
  ASSERT_TRUE(list.has_value()) << list.error().ToLogString();

  testing::TempDir dir;
  {
    std::ofstream out(dir / "icao.ml", std::ios::binary);
    out.write(reinterpret_cast<const char*>(list->data()), static_cast<std::streamsize>(list->size()));
  }
  {
    TrustStore alone;
    auto count = alone.LoadDirectory(dir.path());
    ASSERT_TRUE(count.has_value()) << count.error().ToLogString();
    EXPECT_EQ(*count, 0u) << "a list nobody vouches for adds nothing";
    ASSERT_EQ(alone.rejected().size(), 1u);
    EXPECT_NE(alone.rejected()[0].find("icao.ml"), std::string::npos);
    EXPECT_EQ(Verify(Build(), alone).overall, CheckStatus::kNotVerifiable);
  }
  dir.WriteFile("other-csca.pem", Pem(other->csca_cert.get()));
  TrustStore trust;
  auto count = trust.LoadDirectory(dir.path());
  ASSERT_TRUE(count.has_value()) << count.error().ToLogString();
  EXPECT_EQ(*count, 3u);  // the other CSCA from its file, then both from the list
  EXPECT_EQ(Verify(Build(), trust).overall, CheckStatus::kValid);
}

TEST(TrustStore, DerCertificateFile_IsLoaded) {
  unsigned char* der = nullptr;
  const int size = i2d_X509(Pki().csca_cert.get(), &der);
  ASSERT_GT(size, 0);
  testing::TempDir dir;
  {
    std::ofstream out(dir / "csca.cer", std::ios::binary);
    out.write(reinterpret_cast<const char*>(der), size);
  }
  OPENSSL_free(der);
  dir.WriteFile("readme.txt", "not a certificate, ignored");
  TrustStore trust;
  auto count = trust.LoadDirectory(dir.path());
  ASSERT_TRUE(count.has_value()) << count.error().ToLogString();
  EXPECT_EQ(*count, 1u);
  EXPECT_EQ(Verify(Build(), trust).overall, CheckStatus::kValid);
}

TEST(TrustStore, TamperedMasterList_IsRejected) {
  auto list = BuildMasterList({Pki().csca_cert.get()}, Pki().ds_cert.get(), Pki().ds_key.get());
  ASSERT_TRUE(list.has_value());
  (*list)[list->size() / 2] ^= 0x01;
  TrustStore trust = TrustFor(Pki());
  EXPECT_FALSE(trust.AddMasterList(*list).has_value());
  EXPECT_EQ(trust.size(), 1u) << "only the CSCA it started with";
}

TEST(TrustStore, DocumentSignerDroppedInTheFolder_IsNoAnchorAndTheCardIsNotGenuine) {
  testing::TempDir dir;
  dir.WriteFile("ds.pem", Pem(Pki().ds_cert.get()));
  TrustStore trust;
  auto count = trust.LoadDirectory(dir.path());
  ASSERT_TRUE(count.has_value()) << count.error().ToLogString();
  EXPECT_EQ(*count, 0u);
  EXPECT_EQ(trust.size(), 0u);
  ASSERT_EQ(trust.rejected().size(), 1u);
  EXPECT_NE(trust.rejected()[0].find("not a CA"), std::string::npos) << trust.rejected()[0];
  const auto report = Verify(Build(), trust);
  EXPECT_NE(report.overall, CheckStatus::kValid) << report.detail;
  EXPECT_EQ(report.overall, CheckStatus::kNotVerifiable) << report.detail;
}

TEST(TrustStore, ForeignDocumentSignerNextToTheRealCsca_DoesNotMakeItsCardsGenuine) {
  auto unknown = GenerateUnknownPki();
  ASSERT_TRUE(unknown.has_value());
  testing::TempDir dir;
  dir.WriteFile("csca.pem", Pem(Pki().csca_cert.get()));
  dir.WriteFile("foreign-ds.pem", Pem(unknown->ds_cert.get()));
  TrustStore trust;
  auto count = trust.LoadDirectory(dir.path());
  ASSERT_TRUE(count.has_value()) << count.error().ToLogString();
  EXPECT_EQ(*count, 1u);
  EXPECT_EQ(trust.rejected().size(), 1u);
  EXPECT_EQ(Verify(Build({}, *unknown), trust).overall, CheckStatus::kNotVerifiable);
  EXPECT_EQ(Verify(Build(), trust).overall, CheckStatus::kValid);
}

TEST(TrustStore, AddingADocumentSignerDirectly_IsRefused) {
  TrustStore trust;
  EXPECT_FALSE(trust.Add(X509Ptr(X509_dup(Pki().ds_cert.get()))));
  EXPECT_TRUE(trust.Add(X509Ptr(X509_dup(Pki().csca_cert.get()))));
  EXPECT_EQ(trust.size(), 1u);
  EXPECT_TRUE(CscaAnchorProblem(Pki().csca_cert.get(), true).empty());
  EXPECT_FALSE(CscaAnchorProblem(Pki().ds_cert.get(), false).empty());
}

TEST(TrustStore, MasterListCarryingADocumentSigner_AddsOnlyTheCsca) {
  auto list = BuildMasterList({Pki().csca_cert.get(), Pki().ds_cert.get()}, Pki().ds_cert.get(),
                              Pki().ds_key.get());
  ASSERT_TRUE(list.has_value());
  TrustStore trust;
  trust.AddMasterListSigner(X509Ptr(X509_dup(Pki().ds_cert.get())));
  auto count = trust.AddMasterList(*list);
  ASSERT_TRUE(count.has_value()) << count.error().ToLogString();
  EXPECT_EQ(*count, 1u);
  EXPECT_EQ(trust.rejected().size(), 1u);
}

TEST(TrustStore, BrokenCertificateFile_IsAnError) {
  testing::TempDir dir;
  dir.WriteFile("broken.pem", "-----BEGIN CERTIFICATE-----\nAAAA\n-----END CERTIFICATE-----\n");
  TrustStore trust;
  EXPECT_FALSE(trust.LoadDirectory(dir.path()).has_value());
  EXPECT_FALSE(trust.LoadDirectory(dir / "missing").has_value());
}

}  // namespace
}  // namespace kiosk::sim
