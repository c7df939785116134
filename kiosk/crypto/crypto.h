#pragma once
// Small crypto helpers over OpenSSL EVP, shared by the store, the audit log and whoever needs
// them: random bytes, SHA-256 and AES-256-GCM with additional data. Errors are kCrypto (or
// kVerificationFailed when a sealed blob does not authenticate), never an OpenSSL code.
//
// Thread safety: every function is safe to call from any thread.

#include <array>
#include <cstdint>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "kiosk/core/result.h"
#include "kiosk/core/secret.h"

namespace kiosk::crypto {

using Bytes = std::vector<uint8_t>;
using Sha256Digest = std::array<uint8_t, 32>;

constexpr size_t kAes256KeySize = 32;
// A sealed blob is nonce (12) || ciphertext || tag (16).
constexpr size_t kGcmNonceSize = 12;
constexpr size_t kGcmTagSize = 16;
constexpr size_t kGcmOverhead = kGcmNonceSize + kGcmTagSize;

Result<void> RandomBytes(uint8_t* out, size_t size);
Result<SecretBytes> RandomKey(size_t size = kAes256KeySize);

// Incremental SHA-256, for canonical serialisations fed piece by piece.
class Sha256 {
 public:
  Sha256();
  ~Sha256();
  Sha256(const Sha256&) = delete;
  Sha256& operator=(const Sha256&) = delete;
  Sha256& Update(std::span<const uint8_t> data);
  Sha256& Update(std::string_view text);
  // Length-prefixed (u64 big-endian) data, so field boundaries are part of what is hashed.
  Sha256& UpdateField(std::span<const uint8_t> data);
  Sha256& UpdateField(std::string_view text);
  Sha256Digest Final();

 private:
  void* ctx_;
};

Sha256Digest Sha256Of(std::span<const uint8_t> data);

// AES-256-GCM with a fresh random nonce. `aad` is authenticated but not stored: opening needs
// the very same aad, which is how a blob is bound to its record and field.
// REQUIRES: key.size() == kAes256KeySize.
Result<Bytes> Seal(const SecretBytes& key, std::span<const uint8_t> plaintext,
                   std::string_view aad);
// Errors: kVerificationFailed when the key, the aad or the bytes do not match; kCorrupt when the
// blob is too short to be a sealed blob.
Result<SecretBytes> Open(const SecretBytes& key, std::span<const uint8_t> sealed,
                         std::string_view aad);

std::string ToHex(std::span<const uint8_t> data);
// Errors: kParse on odd length or a non-hex character.
Result<Bytes> FromHex(std::string_view hex);

// Constant-time comparison.
bool EqualConstantTime(std::span<const uint8_t> a, std::span<const uint8_t> b);

inline std::span<const uint8_t> AsBytes(std::string_view text) {
  return {reinterpret_cast<const uint8_t*>(text.data()), text.size()};
}
inline std::span<const uint8_t> AsBytes(const SecretBytes& secret) {
  return {secret.data(), secret.size()};
}

}  // namespace kiosk::crypto
