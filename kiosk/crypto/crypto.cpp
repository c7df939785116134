#include "kiosk/crypto/crypto.h"

#include <openssl/crypto.h>
#include <openssl/err.h>
#include <openssl/evp.h>
#include <openssl/rand.h>

#include <memory>

namespace kiosk::crypto {
namespace {

Error CryptoError(std::string_view what) {
  unsigned long code = ERR_get_error();
  std::string detail(what);
  if (code != 0) {
    char buffer[256];
    ERR_error_string_n(code, buffer, sizeof buffer);
    detail += ": ";
    detail += buffer;
  }
  ERR_clear_error();
  return Error(ErrorCode::kCrypto, "A cryptographic operation failed.", detail);
}

struct CipherCtxFree {
  void operator()(EVP_CIPHER_CTX* ctx) const { EVP_CIPHER_CTX_free(ctx); }
};
using CipherCtx = std::unique_ptr<EVP_CIPHER_CTX, CipherCtxFree>;

}  // namespace

Result<void> RandomBytes(uint8_t* out, size_t size) {
  if (size == 0) return {};
  if (RAND_bytes(out, static_cast<int>(size)) != 1) return Fail(CryptoError("RAND_bytes"));
  return {};
}

Result<SecretBytes> RandomKey(size_t size) {
  SecretBytes key(size);
  if (auto r = RandomBytes(key.data(), key.size()); !r) return Fail(r.error());
  return key;
}

Sha256::Sha256() : ctx_(EVP_MD_CTX_new()) {
  EVP_DigestInit_ex(static_cast<EVP_MD_CTX*>(ctx_), EVP_sha256(), nullptr);
}
Sha256::~Sha256() { EVP_MD_CTX_free(static_cast<EVP_MD_CTX*>(ctx_)); }

Sha256& Sha256::Update(std::span<const uint8_t> data) {
  EVP_DigestUpdate(static_cast<EVP_MD_CTX*>(ctx_), data.data(), data.size());
  return *this;
}
Sha256& Sha256::Update(std::string_view text) { return Update(AsBytes(text)); }

Sha256& Sha256::UpdateField(std::span<const uint8_t> data) {
  uint8_t length[8];
  uint64_t n = data.size();
  for (int i = 7; i >= 0; --i) {
    length[i] = static_cast<uint8_t>(n & 0xff);
    n >>= 8;
  }
  Update(std::span<const uint8_t>(length, 8));
  return Update(data);
}
Sha256& Sha256::UpdateField(std::string_view text) { return UpdateField(AsBytes(text)); }

Sha256Digest Sha256::Final() {
  Sha256Digest digest{};
  unsigned int size = 0;
  EVP_DigestFinal_ex(static_cast<EVP_MD_CTX*>(ctx_), digest.data(), &size);
  return digest;
}

Sha256Digest Sha256Of(std::span<const uint8_t> data) { return Sha256().Update(data).Final(); }

Result<Bytes> Seal(const SecretBytes& key, std::span<const uint8_t> plaintext,
                   std::string_view aad) {
  if (key.size() != kAes256KeySize) return Fail(Error::Internal("AES-256-GCM key size"));
  Bytes out(kGcmNonceSize + plaintext.size() + kGcmTagSize);
  if (auto r = RandomBytes(out.data(), kGcmNonceSize); !r) return Fail(r.error());
  CipherCtx ctx(EVP_CIPHER_CTX_new());
  int len = 0;
  if (!ctx || EVP_EncryptInit_ex(ctx.get(), EVP_aes_256_gcm(), nullptr, nullptr, nullptr) != 1 ||
      EVP_CIPHER_CTX_ctrl(ctx.get(), EVP_CTRL_GCM_SET_IVLEN, kGcmNonceSize, nullptr) != 1 ||
      EVP_EncryptInit_ex(ctx.get(), nullptr, nullptr, key.data(), out.data()) != 1 ||
      EVP_EncryptUpdate(ctx.get(), nullptr, &len, reinterpret_cast<const uint8_t*>(aad.data()),
                        static_cast<int>(aad.size())) != 1) {
    return Fail(CryptoError("AES-GCM init"));
  }
  uint8_t* cipher = out.data() + kGcmNonceSize;
  if (!plaintext.empty() &&
      EVP_EncryptUpdate(ctx.get(), cipher, &len, plaintext.data(),
                        static_cast<int>(plaintext.size())) != 1) {
    return Fail(CryptoError("AES-GCM encrypt"));
  }
  int final_len = 0;
  if (EVP_EncryptFinal_ex(ctx.get(), cipher + plaintext.size(), &final_len) != 1 ||
      EVP_CIPHER_CTX_ctrl(ctx.get(), EVP_CTRL_GCM_GET_TAG, kGcmTagSize,
                          cipher + plaintext.size()) != 1) {
    return Fail(CryptoError("AES-GCM final"));
  }
  return out;
}

Result<SecretBytes> Open(const SecretBytes& key, std::span<const uint8_t> sealed,
                         std::string_view aad) {
  if (key.size() != kAes256KeySize) return Fail(Error::Internal("AES-256-GCM key size"));
  if (sealed.size() < kGcmOverhead) {
    return Fail(Error(ErrorCode::kCorrupt, "Stored data is damaged.", "sealed blob too short"));
  }
  const size_t text_size = sealed.size() - kGcmOverhead;
  SecretBytes plain(text_size);
  CipherCtx ctx(EVP_CIPHER_CTX_new());
  int len = 0;
  if (!ctx || EVP_DecryptInit_ex(ctx.get(), EVP_aes_256_gcm(), nullptr, nullptr, nullptr) != 1 ||
      EVP_CIPHER_CTX_ctrl(ctx.get(), EVP_CTRL_GCM_SET_IVLEN, kGcmNonceSize, nullptr) != 1 ||
      EVP_DecryptInit_ex(ctx.get(), nullptr, nullptr, key.data(), sealed.data()) != 1 ||
      EVP_DecryptUpdate(ctx.get(), nullptr, &len, reinterpret_cast<const uint8_t*>(aad.data()),
                        static_cast<int>(aad.size())) != 1) {
    return Fail(CryptoError("AES-GCM init"));
  }
  const uint8_t* cipher = sealed.data() + kGcmNonceSize;
  if (text_size > 0 && EVP_DecryptUpdate(ctx.get(), plain.data(), &len, cipher,
                                         static_cast<int>(text_size)) != 1) {
    return Fail(CryptoError("AES-GCM decrypt"));
  }
  // EVP wants a writable tag buffer.
  uint8_t tag[kGcmTagSize];
  std::copy(cipher + text_size, cipher + text_size + kGcmTagSize, tag);
  int final_len = 0;
  if (EVP_CIPHER_CTX_ctrl(ctx.get(), EVP_CTRL_GCM_SET_TAG, kGcmTagSize, tag) != 1 ||
      EVP_DecryptFinal_ex(ctx.get(), plain.data() + text_size, &final_len) != 1) {
    ERR_clear_error();
    return Fail(Error(ErrorCode::kVerificationFailed,
                      "Stored data does not match its key or its place.",
                      "AES-GCM tag mismatch"));
  }
  return plain;
}

std::string ToHex(std::span<const uint8_t> data) {
  static constexpr char kDigits[] = "0123456789abcdef";
  std::string out;
  out.reserve(data.size() * 2);
  for (uint8_t b : data) {
    out.push_back(kDigits[b >> 4]);
    out.push_back(kDigits[b & 0xf]);
  }
  return out;
}

Result<Bytes> FromHex(std::string_view hex) {
  auto nibble = [](char c) -> int {
    if (c >= '0' && c <= '9') return c - '0';
    if (c >= 'a' && c <= 'f') return c - 'a' + 10;
    if (c >= 'A' && c <= 'F') return c - 'A' + 10;
    return -1;
  };
  if (hex.size() % 2 != 0) return Fail(Error::Parse("Malformed data.", "odd hex length"));
  Bytes out(hex.size() / 2);
  for (size_t i = 0; i < out.size(); ++i) {
    int hi = nibble(hex[2 * i]), lo = nibble(hex[2 * i + 1]);
    if (hi < 0 || lo < 0) return Fail(Error::Parse("Malformed data.", "non-hex character"));
    out[i] = static_cast<uint8_t>(hi << 4 | lo);
  }
  return out;
}

bool EqualConstantTime(std::span<const uint8_t> a, std::span<const uint8_t> b) {
  return a.size() == b.size() && CRYPTO_memcmp(a.data(), b.data(), a.size()) == 0;
}

}  // namespace kiosk::crypto
