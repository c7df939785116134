#include "sync/packet/cms.h"

#include <openssl/cms.h>
#include <openssl/err.h>
#include <openssl/x509v3.h>

#include "kiosk/core/i18n.h"

namespace kiosk::sync {

namespace {

struct CmsDeleter {
  void operator()(CMS_ContentInfo* p) const { CMS_ContentInfo_free(p); }
};
using CmsPtr = std::unique_ptr<CMS_ContentInfo, CmsDeleter>;

BioPtr MemoryBio(const uint8_t* data, size_t size) {
  return BioPtr(BIO_new_mem_buf(data, static_cast<int>(size)));
}

std::vector<uint8_t> BioBytes(BIO* bio) {
  char* data = nullptr;
  long size = BIO_get_mem_data(bio, &data);
  return std::vector<uint8_t>(data, data + size);
}

Result<CmsPtr> ParseCms(const std::vector<uint8_t>& der) {
  BioPtr in = MemoryBio(der.data(), der.size());
  CmsPtr cms(d2i_CMS_bio(in.get(), nullptr));
  if (!cms) return Fail(OpenSslFailure(ErrorCode::kParse, N_("The packet is not a CMS message.")));
  return cms;
}

Result<std::vector<uint8_t>> ToDer(CMS_ContentInfo* cms) {
  BioPtr out(BIO_new(BIO_s_mem()));
  if (i2d_CMS_bio(out.get(), cms) != 1) {
    return Fail(OpenSslFailure(ErrorCode::kCrypto, N_("Cannot encode the packet.")));
  }
  return BioBytes(out.get());
}

}  // namespace

Result<std::vector<uint8_t>> SignCms(const uint8_t* data, size_t size, const Credentials& signer) {
  BioPtr in = MemoryBio(data, size);
  CmsPtr cms(CMS_sign(signer.cert.get(), signer.key.get(), nullptr, in.get(), CMS_BINARY));
  if (!cms) return Fail(OpenSslFailure(ErrorCode::kCrypto, N_("Cannot sign the packet.")));
  return ToDer(cms.get());
}

Result<VerifiedContent> VerifyCms(const std::vector<uint8_t>& der, X509_STORE* trust,
                                  SignerRole role) {
  auto cms = ParseCms(der);
  if (!cms) return Fail(cms.error());
  if (OBJ_obj2nid(CMS_get0_type(cms->get())) != NID_pkcs7_signed) {
    return Fail(Error(ErrorCode::kVerificationFailed, N_("The packet is not signed.")));
  }
  BioPtr out(BIO_new(BIO_s_secmem()));
  if (CMS_verify(cms->get(), nullptr, trust, nullptr, out.get(), CMS_BINARY) != 1) {
    return Fail(OpenSslFailure(ErrorCode::kVerificationFailed,
                               N_("The signature does not verify against the trusted CA.")));
  }
  STACK_OF(X509)* signers = CMS_get0_signers(cms->get());
  if (signers == nullptr || sk_X509_num(signers) != 1) {
    sk_X509_free(signers);
    return Fail(Error(ErrorCode::kVerificationFailed, N_("The packet must have exactly one signer.")));
  }
  X509* signer = sk_X509_value(signers, 0);
  X509_up_ref(signer);
  X509Ptr signer_cert(signer);
  sk_X509_free(signers);

  uint32_t required = role == SignerRole::kStation ? XKU_SSL_CLIENT : XKU_SSL_SERVER;
  uint32_t usages = X509_get_extended_key_usage(signer_cert.get());
  if ((usages & required) == 0) {
    return Fail(Error(ErrorCode::kVerificationFailed,
                      N_("The signer's certificate is not allowed to sign this kind of message.")));
  }
  char* data = nullptr;
  long size = BIO_get_mem_data(out.get(), &data);
  VerifiedContent verified{SecretBytes(reinterpret_cast<uint8_t*>(data), static_cast<size_t>(size)),
                           std::move(signer_cert)};
  return verified;
}

Result<std::vector<uint8_t>> EncryptCms(const uint8_t* data, size_t size, X509* recipient) {
  BioPtr in = MemoryBio(data, size);
  STACK_OF(X509)* recipients = sk_X509_new_null();
  sk_X509_push(recipients, recipient);
  CmsPtr cms(CMS_encrypt(recipients, in.get(), EVP_aes_256_gcm(), CMS_BINARY));
  sk_X509_free(recipients);  // does not free the certificate: the caller owns it
  if (!cms) return Fail(OpenSslFailure(ErrorCode::kCrypto, N_("Cannot encrypt the packet.")));
  return ToDer(cms.get());
}

Result<SecretBytes> DecryptCms(const std::vector<uint8_t>& der, const Credentials& recipient) {
  auto cms = ParseCms(der);
  if (!cms) return Fail(cms.error());
  BioPtr out(BIO_new(BIO_s_secmem()));
  if (CMS_decrypt(cms->get(), recipient.key.get(), recipient.cert.get(), nullptr, out.get(),
                  CMS_BINARY) != 1) {
    return Fail(OpenSslFailure(ErrorCode::kCrypto,
                               N_("The packet cannot be decrypted: it was altered or is not for this server.")));
  }
  char* data = nullptr;
  long size = BIO_get_mem_data(out.get(), &data);
  return SecretBytes(reinterpret_cast<uint8_t*>(data), static_cast<size_t>(size));
}

}  // namespace kiosk::sync
