#pragma once
// Basic Access Control (ICAO Doc 9303 Part 11 §4.3): keys derived from the MRZ information
// (document number, date of birth, expiry date, each followed by its check digit), then a
// 3DES mutual authentication (GET CHALLENGE, EXTERNAL AUTHENTICATE) that yields the session
// keys and the send sequence counter of secure messaging.
//
// Both sides live here so the chip emulator shares the primitives with the terminal: the
// terminal functions are Build…/Complete…, the card's is AnswerExternalAuthenticate.

#include <array>
#include <cstdint>
#include <string_view>

#include "kiosk/core/result.h"
#include "kiosk/core/secret.h"
#include "kiosk/emrtd/protocol/apdu.h"

namespace kiosk::emrtd {

class CardChannel;
class SecureMessaging;

// K_enc and K_mac: two-key 3DES keys, 16 bytes each, parity adjusted.
struct BacKeys {
  SecretBytes k_enc;
  SecretBytes k_mac;
};

// The first 16 bytes of SHA-1(MRZ information). mrz_information is document number + check
// digit + date of birth (YYMMDD) + check digit + expiry (YYMMDD) + check digit, e.g.
// "L898902C<369080619406236".
SecretBytes ComputeBacKeySeed(std::string_view mrz_information);
// ICAO KDF for 3DES: SHA-1(seed || counter as 4 bytes big-endian), first 16 bytes, DES parity
// adjusted. counter 1 gives K_enc, 2 gives K_mac.
SecretBytes DeriveTripleDesKey(const SecretBytes& seed, uint32_t counter);
BacKeys DeriveBacKeys(std::string_view mrz_information);

// Session keys and SSC agreed by a successful mutual authentication.
struct BacSession {
  SecretBytes ks_enc;
  SecretBytes ks_mac;
  std::array<uint8_t, 8> ssc{};
};

// Terminal side, step by step (the deterministic parts, for the ICAO worked example).
// E.IFD || M.IFD for EXTERNAL AUTHENTICATE, from S = RND.IFD || RND.IC || K.IFD.
Result<Bytes> BuildExternalAuthenticateData(const BacKeys& keys, ByteView rnd_ic,
                                            ByteView rnd_ifd, const SecretBytes& k_ifd);
// Checks the card's E.IC || M.IC (MAC first, then RND.IFD and RND.IC inside), and derives the
// session. A response that fails any check is kVerificationFailed.
Result<BacSession> CompleteBac(const BacKeys& keys, ByteView rnd_ic, ByteView rnd_ifd,
                               const SecretBytes& k_ifd, ByteView card_response);

// The whole exchange over a channel with fresh randomness: GET CHALLENGE, EXTERNAL
// AUTHENTICATE. 6300 (or 6982) to EXTERNAL AUTHENTICATE means the key was wrong:
// kWrongAccessKey, with a message naming the fields to recheck.
Result<SecureMessaging> PerformBac(CardChannel& channel, const BacKeys& keys);

// Card side: checks the terminal's EXTERNAL AUTHENTICATE data against the card's challenge and
// answers E.IC || M.IC, with the session it establishes. k_ic is the card's 16 random bytes.
// A wrong MAC or a wrong RND.IC is kWrongAccessKey (the card answers 6300).
struct BacCardAnswer {
  Bytes response;
  BacSession session;
};
Result<BacCardAnswer> AnswerExternalAuthenticate(const BacKeys& keys, ByteView rnd_ic,
                                                 const SecretBytes& k_ic, ByteView command_data);

// The message shown when the chip refuses the key: which fields the officer should recheck.
Error WrongAccessKeyError(std::string detail);

}  // namespace kiosk::emrtd
