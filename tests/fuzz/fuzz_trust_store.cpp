// libFuzzer target: the CSCA trust store's import of what an operator drops into the trust
// folder or the server publishes: PEM/DER certificates and ICAO master lists (CMS SignedData
// over CscaMasterList). Byte 0 picks the form: 0 certificates, 1 a master list as is, 2 the rest
// as a master list's content, signed here by a synthetic signer (configured as a master-list
// signer) so the fuzzer reaches the CscaMasterList parser behind the signature, 3 CRLs. Only
// CSCAs may become anchors.
#include <openssl/cms.h>
#include <openssl/evp.h>
#include <openssl/objects.h>
#include <openssl/x509.h>

#include <cstddef>
#include <cstdint>
#include <cstdlib>

#include "kiosk/emrtd/lds/trust_store.h"

namespace {

using namespace kiosk::emrtd;

struct Signer {
  EVP_PKEY* key = nullptr;
  X509* cert = nullptr;
};

// A self-signed master list signer, made once per process (P-256, one day).
const Signer& MasterListSigner() {
  static const Signer signer = [] {
    Signer s;
    s.key = EVP_EC_gen("P-256");
    s.cert = X509_new();
    X509_set_version(s.cert, 2);
    ASN1_INTEGER_set(X509_get_serialNumber(s.cert), 1);
    X509_NAME* name = X509_get_subject_name(s.cert);
    X509_NAME_add_entry_by_txt(name, "CN", MBSTRING_ASC,
                               reinterpret_cast<const unsigned char*>("Fuzz ML signer"), -1, -1, 0);
    X509_set_issuer_name(s.cert, name);
    X509_gmtime_adj(X509_getm_notBefore(s.cert), 0);
    X509_gmtime_adj(X509_getm_notAfter(s.cert), 86400);
    X509_set_pubkey(s.cert, s.key);
    X509_sign(s.cert, s.key, EVP_sha256());
    return s;
  }();
  return signer;
}

// CMS SignedData with eContentType id-icao-cscaMasterList over `content`, or empty.
Bytes SignAsMasterList(ByteView content) {
  const Signer& signer = MasterListSigner();
  const unsigned flags = CMS_PARTIAL | CMS_BINARY | CMS_NOSMIMECAP;
  CMS_ContentInfo* cms = CMS_sign(signer.cert, signer.key, nullptr, nullptr, flags);
  BIO* in = BIO_new_mem_buf(content.data(), static_cast<int>(content.size()));
  ASN1_OBJECT* type = OBJ_txt2obj("2.23.136.1.1.2", 1);
  Bytes out;
  if (cms != nullptr && in != nullptr && type != nullptr && CMS_set1_eContentType(cms, type) == 1 &&
      CMS_final(cms, in, nullptr, flags) == 1) {
    unsigned char* der = nullptr;
    const int size = i2d_CMS_ContentInfo(cms, &der);
    if (size > 0) out.assign(der, der + size);
    OPENSSL_free(der);
  }
  ASN1_OBJECT_free(type);
  BIO_free(in);
  CMS_ContentInfo_free(cms);
  return out;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  if (size < 1) return 0;
  const ByteView rest(data + 1, size - 1);
  TrustStore store;
  switch (data[0] % 4) {
    case 0: (void)store.AddCertificates(rest); break;
    case 1: (void)store.AddMasterList(rest); break;
    case 2: {
      // The synthetic signer is configured as a master-list signer, as an operator would.
      const Bytes signed_list = SignAsMasterList(rest);
      if (signed_list.empty()) std::abort();
      store.AddMasterListSigner(X509Ptr(X509_dup(MasterListSigner().cert)));
      (void)store.AddMasterList(signed_list);
      break;
    }
    default: (void)store.AddCrls(rest); break;  // CRL files (PEM or DER)
  }
  // Whatever CRLs it kept, asking about revocation must be safe.
  for (const X509Ptr& cert : store.certificates()) (void)store.RevokedBy(cert.get(), cert.get());
  for (const X509Ptr& cert : store.certificates()) {
    if (!CscaAnchorProblem(cert.get(), false).empty()) std::abort();  // only CSCAs are anchors
  }
  if (store.size() > 0) X509_STORE_free(store.NewX509Store());
  return 0;
}
