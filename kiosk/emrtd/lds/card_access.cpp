#include "kiosk/emrtd/lds/card_access.h"

#include <algorithm>
#include <charconv>

#include "kiosk/core/i18n.h"

namespace kiosk::emrtd {
namespace {

constexpr uint32_t kSet = 0x31;
constexpr uint32_t kSequence = 0x30;
constexpr uint32_t kOid = 0x06;
constexpr uint32_t kInteger = 0x02;
// Standardized domain parameter ids are 0..31 (BSI TR-03110 Part 3 table 4); larger is garbage.
constexpr int kMaxParameterId = 31;
constexpr size_t kMaxSecurityInfos = 64;

Error Malformed(std::string detail) {
  return Error::Parse(N_("The chip's EF.CardAccess is malformed."), "EF.CardAccess: " + detail);
}

Result<int> SmallInteger(const Tlv& tlv, std::string_view what) {
  if (tlv.tag != kInteger || tlv.value.empty() || tlv.value.size() > 2 || (tlv.value[0] & 0x80)) {
    return Fail(Malformed(std::string(what) + " is not a small non-negative INTEGER"));
  }
  auto value = TlvUnsigned(tlv);
  if (!value) return Fail(Malformed(std::string(what) + ": " + value.error().detail()));
  return static_cast<int>(*value);
}

// The two arcs after the PACE prefix: mapping/key agreement, then cipher.
Result<void> ClassifyPace(PaceInfo& info) {
  const std::string_view rest = std::string_view(info.protocol_oid).substr(kPaceOidPrefix.size());
  const size_t dot = rest.find('.');
  if (dot == std::string_view::npos) return Fail(Malformed("PACE OID without a cipher arc"));
  int kind = 0;
  int cipher = 0;
  const auto kind_text = rest.substr(0, dot);
  const auto cipher_text = rest.substr(dot + 1);
  if (std::from_chars(kind_text.data(), kind_text.data() + kind_text.size(), kind).ptr !=
          kind_text.data() + kind_text.size() ||
      std::from_chars(cipher_text.data(), cipher_text.data() + cipher_text.size(), cipher).ptr !=
          cipher_text.data() + cipher_text.size()) {
    return Fail(Malformed("PACE OID arcs"));
  }
  switch (kind) {
    case 1: info.key_agreement = PaceKeyAgreement::kDh; info.mapping = PaceMapping::kGeneric; break;
    case 2: info.key_agreement = PaceKeyAgreement::kEcdh; info.mapping = PaceMapping::kGeneric; break;
    case 3: info.key_agreement = PaceKeyAgreement::kDh; info.mapping = PaceMapping::kIntegrated; break;
    case 4: info.key_agreement = PaceKeyAgreement::kEcdh; info.mapping = PaceMapping::kIntegrated; break;
    case 6:
      info.key_agreement = PaceKeyAgreement::kEcdh;
      info.mapping = PaceMapping::kChipAuthentication;
      break;
    default: return Fail(Malformed("unknown PACE mapping arc " + std::to_string(kind)));
  }
  switch (cipher) {
    case 1: info.cipher = PaceCipher::kTripleDes; break;
    case 2: info.cipher = PaceCipher::kAes128; break;
    case 3: info.cipher = PaceCipher::kAes192; break;
    case 4: info.cipher = PaceCipher::kAes256; break;
    default: return Fail(Malformed("unknown PACE cipher arc " + std::to_string(cipher)));
  }
  return {};
}

// A PACEInfo OID has exactly two arcs after the prefix; a PACEDomainParameterInfo has one.
bool IsPaceInfoOid(std::string_view oid) {
  if (!oid.starts_with(kPaceOidPrefix)) return false;
  return std::count(oid.begin() + static_cast<ptrdiff_t>(kPaceOidPrefix.size()), oid.end(), '.') == 1;
}

Result<PaceInfo> ParsePaceInfo(std::string oid, const std::vector<Tlv>& fields) {
  PaceInfo info;
  info.protocol_oid = std::move(oid);
  if (fields.size() < 2 || fields.size() > 3) return Fail(Malformed("PACEInfo field count"));
  auto version = SmallInteger(fields[1], "PACEInfo version");
  if (!version) return Fail(version.error());
  if (*version != 1 && *version != 2) {
    return Fail(Malformed("PACEInfo version " + std::to_string(*version)));
  }
  info.version = *version;
  if (fields.size() == 3) {
    auto parameter = SmallInteger(fields[2], "PACEInfo parameterId");
    if (!parameter) return Fail(parameter.error());
    if (*parameter > kMaxParameterId) return Fail(Malformed("parameterId out of range"));
    info.parameter_id = *parameter;
  }
  if (auto classified = ClassifyPace(info); !classified) return Fail(classified.error());
  return info;
}

int CipherStrength(PaceCipher cipher) {
  switch (cipher) {
    case PaceCipher::kTripleDes: return 0;
    case PaceCipher::kAes128: return 1;
    case PaceCipher::kAes192: return 2;
    case PaceCipher::kAes256: return 3;
  }
  return 0;
}

}  // namespace

Result<CardAccess> ParseCardAccess(ByteView data) {
  auto set = ParseSingleTlv(data, kSet);
  if (!set) return Fail(Malformed(set.error().detail()));
  auto infos = Children(*set);
  if (!infos) return Fail(Malformed(infos.error().detail()));
  if (infos->empty()) return Fail(Malformed("no SecurityInfo"));
  if (infos->size() > kMaxSecurityInfos) return Fail(Malformed("too many SecurityInfos"));
  CardAccess out;
  for (const Tlv& info : *infos) {
    if (info.tag != kSequence) return Fail(Malformed("SecurityInfo is not a SEQUENCE"));
    auto fields = Children(info);
    if (!fields) return Fail(Malformed(fields.error().detail()));
    if (fields->size() < 2) return Fail(Malformed("SecurityInfo without requiredData"));
    if ((*fields)[0].tag != kOid) return Fail(Malformed("SecurityInfo does not start with an OID"));
    auto oid = DecodeOid((*fields)[0].value);
    if (!oid) return Fail(Malformed("SecurityInfo OID: " + oid.error().detail()));
    if (IsPaceInfoOid(*oid)) {
      auto pace = ParsePaceInfo(std::move(*oid), *fields);
      if (!pace) return Fail(pace.error());
      out.pace.push_back(std::move(*pace));
    } else {
      out.other_protocols.push_back(std::move(*oid));
    }
  }
  return out;
}

std::optional<PaceInfo> ChoosePace(const CardAccess& card_access) {
  std::optional<PaceInfo> best;
  for (const PaceInfo& info : card_access.pace) {
    if (info.mapping != PaceMapping::kGeneric || !info.parameter_id) continue;
    const int id = *info.parameter_id;
    // 0..2: the RFC 5114 MODP groups; 8..18: NIST and Brainpool curves. Others are reserved.
    const bool known = info.key_agreement == PaceKeyAgreement::kDh ? id <= 2 : (id >= 8 && id <= 18);
    if (!known) continue;
    const bool better =
        !best || (info.key_agreement == PaceKeyAgreement::kEcdh &&
                  best->key_agreement == PaceKeyAgreement::kDh) ||
        (info.key_agreement == best->key_agreement &&
         CipherStrength(info.cipher) > CipherStrength(best->cipher));
    if (better) best = info;
  }
  return best;
}

Bytes EncodeCardAccess(const std::vector<PaceInfo>& infos) {
  Bytes content;
  for (const PaceInfo& info : infos) {
    Bytes fields = EncodeOid(info.protocol_oid);
    const Bytes version = EncodeDerInteger(static_cast<uint64_t>(info.version));
    fields.insert(fields.end(), version.begin(), version.end());
    if (info.parameter_id) {
      const Bytes parameter = EncodeDerInteger(static_cast<uint64_t>(*info.parameter_id));
      fields.insert(fields.end(), parameter.begin(), parameter.end());
    }
    AppendTlv(content, kSequence, fields);
  }
  return EncodeTlv(kSet, content);
}

}  // namespace kiosk::emrtd
