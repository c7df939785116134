#pragma once
// Owning pointers for the OpenSSL objects the LDS code hands around.

#include <memory>
#include <string>

#include <openssl/cms.h>
#include <openssl/types.h>

namespace kiosk::emrtd {

struct X509Deleter {
  void operator()(X509* cert) const;
};
using X509Ptr = std::unique_ptr<X509, X509Deleter>;

struct CmsDeleter {
  void operator()(CMS_ContentInfo* cms) const;
};
using CmsPtr = std::unique_ptr<CMS_ContentInfo, CmsDeleter>;

struct EvpPkeyDeleter {
  void operator()(EVP_PKEY* key) const;
};
using EvpPkeyPtr = std::unique_ptr<EVP_PKEY, EvpPkeyDeleter>;

struct X509CrlDeleter {
  void operator()(X509_CRL* crl) const;
};
using X509CrlPtr = std::unique_ptr<X509_CRL, X509CrlDeleter>;

// The last OpenSSL error queue entries as text (and clears the queue), for details in logs.
std::string DrainOpenSslErrors();

}  // namespace kiosk::emrtd
