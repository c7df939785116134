#include "kiosk/emrtd/lds/openssl_ptr.h"

#include <openssl/cms.h>
#include <openssl/err.h>
#include <openssl/evp.h>
#include <openssl/x509.h>

namespace kiosk::emrtd {

void X509Deleter::operator()(X509* cert) const { X509_free(cert); }
void X509CrlDeleter::operator()(X509_CRL* crl) const { X509_CRL_free(crl); }
void CmsDeleter::operator()(CMS_ContentInfo* cms) const { CMS_ContentInfo_free(cms); }
void EvpPkeyDeleter::operator()(EVP_PKEY* key) const { EVP_PKEY_free(key); }

std::string DrainOpenSslErrors() {
  std::string text;
  unsigned long code;
  while ((code = ERR_get_error()) != 0) {
    char buffer[256];
    ERR_error_string_n(code, buffer, sizeof buffer);
    if (!text.empty()) text += "; ";
    text += buffer;
  }
  return text;
}

}  // namespace kiosk::emrtd
