#include "kiosk/emrtd/lds/dg14.h"

namespace kiosk::emrtd {
namespace {

constexpr const char* kMalformed = "The chip returned malformed data.";

bool StartsWith(std::string_view text, std::string_view prefix) {
  return text.substr(0, prefix.size()) == prefix;
}

}  // namespace

std::vector<std::string> Dg14::Protocols() const {
  std::vector<std::string> protocols;
  for (const SecurityInfo& info : infos) protocols.push_back(info.protocol);
  return protocols;
}

Result<Dg14> ParseDg14(ByteView file) {
  auto top = ParseSingleTlv(file, 0x6E);
  if (!top) return Fail(std::move(top).error().WithContext("DG14"));
  auto set = ParseSingleTlv(top->value, 0x31);
  if (!set) return Fail(std::move(set).error().WithContext("DG14"));
  auto items = Children(*set);
  if (!items) return Fail(std::move(items).error().WithContext("DG14"));
  Dg14 dg14;
  for (const Tlv& item : *items) {
    if (item.tag != 0x30) return Fail(Error::Parse(kMalformed, "DG14: SecurityInfo not a SEQUENCE"));
    auto parts = Children(item);
    if (!parts) return Fail(std::move(parts).error().WithContext("DG14"));
    if (parts->empty() || (*parts)[0].tag != 0x06) {
      return Fail(Error::Parse(kMalformed, "DG14: SecurityInfo without protocol"));
    }
    auto oid = DecodeOid((*parts)[0].value);
    if (!oid) return Fail(std::move(oid).error().WithContext("DG14"));
    dg14.infos.push_back({*oid, Bytes(item.raw.begin(), item.raw.end())});

    if (*oid == kOidActiveAuthentication) {
      // { id-AA, version INTEGER, signatureAlgorithm OID }
      if (parts->size() >= 3 && (*parts)[2].tag == 0x06) {
        if (auto alg = DecodeOid((*parts)[2].value)) dg14.active_auth_signature_algorithm = *alg;
      }
    } else if (StartsWith(*oid, kOidChipAuthPrefix)) {
      ChipAuthenticationInfo info;
      info.protocol = *oid;
      if (parts->size() >= 2 && (*parts)[1].tag == 0x02) {
        info.version = TlvUnsigned((*parts)[1]).value_or(0);
      }
      if (parts->size() >= 3 && (*parts)[2].tag == 0x02) {
        if (auto id = TlvUnsigned((*parts)[2])) info.key_id = *id;
      }
      dg14.chip_auth.push_back(std::move(info));
    } else if (StartsWith(*oid, kOidChipAuthPublicKeyPrefix)) {
      ChipAuthenticationPublicKeyInfo info;
      info.protocol = *oid;
      if (parts->size() >= 2 && (*parts)[1].tag == 0x30) {
        info.subject_public_key.assign((*parts)[1].raw.begin(), (*parts)[1].raw.end());
      }
      if (parts->size() >= 3 && (*parts)[2].tag == 0x02) {
        if (auto id = TlvUnsigned((*parts)[2])) info.key_id = *id;
      }
      dg14.chip_auth_keys.push_back(std::move(info));
    }
  }
  return dg14;
}

Bytes BuildDg14(const std::vector<Bytes>& security_infos) {
  Bytes content;
  for (const Bytes& info : security_infos) content.insert(content.end(), info.begin(), info.end());
  return EncodeTlv(0x6E, EncodeTlv(0x31, content));
}

Bytes BuildActiveAuthenticationInfo(std::string_view signature_algorithm_oid) {
  return EncodeTlv(0x30, Concat({EncodeOid(kOidActiveAuthentication), EncodeDerInteger(1),
                                 EncodeOid(signature_algorithm_oid)}));
}

}  // namespace kiosk::emrtd
