#include "kiosk/emrtd/lds/sod.h"

#include <openssl/cms.h>
#include <openssl/err.h>
#include <openssl/objects.h>
#include <openssl/x509.h>

#include "kiosk/emrtd/lds/lds_files.h"

namespace kiosk::emrtd {
namespace {

constexpr const char* kMalformed = "The chip returned malformed data.";
Error Malformed(std::string detail) { return Error::Parse(kMalformed, "EF.SOD: " + detail); }

std::string ObjectText(const ASN1_OBJECT* object) {
  char buffer[128];
  const int size = OBJ_obj2txt(buffer, sizeof buffer, object, 1);
  if (size <= 0 || static_cast<size_t>(size) >= sizeof buffer) return {};
  return buffer;
}

}  // namespace

std::string DigestNameForOid(std::string_view oid) {
  if (oid == "1.3.14.3.2.26") return "SHA1";
  if (oid == "2.16.840.1.101.3.4.2.4") return "SHA224";
  if (oid == "2.16.840.1.101.3.4.2.1") return "SHA256";
  if (oid == "2.16.840.1.101.3.4.2.2") return "SHA384";
  if (oid == "2.16.840.1.101.3.4.2.3") return "SHA512";
  return {};
}

Result<LdsSecurityObject> ParseLdsSecurityObject(ByteView der) {
  auto top = ParseSingleTlv(der, 0x30);
  if (!top) return Fail(std::move(top).error().WithContext("LDSSecurityObject"));
  auto parts = Children(*top);
  if (!parts) return Fail(std::move(parts).error().WithContext("LDSSecurityObject"));
  if (parts->size() < 3 || (*parts)[0].tag != 0x02 || (*parts)[1].tag != 0x30 ||
      (*parts)[2].tag != 0x30) {
    return Fail(Malformed("LDSSecurityObject structure"));
  }
  LdsSecurityObject lso;
  lso.version = TlvUnsigned((*parts)[0]).value_or(0);
  auto algorithm = Children((*parts)[1]);
  if (!algorithm || algorithm->empty() || (*algorithm)[0].tag != 0x06) {
    return Fail(Malformed("hash algorithm"));
  }
  auto oid = DecodeOid((*algorithm)[0].value);
  if (!oid) return Fail(oid.error());
  lso.hash_algorithm_oid = *oid;
  auto hashes = Children((*parts)[2]);
  if (!hashes) return Fail(hashes.error());
  for (const Tlv& entry : *hashes) {
    auto fields = Children(entry);
    if (!fields || fields->size() != 2 || (*fields)[0].tag != 0x02 || (*fields)[1].tag != 0x04) {
      return Fail(Malformed("DataGroupHash"));
    }
    auto number = TlvUnsigned((*fields)[0]);
    if (!number || *number < 1 || *number > 16) return Fail(Malformed("data group number"));
    if (lso.data_group_hashes.count(static_cast<int>(*number)) != 0) {
      return Fail(Malformed("duplicate data group hash"));
    }
    lso.data_group_hashes[static_cast<int>(*number)] =
        Bytes((*fields)[1].value.begin(), (*fields)[1].value.end());
  }
  return lso;
}

Bytes BuildLdsSecurityObject(const LdsSecurityObject& lso) {
  Bytes hashes;
  for (const auto& [number, hash] : lso.data_group_hashes) {
    const Bytes entry = EncodeTlv(
        0x30, Concat({EncodeDerInteger(static_cast<uint64_t>(number)), EncodeTlv(0x04, hash)}));
    hashes.insert(hashes.end(), entry.begin(), entry.end());
  }
  return EncodeTlv(0x30, Concat({EncodeDerInteger(lso.version),
                                 EncodeTlv(0x30, EncodeOid(lso.hash_algorithm_oid)),
                                 EncodeTlv(0x30, hashes)}));
}

Result<Sod> Sod::Parse(ByteView file) {
  auto top = ParseSingleTlv(file, kTagSod);
  if (!top) return Fail(std::move(top).error().WithContext("EF.SOD"));
  const unsigned char* p = top->value.data();
  CmsPtr cms(d2i_CMS_ContentInfo(nullptr, &p, static_cast<long>(top->value.size())));
  if (!cms) {
    ERR_clear_error();
    return Fail(Malformed("not a CMS ContentInfo"));
  }
  if (p != top->value.data() + top->value.size()) return Fail(Malformed("trailing bytes"));
  if (OBJ_obj2nid(CMS_get0_type(cms.get())) != NID_pkcs7_signed) {
    return Fail(Malformed("not SignedData"));
  }
  const std::string content_type = ObjectText(CMS_get0_eContentType(cms.get()));
  if (content_type != kOidLdsSecurityObject) {
    return Fail(Malformed("eContentType " + content_type));
  }
  ASN1_OCTET_STRING** content = CMS_get0_content(cms.get());
  if (content == nullptr || *content == nullptr) return Fail(Malformed("no eContent"));
  const ByteView lso_der(ASN1_STRING_get0_data(*content),
                         static_cast<size_t>(ASN1_STRING_length(*content)));
  auto lso = ParseLdsSecurityObject(lso_der);
  if (!lso) return Fail(std::move(lso).error().WithContext("EF.SOD"));

  Sod sod;
  sod.lso_ = std::move(*lso);
  STACK_OF(X509)* certs = CMS_get1_certs(cms.get());
  for (int i = 0; certs != nullptr && i < sk_X509_num(certs); ++i) {
    sod.certificates_.emplace_back(sk_X509_value(certs, i));  // takes the reference get1 gave
  }
  sk_X509_free(certs);
  sod.cms_ = std::move(cms);
  return sod;
}

std::vector<X509*> Sod::Certificates() const {
  std::vector<X509*> certs;
  for (const X509Ptr& cert : certificates_) certs.push_back(cert.get());
  return certs;
}

}  // namespace kiosk::emrtd
