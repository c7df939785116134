#pragma once
// PACE (ICAO 9303 Part 11 §4.4, BSI TR-03110) with the generic mapping, DH or ECDH, on OpenPACE
// (libeac). Both sides live here so the chip emulator runs the card's half with the same code:
//  - PaceCrypto: one party's state of one PACE run (nonce, mapping, key agreement, tokens, the
//    session keys), a thin wrapper over OpenPACE's EAC_CTX;
//  - PerformPace: the terminal's exchange over a channel (MSE:Set AT, four chained GENERAL
//    AUTHENTICATE), ending in AES (or 3DES) secure messaging with a zero SSC.
// Passwords: the MRZ (K = SHA-1 of the MRZ information, as BAC's seed input) or the CAN (the
// digits printed on the card). A password the chip refuses is kWrongAccessKey with a message
// naming what to recheck, exactly like BAC.

#include <memory>
#include <string_view>

#include "kiosk/core/result.h"
#include "kiosk/core/secret.h"
#include "kiosk/emrtd/lds/card_access.h"
#include "kiosk/emrtd/protocol/apdu.h"
#include "kiosk/emrtd/protocol/secure_messaging.h"

namespace kiosk::emrtd {

class CardChannel;

enum class PacePasswordType { kMrz = 1, kCan = 2 };

struct PacePassword {
  PacePasswordType type = PacePasswordType::kMrz;
  SecretBytes secret;  // SHA-1(MRZ information) for kMrz, the CAN's ASCII digits for kCan
};
PacePassword PacePasswordFromMrz(std::string_view mrz_information);
PacePassword PacePasswordFromCan(std::string_view can);
// A CAN is 6 digits on the CCCD (ICAO allows any digits; 4..10 accepted).
Result<void> ValidateCan(std::string_view can);

// The error when the chip refuses the CAN (the MRZ case is WrongAccessKeyError, as BAC).
Error WrongCanError(std::string detail);

class PaceCrypto {
 public:
  // kUnsupported when OpenPACE does not know the protocol or domain parameters.
  static Result<PaceCrypto> Create(const PaceInfo& info, const PacePassword& password);
  PaceCrypto(PaceCrypto&&) noexcept;
  PaceCrypto& operator=(PaceCrypto&&) noexcept;
  ~PaceCrypto();

  // Card: a fresh nonce s, encrypted with K_pi. Terminal: decrypts it.
  Result<Bytes> EncryptNonce();
  Result<void> DecryptNonce(ByteView encrypted_nonce);
  // Generic mapping: own mapping data out, the other party's in (maps the generator).
  Result<Bytes> MappingData();
  Result<void> MapGenerator(ByteView other_mapping_data);
  // Key agreement on the mapped domain parameters. ComputeSharedSecret refuses an other party's
  // key equal to ours (ICAO 9303 Part 11 §4.4.3.3.3).
  Result<Bytes> EphemeralPublicKey();
  Result<void> ComputeSharedSecret(ByteView other_public_key);
  // K_enc and K_mac from the shared secret, then the tokens: ours over the other's key, and the
  // check of the other's token over our key (false: the other party had another password).
  Result<void> DeriveKeys();
  Result<Bytes> AuthenticationToken(ByteView other_public_key);
  Result<bool> VerifyAuthenticationToken(ByteView token);
  // Secure messaging with the derived keys (SSC zero).
  Result<SecureMessaging> StartSecureMessaging() const;
  // The nonce s once decrypted or generated (the ICAO worked example checks it).
  Bytes Nonce() const;

 private:
  struct State;
  explicit PaceCrypto(std::unique_ptr<State> state);
  std::unique_ptr<State> state_;
  Bytes own_public_key_;
};

// MSE:Set AT data: 80 protocol OID, 83 password reference, 84 parameter id (when known).
Bytes PaceMseSetAtData(const PaceInfo& info, PacePasswordType password);

// The terminal's whole PACE exchange. Errors: kWrongAccessKey when the chip refuses the
// password; kUnsupported when the chip refuses the protocol (the caller may use BAC instead);
// kCardRemoved and transport errors as they come; anything else kCardError / kVerificationFailed.
Result<SecureMessaging> PerformPace(CardChannel& channel, const PaceInfo& info,
                                    const PacePassword& password);

}  // namespace kiosk::emrtd
