#include "sync/server/pki.h"

#include <openssl/pem.h>
#include <openssl/rand.h>
#include <openssl/x509v3.h>

#include "kiosk/core/i18n.h"
#include "sync/packet/packet.h"

namespace kiosk::sync::pki {

namespace {

Result<void> AddExtension(X509* cert, X509* issuer, int nid, const std::string& value) {
  X509V3_CTX ctx;
  X509V3_set_ctx_nodb(&ctx);
  X509V3_set_ctx(&ctx, issuer, cert, nullptr, nullptr, 0);
  X509_EXTENSION* ext = X509V3_EXT_conf_nid(nullptr, &ctx, nid, value.c_str());
  if (ext == nullptr) return Fail(OpenSslFailure(ErrorCode::kCrypto, N_("Cannot create the certificate.")));
  X509_add_ext(cert, ext, -1);
  X509_EXTENSION_free(ext);
  return {};
}

time_t ToTimeT(std::chrono::system_clock::time_point t) {
  return std::chrono::system_clock::to_time_t(t);
}

}  // namespace

Result<X509Ptr> IssueCertificate(const CertificateRequest& request, EVP_PKEY* subject_key,
                                 const Credentials* issuer, EVP_PKEY* self_signing_key) {
  X509Ptr cert(X509_new());
  X509_set_version(cert.get(), 2);
  uint8_t serial_bytes[16];
  RAND_bytes(serial_bytes, sizeof serial_bytes);
  serial_bytes[0] &= 0x7f;  // positive
  BIGNUM* serial = BN_bin2bn(serial_bytes, sizeof serial_bytes, nullptr);
  BN_to_ASN1_INTEGER(serial, X509_get_serialNumber(cert.get()));
  BN_free(serial);
  ASN1_TIME_set(X509_getm_notBefore(cert.get()), ToTimeT(request.not_before));
  ASN1_TIME_set(X509_getm_notAfter(cert.get()), ToTimeT(request.not_after));
  X509_NAME* name = X509_get_subject_name(cert.get());
  X509_NAME_add_entry_by_txt(name, "O", MBSTRING_UTF8,
                             reinterpret_cast<const unsigned char*>("Kiosk Station Reference PKI"), -1, -1, 0);
  X509_NAME_add_entry_by_txt(name, "CN", MBSTRING_UTF8,
                             reinterpret_cast<const unsigned char*>(request.common_name.c_str()), -1, -1, 0);
  X509* issuer_cert = issuer != nullptr ? issuer->cert.get() : cert.get();
  X509_set_issuer_name(cert.get(), X509_get_subject_name(issuer_cert));
  X509_set_pubkey(cert.get(), subject_key);

  std::vector<std::pair<int, std::string>> extensions;
  switch (request.profile) {
    case Profile::kCa:
      extensions = {{NID_basic_constraints, "critical,CA:TRUE,pathlen:0"},
                    {NID_key_usage, "critical,keyCertSign,cRLSign"}};
      break;
    case Profile::kServer:
      extensions = {{NID_basic_constraints, "critical,CA:FALSE"},
                    {NID_key_usage, "critical,digitalSignature,keyAgreement"},
                    {NID_ext_key_usage, "serverAuth"}};
      break;
    case Profile::kStation:
      extensions = {{NID_basic_constraints, "critical,CA:FALSE"},
                    {NID_key_usage, "critical,digitalSignature,keyAgreement"},
                    {NID_ext_key_usage, "clientAuth"}};
      break;
  }
  extensions.push_back({NID_subject_key_identifier, "hash"});
  if (issuer != nullptr) extensions.push_back({NID_authority_key_identifier, "keyid:always"});
  std::string san;
  for (const auto& dns : request.dns_names) san += (san.empty() ? "DNS:" : ",DNS:") + dns;
  for (const auto& ip : request.ip_addresses) san += (san.empty() ? "IP:" : ",IP:") + ip;
  if (!san.empty()) extensions.push_back({NID_subject_alt_name, san});
  for (const auto& [nid, value] : extensions) {
    auto added = AddExtension(cert.get(), issuer_cert, nid, value);
    if (!added) return Fail(added.error());
  }
  EVP_PKEY* signing_key = issuer != nullptr ? issuer->key.get() : self_signing_key;
  if (signing_key == nullptr || X509_sign(cert.get(), signing_key, EVP_sha256()) == 0) {
    return Fail(OpenSslFailure(ErrorCode::kCrypto, N_("Cannot create the certificate.")));
  }
  return cert;
}

Result<std::string> CreateCsrPem(EVP_PKEY* key, const std::string& common_name) {
  ReqPtr req(X509_REQ_new());
  X509_REQ_set_version(req.get(), 0);
  X509_NAME* name = X509_REQ_get_subject_name(req.get());
  X509_NAME_add_entry_by_txt(name, "CN", MBSTRING_UTF8,
                             reinterpret_cast<const unsigned char*>(common_name.c_str()), -1, -1, 0);
  X509_REQ_set_pubkey(req.get(), key);
  if (X509_REQ_sign(req.get(), key, EVP_sha256()) == 0) {
    return Fail(OpenSslFailure(ErrorCode::kCrypto, N_("Cannot create the certificate request.")));
  }
  BioPtr bio(BIO_new(BIO_s_mem()));
  PEM_write_bio_X509_REQ(bio.get(), req.get());
  char* data = nullptr;
  long size = BIO_get_mem_data(bio.get(), &data);
  return std::string(data, static_cast<size_t>(size));
}

Result<ParsedCsr> ParseCsrPem(std::string_view pem) {
  BioPtr bio(BIO_new_mem_buf(pem.data(), static_cast<int>(pem.size())));
  ReqPtr req(PEM_read_bio_X509_REQ(bio.get(), nullptr, nullptr, nullptr));
  if (!req) return Fail(OpenSslFailure(ErrorCode::kParse, N_("The certificate request cannot be read.")));
  EVP_PKEY* key = X509_REQ_get0_pubkey(req.get());
  if (key == nullptr || X509_REQ_verify(req.get(), key) != 1) {
    return Fail(OpenSslFailure(ErrorCode::kVerificationFailed,
                               N_("The certificate request's signature does not verify.")));
  }
  char buffer[256] = {};
  X509_NAME_get_text_by_NID(X509_REQ_get_subject_name(req.get()), NID_commonName, buffer, sizeof buffer);
  EVP_PKEY_up_ref(key);
  return ParsedCsr{buffer, PKeyPtr(key)};
}

Result<void> InitPki(const std::filesystem::path& dir) {
  std::error_code ec;
  std::filesystem::create_directories(dir, ec);
  if (std::filesystem::exists(dir / "ca.key")) {
    return Fail(Error(ErrorCode::kAlreadyExists, N_("A CA already exists in {0}."), dir.string())
                    .WithArg(dir.string()));
  }
  auto now = std::chrono::system_clock::now();
  auto ca_key = GenerateEcKey();
  if (!ca_key) return Fail(ca_key.error());
  CertificateRequest ca_request{"Kiosk Central Intake CA", Profile::kCa, {}, {},
                                now - std::chrono::hours(1), now + std::chrono::days(3650)};
  auto ca_cert = IssueCertificate(ca_request, ca_key->get(), nullptr, ca_key->get());
  if (!ca_cert) return Fail(ca_cert.error());
  Credentials ca{std::move(*ca_cert), std::move(*ca_key)};

  auto server_key = GenerateEcKey();
  if (!server_key) return Fail(server_key.error());
  CertificateRequest server_request{"Kiosk Central Intake Server", Profile::kServer,
                                    {"localhost"}, {"127.0.0.1"},
                                    now - std::chrono::hours(1), now + std::chrono::days(730)};
  auto server_cert = IssueCertificate(server_request, server_key->get(), &ca);
  if (!server_cert) return Fail(server_cert.error());

  for (auto result : {WriteFileAtomic(dir / "ca.key", PrivateKeyToPem(ca.key.get()).view(), true),
                      WriteFileAtomic(dir / "ca.pem", CertificateToPem(ca.cert.get())),
                      WriteFileAtomic(dir / "server.key", PrivateKeyToPem(server_key->get()).view(), true),
                      WriteFileAtomic(dir / "server.pem", CertificateToPem(server_cert->get()))}) {
    if (!result) return Fail(result.error());
  }
  return {};
}

Result<std::string> IssueStationCertificate(const std::filesystem::path& dir,
                                            std::string_view csr_pem, int valid_days) {
  auto csr = ParseCsrPem(csr_pem);
  if (!csr) return Fail(csr.error());
  if (!IsValidPacketId(csr->common_name)) {
    return Fail(Error::InvalidArgument(N_("The station id in the request is not valid.")));
  }
  auto ca = LoadCredentials(dir / "ca.pem", dir / "ca.key");
  if (!ca) return Fail(ca.error());
  auto now = std::chrono::system_clock::now();
  CertificateRequest request{csr->common_name, Profile::kStation, {}, {},
                             now - std::chrono::hours(1), now + std::chrono::days(valid_days)};
  auto cert = IssueCertificate(request, csr->public_key.get(), &*ca);
  if (!cert) return Fail(cert.error());
  return CertificateToPem(cert->get());
}

}  // namespace kiosk::sync::pki
