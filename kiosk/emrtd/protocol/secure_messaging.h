#pragma once
// ICAO 9303 Part 11 §9.8 secure messaging, both sides of the link:
//  - 3DES after BAC: 3DES-CBC with a zero IV, retail MAC, 8-byte SSC;
//  - AES after PACE: AES-CBC with IV = E(KSenc, SSC), AES-CMAC truncated to 8 bytes, 16-byte SSC.
// Commands carry DO87 (or DO85 for an odd INS) with the padded cryptogram, DO97 with Le and DO8E
// with the MAC over the padded, masked header; responses carry DO87, DO99 (status) and DO8E.
// Every message increments the SSC before it is MACed. Unprotecting is strict: the data objects
// must appear in order, exactly once, with the right lengths, and nothing may follow DO8E; the MAC
// is checked (in constant time) before anything is decrypted.
//
// Thread safety: none; one object belongs to one session. Not copyable (it holds the keys).

#include <cstdint>

#include "kiosk/core/result.h"
#include "kiosk/core/secret.h"
#include "kiosk/emrtd/protocol/apdu.h"

namespace kiosk::emrtd {

// The error of a secure session that failed its integrity check (kCardError, retriable: a fresh
// session may succeed), and the test for it. A link error (the card gone, the reader failing) is
// not one.
Error SecureSessionLost(std::string detail);
bool IsSecureSessionLost(const Error& error);

class SecureMessaging {
 public:
  enum class Algorithm { kTripleDes, kAes };

  // ks_enc and ks_mac: 16 bytes for 3DES; 16, 24 or 32 for AES. ssc: 8 bytes for 3DES, 16 for AES
  // (PACE starts it at zero).
  static Result<SecureMessaging> Create(Algorithm algorithm, SecretBytes ks_enc,
                                        SecretBytes ks_mac, ByteView ssc);

  SecureMessaging(SecureMessaging&&) = default;
  SecureMessaging& operator=(SecureMessaging&&) = default;

  Algorithm algorithm() const { return algorithm_; }
  size_t block_size() const { return algorithm_ == Algorithm::kAes ? 16 : 8; }
  const Bytes& ssc() const { return ssc_; }

  // Terminal side.
  Result<CommandApdu> ProtectCommand(const CommandApdu& plain);
  // Every answer must carry a MAC that verifies. A bare status word (the card dropped out of
  // secure messaging, e.g. 6987/6988, or reports an error unprotected) is a lost session too:
  // an unauthenticated "file not found" could come from anything between the card and us.
  Result<ResponseApdu> UnprotectResponse(const ResponseApdu& protected_response);

  // Card side (the emulator).
  Result<CommandApdu> UnprotectCommand(const CommandApdu& protected_command);
  Result<ResponseApdu> ProtectResponse(const ResponseApdu& plain);

  // The size of the protected response data (DO87 + DO99 + DO8E) for plain_size bytes of
  // response data, and the largest short Ne whose protected response fits in 256 bytes (0xE7
  // under 3DES, 0xDF under AES).
  size_t ProtectedResponseSize(size_t plain_size) const;
  size_t LargestShortNe() const;

 private:
  SecureMessaging(Algorithm algorithm, SecretBytes ks_enc, SecretBytes ks_mac, Bytes ssc)
      : algorithm_(algorithm), ks_enc_(std::move(ks_enc)), ks_mac_(std::move(ks_mac)),
        ssc_(std::move(ssc)) {}

  void IncrementSsc();
  Result<Bytes> Encrypt(ByteView padded);
  Result<Bytes> Decrypt(ByteView cryptogram);
  // MAC over SSC || data (padded inside), 8 bytes.
  Result<Bytes> Mac(ByteView data);
  Result<void> CheckMac(ByteView data, ByteView mac);

  Algorithm algorithm_;
  SecretBytes ks_enc_;
  SecretBytes ks_mac_;
  Bytes ssc_;
};

}  // namespace kiosk::emrtd
