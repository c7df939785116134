// Passive Authentication's rules for the document signer and the trust folder (issue 17):
// CRLs (PEM, DER, inside a master list) revoke a signer; the signer needs digitalSignature and
// must have been valid when it signed; a chain of one (the signer as its own anchor) is refused;
// master lists count only when a trusted CSCA or a configured master-list signer vouches for
// their signer.
#include <gtest/gtest.h>

#include <openssl/bio.h>
#include <openssl/cms.h>
#include <openssl/pem.h>
#include <openssl/x509.h>
#include <openssl/x509v3.h>

#include <fstream>

#include "drivers/sim/lds/lds_builder.h"
#include "kiosk/emrtd/lds/lds_files.h"
#include "kiosk/emrtd/lds/passive_auth.h"
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

// A PKI whose document signer is `signer` (issued by Pki()'s CSCA).
TestPki WithSigner(IssuedSigner signer) {
  TestPki pki;
  pki.csca_cert.reset(X509_dup(Pki().csca_cert.get()));
  pki.ds_cert = std::move(signer.cert);
  pki.ds_key = std::move(signer.key);
  return pki;
}

SignerOptions Named(std::string name) {
  SignerOptions options;
  options.name = std::move(name);
  return options;
}

PassiveAuthReport VerifyLds(const TestPki& pki, const TrustStore& trust, LdsBuildOptions options = {},
                            PassiveAuthOptions pa = {}) {
  options.aa_key_type = PkiKeyType::kEcdsaP256;
  BuiltLds lds = std::move(BuildLds(DefaultCitizen(), pki, options).value());
  std::map<int, Bytes> groups;
  for (const auto& [fid, file] : lds.files) {
    if (auto dg = DataGroupFromFid(fid)) groups[*dg] = file;
  }
  return VerifyPassive(lds.files.at(kFidSod), groups, trust, pa);
}

std::string PemCrl(const Bytes& der) {
  const unsigned char* p = der.data();
  X509_CRL* crl = d2i_X509_CRL(nullptr, &p, static_cast<long>(der.size()));
  BIO* bio = BIO_new(BIO_s_mem());
  PEM_write_bio_X509_CRL(bio, crl);
  char* data = nullptr;
  const long size = BIO_get_mem_data(bio, &data);
  std::string pem(data, static_cast<size_t>(size));
  BIO_free(bio);
  X509_CRL_free(crl);
  return pem;
}

void WriteBytes(const std::filesystem::path& file, const Bytes& data) {
  std::ofstream out(file, std::ios::binary);
  out.write(reinterpret_cast<const char*>(data.data()), static_cast<std::streamsize>(data.size()));
}

TEST(TrustRules, RevokedSignerByDerCrlInTheFolder_IsInvalidSignerRevoked) {
  auto signer = IssueSigner(Pki());
  ASSERT_TRUE(signer.has_value());
  auto crl = BuildCrl(Pki(), {signer->cert.get()});
  ASSERT_TRUE(crl.has_value()) << crl.error().ToLogString();
  const TestPki revoked = WithSigner(std::move(*signer));
  testing::TempDir dir;
  WriteBytes(dir / "csca.der", [] {
    unsigned char* der = nullptr;
    const int size = i2d_X509(Pki().csca_cert.get(), &der);
    Bytes out(der, der + size);
    OPENSSL_free(der);
    return out;
  }());
  WriteBytes(dir / "vn.crl", *crl);
  TrustStore trust;
  ASSERT_TRUE(trust.LoadDirectory(dir.path()).has_value());
  EXPECT_EQ(trust.crl_count(), 1u);
  const auto report = VerifyLds(revoked, trust);
  EXPECT_EQ(report.overall, CheckStatus::kInvalid) << report.detail;
  EXPECT_EQ(report.code, "signer_revoked");
  EXPECT_TRUE(report.signer_revoked);
  EXPECT_EQ(report.reason_key, kPaSignerRevoked);
  // The CSCA's other signer is untouched by that CRL, and revocation was checked.
  const auto other = VerifyLds(Pki(), trust);
  EXPECT_EQ(other.overall, CheckStatus::kValid) << other.detail;
  EXPECT_TRUE(other.revocation_checked);
}

TEST(TrustRules, PemCrlBesideTheCsca_IsApplied) {
  auto signer = IssueSigner(Pki());
  ASSERT_TRUE(signer.has_value());
  auto crl = BuildCrl(Pki(), {signer->cert.get()});
  ASSERT_TRUE(crl.has_value());
  TrustStore trust = TrustFor(Pki());
  const std::string pem = PemCrl(*crl);
  ASSERT_TRUE(trust.AddCertificates(Bytes(pem.begin(), pem.end())).has_value())
      << "a .pem holding only a CRL";
  EXPECT_EQ(trust.crl_count(), 1u);
  EXPECT_EQ(VerifyLds(WithSigner(std::move(*signer)), trust).code, "signer_revoked");
}

