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

struct BioDeleter {
  void operator()(BIO* bio) const { BIO_free(bio); }
};
using BioPtr = std::unique_ptr<BIO, BioDeleter>;

std::string Lower(std::string text) {
  std::transform(text.begin(), text.end(), text.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return text;
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
  for (auto it = std::filesystem::recursive_directory_iterator(dir, ec);
       !ec && it != std::filesystem::recursive_directory_iterator(); it.increment(ec)) {
    if (!it->is_regular_file()) continue;
    const std::string ext = Lower(it->path().extension().string());
    if (ext == ".pem" || ext == ".crt" || ext == ".cer" || ext == ".der" || ext == ".ml") {
      files.push_back(it->path());
    }
  }
  if (ec) return Fail(Error::Io(kBadTrust, "listing " + dir.string() + ": " + ec.message()));
  std::sort(files.begin(), files.end());
  size_t added = 0;
  for (const auto& file : files) {
    auto count = LoadFile(file);
    if (!count) return Fail(count.error());
    added += *count;
  }
  return added;
}

Result<size_t> TrustStore::LoadFile(const std::filesystem::path& file) {
  auto data = ReadWholeFile(file);
  if (!data) return Fail(data.error());
  auto result = Lower(file.extension().string()) == ".ml" ? AddMasterList(*data)
                                                           : AddCertificates(*data);
  if (!result) return Fail(std::move(result).error().WithContext(file.filename().string()));
  return result;
}

Result<size_t> TrustStore::AddCertificates(ByteView pem_or_der) {
  static constexpr char kPemMarker[] = "-----BEGIN";
  const bool is_pem =
      std::search(pem_or_der.begin(), pem_or_der.end(), kPemMarker,
                  kPemMarker + sizeof kPemMarker - 1) != pem_or_der.end();
  size_t added = 0;
  if (is_pem) {
    BioPtr bio(BIO_new_mem_buf(pem_or_der.data(), static_cast<int>(pem_or_der.size())));
    size_t seen = 0;
    while (X509* cert = PEM_read_bio_X509(bio.get(), nullptr, nullptr, nullptr)) {
      ++seen;
      if (AddAnchor(X509Ptr(cert), false)) ++added;
    }
    ERR_clear_error();  // the end of the PEM stream is reported as an error
    if (seen > 0) return added;  // certificates that are not CSCAs are in rejected()
  } else {
    const unsigned char* p = pem_or_der.data();
    X509Ptr cert(d2i_X509(nullptr, &p, static_cast<long>(pem_or_der.size())));
    if (cert) return AddAnchor(std::move(cert), false) ? size_t{1} : size_t{0};
  }
  if (added == 0) return Fail(Error::Parse(kBadTrust, "no certificate: " + DrainOpenSslErrors()));
  return added;
}

Result<size_t> TrustStore::AddMasterList(ByteView cms_der) {
  const unsigned char* p = cms_der.data();
  CmsPtr cms(d2i_CMS_ContentInfo(nullptr, &p, static_cast<long>(cms_der.size())));
  if (!cms) return Fail(Error::Parse(kBadTrust, "master list: not CMS: " + DrainOpenSslErrors()));
  // Integrity: the list is signed by the master list signer it embeds. Trust in the list comes
  // from the operator placing it in the folder (the signer's own chain is not checked here).
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
  size_t added = 0;
  for (const Tlv& entry : *certs) {
    const unsigned char* cp = entry.raw.data();
    X509Ptr cert(d2i_X509(nullptr, &cp, static_cast<long>(entry.raw.size())));
    if (!cert) return Fail(Error::Parse(kBadTrust, "master list: bad certificate"));
    if (AddAnchor(std::move(cert), true)) ++added;
  }
  return added;
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
