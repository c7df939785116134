#pragma once
// EF.CardAccess (ICAO 9303 Part 11 §9.2): the SecurityInfos the chip offers before any access
// control, read in the clear from the master file. The station only needs the PACEInfo entries
// (protocol OID, version, standardized domain parameter id) to choose how to run PACE; other
// SecurityInfos are kept by OID so logs and tools can show them.
//
// The file comes from an untrusted chip: it is parsed strictly with the BER-TLV reader (SET of
// SEQUENCEs, each starting with an OID; a PACEInfo holds exactly an INTEGER version and an
// optional INTEGER parameter id) and anything else is a kParse error.

#include <optional>
#include <string>
#include <vector>

#include "kiosk/core/result.h"
#include "kiosk/emrtd/lds/tlv.h"

namespace kiosk::emrtd {

// The PACE key agreement and mapping named by a PACEInfo OID (0.4.0.127.0.7.2.2.4.<m>.<c>).
enum class PaceMapping { kGeneric, kIntegrated, kChipAuthentication };
enum class PaceKeyAgreement { kDh, kEcdh };
enum class PaceCipher { kTripleDes, kAes128, kAes192, kAes256 };

struct PaceInfo {
  std::string protocol_oid;           // dotted, e.g. "0.4.0.127.0.7.2.2.4.2.2"
  int version = 0;                    // 2 per ICAO 9303 (1 accepted from older chips)
  std::optional<int> parameter_id;    // standardized domain parameters (0..31), e.g. 13
  PaceKeyAgreement key_agreement = PaceKeyAgreement::kEcdh;
  PaceMapping mapping = PaceMapping::kGeneric;
  PaceCipher cipher = PaceCipher::kAes128;
};

struct CardAccess {
  std::vector<PaceInfo> pace;
  std::vector<std::string> other_protocols;  // OIDs of the SecurityInfos that are not PACEInfo
};

// The dotted OID prefix shared by every PACEInfo protocol.
inline constexpr std::string_view kPaceOidPrefix = "0.4.0.127.0.7.2.2.4.";

Result<CardAccess> ParseCardAccess(ByteView data);

// The PACEInfo the station can run (generic mapping, DH or ECDH, a standardized parameter id),
// the strongest cipher first; nullopt when none is usable and the reader must use BAC.
std::optional<PaceInfo> ChoosePace(const CardAccess& card_access);

// An EF.CardAccess with one PACEInfo per entry (the emulator's file, tests, fuzz seeds).
Bytes EncodeCardAccess(const std::vector<PaceInfo>& infos);

}  // namespace kiosk::emrtd
