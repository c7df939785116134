#include "drivers/sim/lds/test_pki.h"

#include <openssl/bio.h>
#include <openssl/evp.h>
#include <openssl/pem.h>
#include <openssl/rand.h>
#include <openssl/x509.h>
#include <openssl/x509v3.h>

namespace kiosk::sim {
namespace {

using emrtd::DrainOpenSslErrors;
using emrtd::EvpPkeyPtr;
using emrtd::X509Ptr;

struct BioFree {
  void operator()(BIO* b) const { BIO_free(b); }
};
using BioPtr = std::unique_ptr<BIO, BioFree>;

bool AddExtension(X509* cert, X509* issuer, int nid, const char* value) {
  X509V3_CTX ctx;
  X509V3_set_ctx_nodb(&ctx);
  X509V3_set_ctx(&ctx, issuer, cert, nullptr, nullptr, 0);
  X509_EXTENSION* ext = X509V3_EXT_conf_nid(nullptr, &ctx, nid, value);
  if (ext == nullptr) return false;
  const bool ok = X509_add_ext(cert, ext, -1) == 1;
  X509_EXTENSION_free(ext);
  return ok;
}

// issuer == nullptr: self-signed.
Result<X509Ptr> MakeCertificate(EVP_PKEY* subject_key, const std::string& country,
                                const std::string& common_name, X509* issuer,
                                EVP_PKEY* issuer_key, bool is_ca, time_t not_before, int days,
                                const char* key_usage = "critical,digitalSignature") {
  X509Ptr cert(X509_new());
  if (!cert) return Fail(Error::Internal("X509_new"));
  X509_set_version(cert.get(), 2);
  uint8_t serial_bytes[8];
  RAND_bytes(serial_bytes, sizeof serial_bytes);
  serial_bytes[0] &= 0x7F;
  BIGNUM* serial = BN_bin2bn(serial_bytes, sizeof serial_bytes, nullptr);
  BN_to_ASN1_INTEGER(serial, X509_get_serialNumber(cert.get()));
  BN_free(serial);
  X509_time_adj_ex(X509_getm_notBefore(cert.get()), 0, 0, &not_before);
  X509_time_adj_ex(X509_getm_notAfter(cert.get()), days, 0, &not_before);
  X509_NAME* name = X509_get_subject_name(cert.get());
  X509_NAME_add_entry_by_txt(name, "C", MBSTRING_ASC,
                             reinterpret_cast<const unsigned char*>(country.c_str()), -1, -1, 0);
  X509_NAME_add_entry_by_txt(name, "O", MBSTRING_ASC,
                             reinterpret_cast<const unsigned char*>("Synthetic test authority"),
                             -1, -1, 0);
  X509_NAME_add_entry_by_txt(name, "CN", MBSTRING_UTF8,
                             reinterpret_cast<const unsigned char*>(common_name.c_str()), -1, -1,
                             0);
  X509_set_issuer_name(cert.get(), issuer ? X509_get_subject_name(issuer) : name);
  X509_set_pubkey(cert.get(), subject_key);
  X509* issuer_cert = issuer ? issuer : cert.get();
  bool ok = AddExtension(cert.get(), issuer_cert, NID_subject_key_identifier, "hash") &&
            AddExtension(cert.get(), issuer_cert, NID_authority_key_identifier, "keyid:always");
  if (is_ca) {
    ok = ok && AddExtension(cert.get(), issuer_cert, NID_basic_constraints, "critical,CA:TRUE,pathlen:0") &&
         AddExtension(cert.get(), issuer_cert, NID_key_usage, "critical,keyCertSign,cRLSign");
  } else {
    ok = ok && (*key_usage == '\0' || AddExtension(cert.get(), issuer_cert, NID_key_usage, key_usage));
  }
  if (!ok) return Fail(Error::Internal("certificate extensions: " + DrainOpenSslErrors()));
  if (X509_sign(cert.get(), issuer_key, EVP_sha256()) <= 0) {
    return Fail(Error::Internal("X509_sign: " + DrainOpenSslErrors()));
  }
  return cert;
}

Result<void> WritePem(const std::filesystem::path& file, X509* cert, EVP_PKEY* key) {
  std::error_code ec;
  std::filesystem::create_directories(file.parent_path(), ec);
  BioPtr bio(BIO_new_file(file.string().c_str(), "wb"));
  if (!bio) return Fail(Error::Io("The test PKI cannot be written.", file.string()));
  const bool ok = cert ? PEM_write_bio_X509(bio.get(), cert) == 1
                       : PEM_write_bio_PrivateKey(bio.get(), key, nullptr, nullptr, 0, nullptr,
                                                  nullptr) == 1;
  if (!ok) return Fail(Error::Io("The test PKI cannot be written.", file.string()));
  if (key != nullptr) std::filesystem::permissions(file, std::filesystem::perms::owner_read |
                                                              std::filesystem::perms::owner_write,
                                                   ec);
  return {};
}

Result<X509Ptr> ReadCert(const std::filesystem::path& file) {
  BioPtr bio(BIO_new_file(file.string().c_str(), "rb"));
  X509Ptr cert(bio ? PEM_read_bio_X509(bio.get(), nullptr, nullptr, nullptr) : nullptr);
  if (!cert) {
    DrainOpenSslErrors();
    return Fail(Error::NotFound("The test PKI cannot be read.", file.string()));
  }
  return cert;
}

Result<EvpPkeyPtr> ReadKey(const std::filesystem::path& file) {
  BioPtr bio(BIO_new_file(file.string().c_str(), "rb"));
  EvpPkeyPtr key(bio ? PEM_read_bio_PrivateKey(bio.get(), nullptr, nullptr, nullptr) : nullptr);
  if (!key) {
    DrainOpenSslErrors();
    return Fail(Error::NotFound("The test PKI cannot be read.", file.string()));
  }
  return key;
}

}  // namespace

Result<EvpPkeyPtr> GenerateKey(PkiKeyType type) {
  EvpPkeyPtr key(type == PkiKeyType::kRsa2048 ? EVP_RSA_gen(2048) : EVP_EC_gen("P-256"));
  if (!key) return Fail(Error::Internal("key generation: " + DrainOpenSslErrors()));
  return key;
}

Result<TestPki> GenerateTestPki(const TestPkiOptions& options) {
  const time_t not_before = std::chrono::system_clock::to_time_t(
      options.not_before.value_or(std::chrono::system_clock::now() - std::chrono::hours(24)));
  TestPki pki;
  auto csca_key = GenerateKey(options.key_type);
  if (!csca_key) return Fail(csca_key.error());
  auto ds_key = GenerateKey(options.key_type);
  if (!ds_key) return Fail(ds_key.error());
  auto csca = MakeCertificate(csca_key->get(), options.country, options.csca_name, nullptr,
                              csca_key->get(), true, not_before, 15 * 365);
  if (!csca) return Fail(csca.error());
  auto ds = MakeCertificate(ds_key->get(), options.country, options.ds_name, csca->get(),
                            csca_key->get(), false, not_before, options.ds_validity_days);
  if (!ds) return Fail(ds.error());
  pki.csca_cert = std::move(*csca);
  pki.csca_key = std::move(*csca_key);
  pki.ds_cert = std::move(*ds);
  pki.ds_key = std::move(*ds_key);
  return pki;
}

Result<TestPki> GenerateUnknownPki() {
  TestPkiOptions options;
  options.country = "VN";
  options.csca_name = "Unknown CSCA (synthetic, untrusted)";
  options.ds_name = "Unknown Document Signer (synthetic)";
  return GenerateTestPki(options);
}

Result<IssuedSigner> IssueSigner(const TestPki& pki, const SignerOptions& options) {
  if (!pki.csca_cert || !pki.csca_key) {
    return Fail(Error::InvalidArgument("The test PKI has no CSCA key.", "IssueSigner"));
  }
  const time_t not_before = std::chrono::system_clock::to_time_t(
      options.not_before.value_or(std::chrono::system_clock::now() - std::chrono::hours(24)));
  auto key = GenerateKey(EVP_PKEY_get_base_id(pki.csca_key.get()) == EVP_PKEY_RSA
                             ? PkiKeyType::kRsa2048
                             : PkiKeyType::kEcdsaP256);
  if (!key) return Fail(key.error());
  char country[8] = "VN";
  X509_NAME_get_text_by_NID(X509_get_subject_name(pki.csca_cert.get()), NID_countryName, country,
                            sizeof country);
  auto cert = MakeCertificate(key->get(), country, options.name, pki.csca_cert.get(),
                              pki.csca_key.get(), false, not_before, options.validity_days,
                              options.key_usage.c_str());
  if (!cert) return Fail(cert.error());
  return IssuedSigner{std::move(*cert), std::move(*key)};
}

Result<emrtd::Bytes> BuildCrl(const TestPki& pki, const std::vector<X509*>& revoked) {
  if (!pki.csca_cert || !pki.csca_key) {
    return Fail(Error::InvalidArgument("The test PKI has no CSCA key.", "BuildCrl"));
  }
  struct CrlFree {
    void operator()(X509_CRL* crl) const { X509_CRL_free(crl); }
  };
  std::unique_ptr<X509_CRL, CrlFree> crl(X509_CRL_new());
  const time_t now = std::chrono::system_clock::to_time_t(std::chrono::system_clock::now());
  const time_t yesterday = now - 24 * 3600;
  ASN1_TIME* last = ASN1_TIME_adj(nullptr, yesterday, 0, 0);
  ASN1_TIME* next = ASN1_TIME_adj(nullptr, yesterday, 30, 0);
  bool ok = crl && X509_CRL_set_version(crl.get(), 1) == 1 &&
            X509_CRL_set_issuer_name(crl.get(), X509_get_subject_name(pki.csca_cert.get())) == 1 &&
            X509_CRL_set1_lastUpdate(crl.get(), last) == 1 &&
            X509_CRL_set1_nextUpdate(crl.get(), next) == 1;
  for (X509* cert : revoked) {
    X509_REVOKED* entry = X509_REVOKED_new();
    ok = ok && entry != nullptr &&
         X509_REVOKED_set_serialNumber(entry, X509_get_serialNumber(cert)) == 1 &&
         X509_REVOKED_set_revocationDate(entry, last) == 1 && X509_CRL_add0_revoked(crl.get(), entry) == 1;
    if (!ok && entry != nullptr) X509_REVOKED_free(entry);
  }
  ASN1_TIME_free(last);
  ASN1_TIME_free(next);
  ok = ok && X509_CRL_sort(crl.get()) == 1 && X509_CRL_sign(crl.get(), pki.csca_key.get(), EVP_sha256()) > 0;
  if (!ok) return Fail(Error::Internal("CRL: " + DrainOpenSslErrors()));
  unsigned char* der = nullptr;
  const int size = i2d_X509_CRL(crl.get(), &der);
  if (size <= 0) return Fail(Error::Internal("i2d_X509_CRL"));
  emrtd::Bytes out(der, der + size);
  OPENSSL_free(der);
  return out;
}

Result<void> WriteTestPki(const TestPki& pki, const std::filesystem::path& dir) {
  for (auto step : {WritePem(dir / "csca" / "csca.pem", pki.csca_cert.get(), nullptr),
                    WritePem(dir / "private" / "csca.key", nullptr, pki.csca_key.get()),
                    WritePem(dir / "ds" / "ds.pem", pki.ds_cert.get(), nullptr),
                    WritePem(dir / "ds" / "ds.key", nullptr, pki.ds_key.get())}) {
    if (!step) return step;
  }
  return {};
}

Result<TestPki> LoadTestPki(const std::filesystem::path& dir) {
  auto csca = ReadCert(dir / "csca" / "csca.pem");
  if (!csca) return Fail(csca.error());
  auto ds = ReadCert(dir / "ds" / "ds.pem");
  if (!ds) return Fail(ds.error());
  auto ds_key = ReadKey(dir / "ds" / "ds.key");
  if (!ds_key) return Fail(ds_key.error());
  TestPki pki;
  pki.csca_cert = std::move(*csca);
  pki.ds_cert = std::move(*ds);
  pki.ds_key = std::move(*ds_key);
  if (auto csca_key = ReadKey(dir / "private" / "csca.key")) pki.csca_key = std::move(*csca_key);
  return pki;
}

Result<TestPki> LoadOrCreateTestPki(const std::filesystem::path& dir) {
  std::error_code ec;
  if (std::filesystem::exists(dir / "ds" / "ds.key", ec)) return LoadTestPki(dir);
  auto pki = GenerateTestPki();
  if (!pki) return pki;
  if (auto written = WriteTestPki(*pki, dir); !written) return Fail(written.error());
  return pki;
}

}  // namespace kiosk::sim
