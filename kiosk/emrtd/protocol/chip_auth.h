#pragma once
// Chip Authentication, version 1 (ICAO 9303 Part 11 §6.2) with ECDH: the terminal sends an
// ephemeral public key on the domain parameters of the chip's static key from DG14, both sides
// derive new secure-messaging keys from the shared secret, and the session continues under them
// with SSC zero. Only a chip holding the private key matching DG14 (whose hash Passive
// Authentication checks) can go on answering: a copied chip cannot.
//
// Both sides live here so the chip emulator shares the key agreement and derivation:
//  - terminal: PerformChipAuthentication over an authenticated CardSession;
//  - card: ChipAuthAnswer (from the terminal's public key and the card's private key).

#include <optional>

#include "kiosk/core/result.h"
#include "kiosk/emrtd/lds/card_access.h"
#include "kiosk/emrtd/lds/dg14.h"
#include "kiosk/emrtd/lds/openssl_ptr.h"
#include "kiosk/emrtd/protocol/chip_reader.h"
#include "kiosk/emrtd/protocol/secure_messaging.h"

namespace kiosk::emrtd {

inline constexpr const char* kOidCaEcdhPrefix = "0.4.0.127.0.7.2.2.3.2.";  // id-CA-ECDH-*
inline constexpr const char* kOidCaEcdhAes128 = "0.4.0.127.0.7.2.2.3.2.2";
inline constexpr const char* kOidPkEcdh = "0.4.0.127.0.7.2.2.1.2";  // id-PK-ECDH

// The cipher named by an id-CA-ECDH-* OID's last arc; nullopt for DH or unknown OIDs.
std::optional<PaceCipher> ChipAuthCipher(std::string_view ca_oid);

// KDF (ICAO 9303 Part 11 §9.7.1) of the shared secret into K_enc and K_mac for the cipher, as a
// secure-messaging session with SSC zero.
Result<SecureMessaging> ChipAuthSession(PaceCipher cipher, ByteView shared_secret);

// ECDH helpers on OpenSSL EVP keys: the uncompressed public point, a public key from a point on
// the same curve as `like`, and the shared secret (x coordinate).
Result<Bytes> EcPublicPoint(EVP_PKEY* key);
Result<EvpPkeyPtr> EcPublicKeyFromPoint(EVP_PKEY* like, ByteView point);
Result<Bytes> EcdhSharedSecret(EVP_PKEY* own_private, EVP_PKEY* peer_public);

// Card side: the session the card switches to after answering, given the terminal's point.
Result<SecureMessaging> ChipAuthAnswer(EVP_PKEY* card_private, PaceCipher cipher,
                                       ByteView terminal_point);

// Terminal side. passed: the chip answered a command under the new keys; failed: it could not
// (the session is then over: re-authenticate before anything else); not_supported: no ECDH
// Chip Authentication key in DG14, or a variant the station does not run.
AuthReport PerformChipAuthentication(CardSession& session, const Dg14& dg14);

// DG14 SecurityInfos announcing Chip Authentication with this key (for the emulator).
Bytes BuildChipAuthenticationInfo(std::string_view ca_oid);
Result<Bytes> BuildChipAuthenticationPublicKeyInfo(EVP_PKEY* key);

}  // namespace kiosk::emrtd
