#pragma once
// EF.SOD (tag 77): a CMS SignedData whose eContent (type id-icao-mrtd-security-ldsSecurityObject
// 2.23.136.1.1.1) is the LDSSecurityObject: the hash algorithm and the hash of every data group.
// The document-signer certificate normally travels in the SignedData's certificates.

#include <map>
#include <memory>
#include <string>
#include <vector>

#include "kiosk/emrtd/lds/openssl_ptr.h"
#include "kiosk/emrtd/lds/tlv.h"

namespace kiosk::emrtd {

inline constexpr const char* kOidLdsSecurityObject = "2.23.136.1.1.1";

struct LdsSecurityObject {
  uint64_t version = 0;
  std::string hash_algorithm_oid;  // 2.16.840.1.101.3.4.2.1 = SHA-256 …
  std::map<int, Bytes> data_group_hashes;
};

// The DER of an LDSSecurityObject (no OpenSSL involved).
Result<LdsSecurityObject> ParseLdsSecurityObject(ByteView der);
Bytes BuildLdsSecurityObject(const LdsSecurityObject& lso);

// OpenSSL's EVP digest name for a hash OID ("SHA256"), or empty if unsupported.
std::string DigestNameForOid(std::string_view oid);

class Sod {
 public:
  // Parses 77 { ContentInfo }; checks the eContentType and parses the LDSSecurityObject.
  static Result<Sod> Parse(ByteView file);

  const LdsSecurityObject& security_object() const { return lso_; }
  CMS_ContentInfo* cms() const { return cms_.get(); }
  // The certificates embedded in the SignedData (borrowed pointers, valid while *this lives).
  std::vector<X509*> Certificates() const;

 private:
  CmsPtr cms_;
  std::vector<X509Ptr> certificates_;
  LdsSecurityObject lso_;
};

}  // namespace kiosk::emrtd