TEST(TrustRules, CrlNotSignedByTheIssuer_IsIgnored) {
  // A forger's CRL under the CSCA's name cannot revoke (or vouch for) anything.
  auto forged = GenerateTestPki();  // same names as Pki(), other keys
  ASSERT_TRUE(forged.has_value());
  auto crl = BuildCrl(*forged, {Pki().ds_cert.get()});
  ASSERT_TRUE(crl.has_value());
  TrustStore trust = TrustFor(Pki());
  ASSERT_TRUE(trust.AddCrls(*crl).has_value());
  const auto report = VerifyLds(Pki(), trust);
  EXPECT_EQ(report.overall, CheckStatus::kValid) << report.detail;
  EXPECT_FALSE(report.revocation_checked);
}

TEST(TrustRules, CrlCarriedByAnAcceptedMasterList_IsApplied) {
  auto crl = BuildCrl(Pki(), {Pki().ds_cert.get()});
  auto list = BuildMasterList({Pki().csca_cert.get()}, Pki().ds_cert.get(), Pki().ds_key.get());
  ASSERT_TRUE(crl.has_value() && list.has_value());
  // The SignedData's crls field is outside the signature: add it to the signed list.
  const unsigned char* p = list->data();
  CmsPtr cms(d2i_CMS_ContentInfo(nullptr, &p, static_cast<long>(list->size())));
  const unsigned char* c = crl->data();
  X509_CRL* parsed = d2i_X509_CRL(nullptr, &c, static_cast<long>(crl->size()));
  ASSERT_EQ(CMS_add1_crl(cms.get(), parsed), 1);
  X509_CRL_free(parsed);
  unsigned char* der = nullptr;
  const int size = i2d_CMS_ContentInfo(cms.get(), &der);
  const Bytes with_crl(der, der + size);
  OPENSSL_free(der);

  TrustStore trust = TrustFor(Pki());
  trust.AddMasterListSigner(X509Ptr(X509_dup(Pki().ds_cert.get())));
  ASSERT_TRUE(trust.AddMasterList(with_crl).has_value());
  EXPECT_EQ(trust.crl_count(), 1u);
  EXPECT_EQ(VerifyLds(Pki(), trust).code, "signer_revoked");
}

TEST(TrustRules, SignerWithoutDigitalSignatureOrWithoutKeyUsage_IsInvalid) {
  for (const char* usage : {"critical,nonRepudiation", ""}) {
    SignerOptions options;
    options.key_usage = usage;
    auto signer = IssueSigner(Pki(), options);
    ASSERT_TRUE(signer.has_value()) << usage;
    const auto report = VerifyLds(WithSigner(std::move(*signer)), TrustFor(Pki()));
    EXPECT_EQ(report.overall, CheckStatus::kInvalid) << usage;
    EXPECT_EQ(report.code, "signer_key_usage") << usage << ": " << report.detail;
  }
}

TEST(TrustRules, SignerExpiredWhenItSigned_IsInvalidEvenIfTheChainHeldThen) {
  const auto now = system_clock::now();
  SignerOptions signer_options;
  signer_options.not_before = now - hours(24 * 10);
  signer_options.validity_days = 5;
  auto signer = IssueSigner(Pki(), signer_options);
  ASSERT_TRUE(signer.has_value());
  LdsBuildOptions options;
  options.signing_time = now - hours(24);  // four days after the signer expired
  PassiveAuthOptions pa;
  pa.verification_time = now - hours(24 * 7);  // the chain alone would pass then
  const auto report = VerifyLds(WithSigner(std::move(*signer)), TrustFor(Pki()), options, pa);
  EXPECT_EQ(report.overall, CheckStatus::kInvalid) << report.detail;
  EXPECT_EQ(report.code, "signer_expired_at_signing");
}

TEST(TrustRules, SignedBeforeTheSignerExisted_IsInvalid) {
  LdsBuildOptions options;
  options.signing_time = system_clock::now() - hours(24 * 30);  // Pki()'s signer starts yesterday
  const auto report = VerifyLds(Pki(), TrustFor(Pki()), options);
  EXPECT_EQ(report.code, "signer_expired_at_signing") << report.detail;
}

TEST(TrustRules, SigningTimeWithinValidity_IsValid) {
  LdsBuildOptions options;
  options.signing_time = system_clock::now() - hours(1);
  const auto report = VerifyLds(Pki(), TrustFor(Pki()), options);
  EXPECT_EQ(report.overall, CheckStatus::kValid) << report.detail;
}

