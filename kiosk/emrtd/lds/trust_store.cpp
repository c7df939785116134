#include "kiosk/emrtd/lds/trust_store.h"

#include <algorithm>
#include <cstring>
#include <fstream>
#include <iterator>

#include <openssl/bio.h>
#include <openssl/cms.h>
#include <openssl/err.h>
#include <openssl/objects.h>
#include <openssl/pem.h>
#include <openssl/x509.h>

namespace kiosk::emrtd {
namespace {

constexpr const char* kBadTrust = "A certificate file of the trust store cannot be read.";
constexpr const char* kOidCscaMasterList = "2.23.136.1.1.2";
constexpr const char* kUntrustedList =
    "The master list is not signed by a trusted signer: import its country's CSCA certificate "
    "first.";
constexpr const char* kMasterListSignerFolder = "master-list-signers";

struct BioDeleter {
  void operator()(BIO* bio) const { BIO_free(bio); }
};
using BioPtr = std::unique_ptr<BIO, BioDeleter>;

std::string Lower(std::string text) {
  std::transform(text.begin(), text.end(), text.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return text;
}

struct StoreFree {
  void operator()(X509_STORE* store) const { X509_STORE_free(store); }
};
struct CtxFree {
  void operator()(X509_STORE_CTX* ctx) const { X509_STORE_CTX_free(ctx); }
};

bool IsPem(ByteView data) {
  static constexpr char kPemMarker[] = "-----BEGIN";
  return std::search(data.begin(), data.end(), kPemMarker, kPemMarker + sizeof kPemMarker - 1) !=
         data.end();
}

// Every certificate of a PEM bundle, or the one DER certificate. An error when there is none.
Result<std::vector<X509Ptr>> ParseCertificates(ByteView pem_or_der) {
  std::vector<X509Ptr> certs;
  if (IsPem(pem_or_der)) {
    BioPtr bio(BIO_new_mem_buf(pem_or_der.data(), static_cast<int>(pem_or_der.size())));
    while (X509* cert = PEM_read_bio_X509(bio.get(), nullptr, nullptr, nullptr)) {
      certs.emplace_back(cert);
    }
    ERR_clear_error();  // the end of the PEM stream is reported as an error
  } else {
    const unsigned char* p = pem_or_der.data();
    if (X509* cert = d2i_X509(nullptr, &p, static_cast<long>(pem_or_der.size()))) certs.emplace_back(cert);
  }
  if (certs.empty()) return Fail(Error::Parse(kBadTrust, "no certificate: " + DrainOpenSslErrors()));
  return certs;
}

// Every CRL of a PEM bundle (possibly none), or the one DER CRL (an error if it does not parse).
Result<std::vector<X509CrlPtr>> ParseCrls(ByteView pem_or_der) {
  std::vector<X509CrlPtr> crls;
  if (IsPem(pem_or_der)) {
    BioPtr bio(BIO_new_mem_buf(pem_or_der.data(), static_cast<int>(pem_or_der.size())));
    while (X509_CRL* crl = PEM_read_bio_X509_CRL(bio.get(), nullptr, nullptr, nullptr)) {
      crls.emplace_back(crl);
    }
    ERR_clear_error();
    return crls;
  }
  const unsigned char* p = pem_or_der.data();
  X509CrlPtr crl(d2i_X509_CRL(nullptr, &p, static_cast<long>(pem_or_der.size())));
  if (!crl) return Fail(Error::Parse(kBadTrust, "not a CRL: " + DrainOpenSslErrors()));
  crls.push_back(std::move(crl));
  return crls;
}

Result<Bytes> ReadWholeFile(const std::filesystem::path& file) {
  std::ifstream in(file, std::ios::binary);
  if (!in) return Fail(Error::Io(kBadTrust, "cannot open " + file.filename().string()));
  Bytes data((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  return data;
}

}  // namespace

Result<size_t> TrustStore::LoadDirectory(const std::filesystem::path& dir) {
  std::error_code ec;
  if (!std::filesystem::is_directory(dir, ec)) {
    return Fail(Error::NotFound("The trust store folder does not exist.", dir.string()));
  }
  std::vector<std::filesystem::path> files;
  std::vector<std::filesystem::path> signers;
  std::vector<std::filesystem::path> lists;
  for (auto it = std::filesystem::recursive_directory_iterator(dir, ec);
       !ec && it != std::filesystem::recursive_directory_iterator(); it.increment(ec)) {
    if (!it->is_regular_file()) continue;
    const std::string ext = Lower(it->path().extension().string());
    const auto relative = std::filesystem::relative(it->path(), dir, ec);
    const bool signer_folder = !relative.empty() && *relative.begin() == kMasterListSignerFolder;
    if (ext == ".ml") {
      lists.push_back(it->path());
    } else if (ext == ".pem" || ext == ".crt" || ext == ".cer" || ext == ".der" || ext == ".crl") {
      (signer_folder && ext != ".crl" ? signers : files).push_back(it->path());
    }
  }
  if (ec) return Fail(Error::Io(kBadTrust, "listing " + dir.string() + ": " + ec.message()));
  for (auto* group : {&files, &signers, &lists}) std::sort(group->begin(), group->end());
  for (const auto& file : signers) {
    auto data = ReadWholeFile(file);
    if (!data) return Fail(data.error());
    auto certs = ParseCertificates(*data);
    if (!certs) return Fail(std::move(certs).error().WithContext(file.filename().string()));
    for (auto& cert : *certs) AddMasterListSigner(std::move(cert));
  }
  const size_t before = certificates_.size();
  for (const auto& file : files) {
    auto count = LoadFile(file);
    if (!count) return Fail(count.error());
  }
  // A list may be signed by a signer that another list's CSCA vouches for: go on while lists
  // are being accepted.
  for (bool progress = true; progress && !lists.empty();) {
    progress = false;
    for (auto it = lists.begin(); it != lists.end();) {
      auto count = LoadFile(*it);
      if (count) {
        it = lists.erase(it);
        progress = true;
      } else if (count.error().code() == ErrorCode::kVerificationFailed) {
        ++it;
      } else {
        return Fail(count.error());
      }
    }
  }
  for (const auto& file : lists) {
    rejected_.push_back(file.filename().string() + ": master list signer not trusted");
  }
  return certificates_.size() - before;
}

Result<size_t> TrustStore::LoadFile(const std::filesystem::path& file) {
  auto data = ReadWholeFile(file);
  if (!data) return Fail(data.error());
  const std::string ext = Lower(file.extension().string());
  auto result = ext == ".ml"    ? AddMasterList(*data)
                : ext == ".crl" ? AddCrls(*data).transform([](size_t) { return size_t{0}; })
                                : AddCertificates(*data);
  if (!result) return Fail(std::move(result).error().WithContext(file.filename().string()));
  return result;
}

Result<size_t> TrustStore::AddCertificates(ByteView pem_or_der) {
  auto certs = ParseCertificates(pem_or_der);
  if (!certs) {
    // A PEM file holding only CRLs is a CRL file with another extension.
    if (IsPem(pem_or_der)) {
      if (auto only_crls = AddCrls(pem_or_der)) return size_t{0};
    }
    return Fail(certs.error());
  }
  size_t added = 0;
  for (auto& cert : *certs) {
    if (AddAnchor(std::move(cert), false)) ++added;  // the rest are in rejected()
  }
  if (IsPem(pem_or_der)) {
    // A PEM bundle may carry its CSCA's CRLs beside the certificates.
    if (auto crls = ParseCrls(pem_or_der)) {
      for (auto& crl : *crls) crls_.push_back(std::move(crl));
    }
  }
  return added;
}

Result<size_t> TrustStore::AddCrls(ByteView pem_or_der) {
  auto crls = ParseCrls(pem_or_der);
  if (!crls) return Fail(crls.error());
  if (crls->empty()) return Fail(Error::Parse(kBadTrust, "no CRL: " + DrainOpenSslErrors()));
  const size_t count = crls->size();
  for (auto& crl : *crls) crls_.push_back(std::move(crl));
  return count;
}

Result<size_t> TrustStore::AddMasterList(ByteView cms_der) {
  const unsigned char* p = cms_der.data();
  CmsPtr cms(d2i_CMS_ContentInfo(nullptr, &p, static_cast<long>(cms_der.size())));
  if (!cms) return Fail(Error::Parse(kBadTrust, "master list: not CMS: " + DrainOpenSslErrors()));
  // Integrity first (signed by the signer certificate it embeds), then whether that signer is
  // one we trust to speak for CSCAs.
  BioPtr content(BIO_new(BIO_s_mem()));
  if (CMS_verify(cms.get(), nullptr, nullptr, nullptr, content.get(),
                 CMS_NO_SIGNER_CERT_VERIFY | CMS_BINARY) != 1) {
    return Fail(Error::Parse(kBadTrust, "master list signature: " + DrainOpenSslErrors()));
  }
  char type[64];
  OBJ_obj2txt(type, sizeof type, CMS_get0_eContentType(cms.get()), 1);
  if (std::strcmp(type, kOidCscaMasterList) != 0) {
    return Fail(Error::Parse(kBadTrust, std::string("master list: eContentType ") + type));
  }
  if (const std::string problem = MasterListSignerProblem(cms.get()); !problem.empty()) {
    return Fail(Error(ErrorCode::kVerificationFailed, kUntrustedList, "master list: " + problem));
  }
  const char* data = nullptr;
  const long size = BIO_get_mem_data(content.get(), &data);
  const ByteView der(reinterpret_cast<const uint8_t*>(data), static_cast<size_t>(size));
  // CscaMasterList ::= SEQUENCE { version INTEGER, certList SET OF Certificate }
  auto list = ParseSingleTlv(der, 0x30);
  if (!list) return Fail(list.error());
  auto parts = Children(*list);
  if (!parts || parts->size() != 2 || (*parts)[1].tag != 0x31) {
    return Fail(Error::Parse(kBadTrust, "master list: CscaMasterList structure"));
  }
  auto certs = Children((*parts)[1]);
  if (!certs) return Fail(certs.error());
  std::vector<X509Ptr> parsed;
  for (const Tlv& entry : *certs) {
    const unsigned char* cp = entry.raw.data();
    X509Ptr cert(d2i_X509(nullptr, &cp, static_cast<long>(entry.raw.size())));
    if (!cert) return Fail(Error::Parse(kBadTrust, "master list: bad certificate"));
    parsed.push_back(std::move(cert));
  }
  size_t added = 0;
  for (auto& cert : parsed) {
    if (AddAnchor(std::move(cert), true)) ++added;
  }
  if (STACK_OF(X509_CRL)* crls = CMS_get1_crls(cms.get())) {
    while (sk_X509_CRL_num(crls) > 0) crls_.emplace_back(sk_X509_CRL_shift(crls));
    sk_X509_CRL_free(crls);
  }
  return added;
}

std::string TrustStore::MasterListSignerProblem(CMS_ContentInfo* cms) const {
  // Set by CMS_verify. OpenSSL 3 hands back a new stack (not the certificates) to free.
  STACK_OF(X509)* signers = CMS_get0_signers(cms);
  if (signers == nullptr || sk_X509_num(signers) != 1) {
    sk_X509_free(signers);
    return "not exactly one signer";
  }
  X509* signer = sk_X509_value(signers, 0);
  sk_X509_free(signers);  // the certificate itself is the CMS structure's, alive with it
  for (const auto* group : {&master_list_signers_, &vouchers_}) {
    for (const X509Ptr& trusted : *group) {
      if (X509_cmp(trusted.get(), signer) == 0) return {};
    }
  }
  std::unique_ptr<X509_STORE, StoreFree> store(NewX509Store());
  for (const X509Ptr& cert : vouchers_) X509_STORE_add_cert(store.get(), cert.get());
  ERR_clear_error();
  STACK_OF(X509)* embedded = CMS_get1_certs(cms);
  std::unique_ptr<X509_STORE_CTX, CtxFree> ctx(X509_STORE_CTX_new());
  std::string problem;
  if (!store || !ctx || X509_STORE_CTX_init(ctx.get(), store.get(), signer, embedded) != 1) {
    problem = "verification context";
  } else {
    // Anchors include master-list link certificates; the signer itself must not be one.
    X509_STORE_CTX_set_flags(ctx.get(), X509_V_FLAG_PARTIAL_CHAIN);
    if (X509_verify_cert(ctx.get()) != 1) {
      problem = std::string("signer: ") +
                X509_verify_cert_error_string(X509_STORE_CTX_get_error(ctx.get()));
    } else if (sk_X509_num(X509_STORE_CTX_get0_chain(ctx.get())) < 2) {
      problem = "signer is itself an anchor, not a signer it vouches for";
    } else {
      STACK_OF(X509)* chain = X509_STORE_CTX_get0_chain(ctx.get());
      if (RevokedBy(sk_X509_value(chain, 0), sk_X509_value(chain, 1)).value_or(false)) {
        problem = "signer revoked";
      }
    }
  }
  sk_X509_pop_free(embedded, X509_free);
  ERR_clear_error();
  return problem;
}

std::string CscaAnchorProblem(X509* cert, bool require_self_signed) {
  if (cert == nullptr) return "no certificate";
  const uint32_t flags = X509_get_extension_flags(cert);  // also caches the extensions
  if (flags & EXFLAG_INVALID) return "malformed extensions";
  if (!(flags & EXFLAG_BCONS) || !(flags & EXFLAG_CA)) return "not a CA (basicConstraints CA:TRUE missing)";
  if (!(flags & EXFLAG_KUSAGE) || !(X509_get_key_usage(cert) & KU_KEY_CERT_SIGN)) {
    return "keyUsage lacks keyCertSign";
  }
  if (require_self_signed && X509_self_signed(cert, 1) != 1) {
    ERR_clear_error();
    return "not self-signed (a CSCA outside a master list must be a root)";
  }
  return {};
}

bool TrustStore::AddAnchor(X509Ptr cert, bool from_master_list) {
  const std::string problem = CscaAnchorProblem(cert.get(), !from_master_list);
  if (!problem.empty()) {
    char subject[256] = {};
    X509_NAME_oneline(X509_get_subject_name(cert.get()), subject, sizeof subject);
    rejected_.push_back(std::string(subject) + ": " + problem);
    return false;
  }
  certificates_.push_back(std::move(cert));
  return true;
}

bool TrustStore::Add(X509Ptr cert) { return AddAnchor(std::move(cert), false); }

void TrustStore::AddMasterListSigner(X509Ptr cert) {
  if (cert) master_list_signers_.push_back(std::move(cert));
}

void TrustStore::VouchMasterListsWith(const TrustStore& other) {
  for (const auto* group : {&other.certificates_, &other.master_list_signers_, &other.vouchers_}) {
    for (const X509Ptr& cert : *group) vouchers_.emplace_back(X509_dup(cert.get()));
  }
}

bool TrustStore::IsAnchor(X509* cert) const {
  return cert != nullptr &&
         std::any_of(certificates_.begin(), certificates_.end(),
                     [cert](const X509Ptr& anchor) { return X509_cmp(anchor.get(), cert) == 0; });
}

std::optional<bool> TrustStore::RevokedBy(X509* cert, X509* issuer) const {
  if (cert == nullptr || issuer == nullptr) return std::nullopt;
  EVP_PKEY* issuer_key = X509_get0_pubkey(issuer);
  std::optional<bool> revoked;
  for (const X509CrlPtr& crl : crls_) {
    if (X509_NAME_cmp(X509_CRL_get_issuer(crl.get()), X509_get_subject_name(issuer)) != 0) continue;
    if (issuer_key == nullptr || X509_CRL_verify(crl.get(), issuer_key) != 1) continue;
    X509_REVOKED* entry = nullptr;
    // 1: listed; 2: listed as removeFromCRL (a delta CRL lifting a hold): not revoked.
    const bool listed = X509_CRL_get0_by_cert(crl.get(), &entry, cert) == 1;
    revoked = revoked.value_or(false) || listed;
  }
  ERR_clear_error();
  return revoked;
}

X509_STORE* TrustStore::NewX509Store() const {
  X509_STORE* store = X509_STORE_new();
  for (const X509Ptr& cert : certificates_) X509_STORE_add_cert(store, cert.get());
  ERR_clear_error();  // duplicates are reported as errors and are harmless
  return store;
}

Result<Bytes> BuildMasterList(const std::vector<X509*>& cscas, X509* signer_cert, EVP_PKEY* key) {
  Bytes set;
  for (X509* cert : cscas) {
    unsigned char* der = nullptr;
    const int size = i2d_X509(cert, &der);
    if (size <= 0) return Fail(Error::Internal("i2d_X509"));
    set.insert(set.end(), der, der + size);
    OPENSSL_free(der);
  }
  const Bytes list = EncodeTlv(0x30, Concat({EncodeDerInteger(0), EncodeTlv(0x31, set)}));
  BioPtr in(BIO_new_mem_buf(list.data(), static_cast<int>(list.size())));
  const unsigned flags = CMS_PARTIAL | CMS_BINARY | CMS_NOSMIMECAP;
  CmsPtr cms(CMS_sign(signer_cert, key, nullptr, nullptr, flags));
  if (!cms) return Fail(Error::Internal("CMS_sign: " + DrainOpenSslErrors()));
  ASN1_OBJECT* type = OBJ_txt2obj(kOidCscaMasterList, 1);
  const int set_ok = CMS_set1_eContentType(cms.get(), type);
  ASN1_OBJECT_free(type);
  if (set_ok != 1 || CMS_final(cms.get(), in.get(), nullptr, flags) != 1) {
    return Fail(Error::Internal("CMS_final: " + DrainOpenSslErrors()));
  }
  unsigned char* der = nullptr;
  const int size = i2d_CMS_ContentInfo(cms.get(), &der);
  if (size <= 0) return Fail(Error::Internal("i2d_CMS_ContentInfo"));
  Bytes out(der, der + size);
  OPENSSL_free(der);
  return out;
}

}  // namespace kiosk::emrtd
