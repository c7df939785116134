#pragma once
// Active Authentication (ICAO 9303 part 11 §6.1): the chip signs the terminal's 8-byte
// challenge with the private key matching DG15, which proves the chip is not a copy.
//  - RSA: ISO/IEC 9796-2 digital signature scheme 1 (partial message recovery). The recovered
//    block is 6A || M1 || H || trailer, trailer BC (SHA-1) or hh CC (hh: 33 SHA-1, 38 SHA-224,
//    34 SHA-256, 36 SHA-384, 35 SHA-512), H = hash(M1 || challenge).
//  - ECDSA: plain r || s (BSI TR-03111) over hash(challenge); the hash comes from DG14's
//    ActiveAuthenticationInfo (ecdsa-plain-SHA*), or is searched when DG14 says nothing.

#include <optional>
#include <string>

#include <openssl/types.h>

#include "kiosk/emrtd/lds/tlv.h"

namespace kiosk::emrtd {

inline constexpr size_t kActiveAuthChallengeSize = 8;

enum class AaHash { kSha1, kSha224, kSha256, kSha384, kSha512 };

// kSha256 for ecdsa-plain-SHA256 (0.4.0.127.0.7.1.1.4.1.3) …; nullopt if not such an OID.
std::optional<AaHash> AaHashFromSignatureOid(std::string_view oid);

// kValid / kVerificationFailed (a clone or a wrong key) / kParse (malformed response) /
// kUnsupported (a key type other than RSA / EC). `hash` is only used for ECDSA.
Result<void> VerifyActiveAuth(EVP_PKEY* public_key, ByteView challenge, ByteView response,
                              std::optional<AaHash> hash = std::nullopt);

// The card side (used by the emulator): the same formats. RSA uses trailer BC with SHA-1 for
// kSha1 and hh CC otherwise.
Result<Bytes> SignActiveAuth(EVP_PKEY* private_key, ByteView challenge,
                             AaHash hash = AaHash::kSha256);

}  // namespace kiosk::emrtd