// A self-signed CA that may also sign documents: put in the trust folder, it is an anchor; if
// it signs the SOD itself, PARTIAL_CHAIN would accept a chain of one. It must not.
TestPki CscaThatSignsDocuments() {
  TestPki pki;
  pki.ds_key = std::move(GenerateKey(PkiKeyType::kEcdsaP256).value());
  X509* cert = X509_new();
  X509_set_version(cert, 2);
  ASN1_INTEGER_set(X509_get_serialNumber(cert), 7);
  X509_NAME* name = X509_get_subject_name(cert);
  X509_NAME_add_entry_by_txt(name, "CN", MBSTRING_ASC,
                             reinterpret_cast<const unsigned char*>("Signing CSCA"), -1, -1, 0);
  X509_set_issuer_name(cert, name);
  X509_gmtime_adj(X509_getm_notBefore(cert), -86400);
  X509_gmtime_adj(X509_getm_notAfter(cert), 86400 * 365);
  X509_set_pubkey(cert, pki.ds_key.get());
  X509V3_CTX ctx;
  X509V3_set_ctx_nodb(&ctx);
  X509V3_set_ctx(&ctx, cert, cert, nullptr, nullptr, 0);
  for (auto [nid, value] : {std::pair{NID_basic_constraints, "critical,CA:TRUE"},
                            std::pair{NID_key_usage, "critical,keyCertSign,digitalSignature"}}) {
    X509_EXTENSION* ext = X509V3_EXT_conf_nid(nullptr, &ctx, nid, value);
    X509_add_ext(cert, ext, -1);
    X509_EXTENSION_free(ext);
  }
  X509_sign(cert, pki.ds_key.get(), EVP_sha256());
  pki.ds_cert.reset(cert);
  pki.csca_cert.reset(X509_dup(cert));
  return pki;
}

TEST(TrustRules, AnchorSigningTheSodItself_IsNotADocumentSigner) {
  const TestPki pki = CscaThatSignsDocuments();
  TrustStore trust;
  ASSERT_TRUE(trust.Add(X509Ptr(X509_dup(pki.csca_cert.get())))) << "it passes as a CSCA";
  const auto report = VerifyLds(pki, trust);
  EXPECT_EQ(report.overall, CheckStatus::kInvalid) << report.detail;
  EXPECT_EQ(report.code, "not_a_document_signer");
}

TEST(TrustRules, MasterListSignerConfiguredInItsSubfolder_VouchesForTheList) {
  // A self-signed master-list signer chaining to no CSCA: trusted only because the technician
  // put it in master-list-signers/, and never an anchor for chips itself.
  const TestPki signer_pki = CscaThatSignsDocuments();
  auto list = BuildMasterList({Pki().csca_cert.get()}, signer_pki.ds_cert.get(), signer_pki.ds_key.get());
  ASSERT_TRUE(list.has_value());
  testing::TempDir dir;
  WriteBytes(dir / "vn.ml", *list);
  {
    TrustStore untrusted;
    ASSERT_TRUE(untrusted.LoadDirectory(dir.path()).has_value());
    EXPECT_EQ(untrusted.size(), 0u);
  }
  std::filesystem::create_directories(dir / "master-list-signers");
  BIO* bio = BIO_new(BIO_s_mem());
  PEM_write_bio_X509(bio, signer_pki.ds_cert.get());
  char* data = nullptr;
  const long size = BIO_get_mem_data(bio, &data);
  dir.WriteFile("master-list-signers/signer.pem", std::string(data, static_cast<size_t>(size)));
  BIO_free(bio);
  TrustStore trust;
  auto count = trust.LoadDirectory(dir.path());
  ASSERT_TRUE(count.has_value()) << count.error().ToLogString();
  EXPECT_EQ(*count, 1u);
  EXPECT_FALSE(trust.IsAnchor(signer_pki.ds_cert.get()));
  EXPECT_EQ(VerifyLds(Pki(), trust).overall, CheckStatus::kValid);
}

TEST(TrustRules, OneMasterListCheckedAgainstTheFolderItJoins) {
  auto signer = IssueSigner(Pki(), Named("Master List Signer (synthetic)"));
  ASSERT_TRUE(signer.has_value());
  auto list = BuildMasterList({Pki().csca_cert.get()}, signer->cert.get(), signer->key.get());
  ASSERT_TRUE(list.has_value());
  TrustStore alone;
  auto refused = alone.AddMasterList(*list);
  ASSERT_FALSE(refused.has_value());
  EXPECT_EQ(refused.error().code(), ErrorCode::kVerificationFailed);
  const TrustStore folder = TrustFor(Pki());
  TrustStore vouched;
  vouched.VouchMasterListsWith(folder);
  auto added = vouched.AddMasterList(*list);
  ASSERT_TRUE(added.has_value()) << added.error().ToLogString();
  EXPECT_EQ(*added, 1u);
}

TEST(TrustRules, RevokedMasterListSigner_IsNotTrusted) {
  auto signer = IssueSigner(Pki(), Named("Master List Signer (synthetic)"));
  ASSERT_TRUE(signer.has_value());
  auto list = BuildMasterList({Pki().csca_cert.get()}, signer->cert.get(), signer->key.get());
  auto crl = BuildCrl(Pki(), {signer->cert.get()});
  ASSERT_TRUE(list.has_value() && crl.has_value());
  TrustStore trust = TrustFor(Pki());
  ASSERT_TRUE(trust.AddCrls(*crl).has_value());
  EXPECT_FALSE(trust.AddMasterList(*list).has_value());
}

}  // namespace
}  // namespace kiosk::sim
