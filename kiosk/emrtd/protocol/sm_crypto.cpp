#include "kiosk/emrtd/protocol/sm_crypto.h"

#include <openssl/core_names.h>
#include <openssl/evp.h>
#include <openssl/rand.h>
#include <openssl/sha.h>

#include <bit>
#include <memory>

#include "kiosk/core/i18n.h"

namespace kiosk::emrtd::crypto {
namespace {

struct CipherCtxFree {
  void operator()(EVP_CIPHER_CTX* ctx) const { EVP_CIPHER_CTX_free(ctx); }
};

Error CryptoError(std::string detail) {
  return Error(ErrorCode::kCrypto, N_("A cryptographic operation failed."), std::move(detail));
}

// Runs an unpadded block cipher over data in one go.
Result<Bytes> RunCipher(const EVP_CIPHER* cipher, const uint8_t* key, const uint8_t* iv,
                        ByteView data, bool encrypt) {
  const int block = EVP_CIPHER_get_block_size(cipher);
  if (data.size() % static_cast<size_t>(block) != 0) {
    return Fail(CryptoError("input is not a multiple of the block size"));
  }
  std::unique_ptr<EVP_CIPHER_CTX, CipherCtxFree> ctx(EVP_CIPHER_CTX_new());
  if (!ctx || EVP_CipherInit_ex(ctx.get(), cipher, nullptr, key, iv, encrypt ? 1 : 0) != 1 ||
      EVP_CIPHER_CTX_set_padding(ctx.get(), 0) != 1) {
    return Fail(CryptoError("cipher init"));
  }
  Bytes out(data.size() + static_cast<size_t>(block));
  int written = 0;
  int final_written = 0;
  if (EVP_CipherUpdate(ctx.get(), out.data(), &written, data.data(), static_cast<int>(data.size())) != 1 ||
      EVP_CipherFinal_ex(ctx.get(), out.data() + written, &final_written) != 1) {
    return Fail(CryptoError("cipher update"));
  }
  out.resize(static_cast<size_t>(written + final_written));
  return out;
}

const EVP_CIPHER* AesCipher(size_t key_size, bool cbc) {
  switch (key_size) {
    case 16: return cbc ? EVP_aes_128_cbc() : EVP_aes_128_ecb();
    case 24: return cbc ? EVP_aes_192_cbc() : EVP_aes_192_ecb();
    case 32: return cbc ? EVP_aes_256_cbc() : EVP_aes_256_ecb();
    default: return nullptr;
  }
}

}  // namespace

Bytes Pad(ByteView data, size_t block_size) {
  Bytes out(data.begin(), data.end());
  out.push_back(0x80);
  while (out.size() % block_size != 0) out.push_back(0x00);
  return out;
}

Result<Bytes> Unpad(ByteView data, size_t block_size) {
  if (data.empty() || data.size() % block_size != 0) {
    return Fail(CryptoError("padded data is not a multiple of the block size"));
  }
  size_t end = data.size();
  size_t zeros = 0;
  while (end > 0 && data[end - 1] == 0x00) {
    --end;
    ++zeros;
  }
  if (end == 0 || data[end - 1] != 0x80 || zeros >= block_size) {
    return Fail(CryptoError("bad ISO 9797-1 method 2 padding"));
  }
  return Bytes(data.begin(), data.begin() + static_cast<ptrdiff_t>(end - 1));
}

Result<Bytes> TripleDesCbc(const SecretBytes& key16, ByteView iv8, ByteView data, bool encrypt) {
  if (key16.size() != 16 || iv8.size() != 8) return Fail(CryptoError("3DES key or IV size"));
  return RunCipher(EVP_des_ede_cbc(), key16.data(), iv8.data(), data, encrypt);
}

Result<Bytes> RetailMac(const SecretBytes& key16, ByteView data) {
  if (key16.size() != 16) return Fail(CryptoError("retail MAC key size"));
  const Bytes padded = Pad(data, 8);
  // Single DES with K1 is DES-EDE3 with K1||K1||K1 (E then D then E with the same key).
  SecretBytes k1_thrice(24);
  SecretBytes k2_thrice(24);
  for (int i = 0; i < 3; ++i) {
    std::copy(key16.data(), key16.data() + 8, k1_thrice.data() + 8 * i);
    std::copy(key16.data() + 8, key16.data() + 16, k2_thrice.data() + 8 * i);
  }
  const uint8_t zero_iv[8] = {};
  auto chained = RunCipher(EVP_des_ede3_cbc(), k1_thrice.data(), zero_iv, padded, true);
  if (!chained) return chained;
  ByteView last(chained->data() + chained->size() - 8, 8);
  auto decrypted = RunCipher(EVP_des_ede3_ecb(), k2_thrice.data(), nullptr, last, false);
  if (!decrypted) return decrypted;
  return RunCipher(EVP_des_ede3_ecb(), k1_thrice.data(), nullptr, *decrypted, true);
}

Result<Bytes> AesCbc(const SecretBytes& key, ByteView iv16, ByteView data, bool encrypt) {
  const EVP_CIPHER* cipher = AesCipher(key.size(), true);
  if (!cipher || iv16.size() != 16) return Fail(CryptoError("AES key or IV size"));
  return RunCipher(cipher, key.data(), iv16.data(), data, encrypt);
}

Result<Bytes> AesEncryptBlock(const SecretBytes& key, ByteView block16) {
  const EVP_CIPHER* cipher = AesCipher(key.size(), false);
  if (!cipher || block16.size() != 16) return Fail(CryptoError("AES key or block size"));
  return RunCipher(cipher, key.data(), nullptr, block16, true);
}

Result<Bytes> AesCmac(const SecretBytes& key, ByteView data) {
  const char* cipher_name = key.size() == 16 ? "AES-128-CBC"
                            : key.size() == 24 ? "AES-192-CBC"
                            : key.size() == 32 ? "AES-256-CBC"
                                               : nullptr;
  if (!cipher_name) return Fail(CryptoError("CMAC key size"));
  EVP_MAC* mac = EVP_MAC_fetch(nullptr, "CMAC", nullptr);
  if (!mac) return Fail(CryptoError("CMAC unavailable"));
  EVP_MAC_CTX* ctx = EVP_MAC_CTX_new(mac);
  EVP_MAC_free(mac);
  if (!ctx) return Fail(CryptoError("CMAC context"));
  OSSL_PARAM params[] = {
      OSSL_PARAM_construct_utf8_string(OSSL_MAC_PARAM_CIPHER, const_cast<char*>(cipher_name), 0),
      OSSL_PARAM_construct_end()};
  Bytes out(16);
  size_t written = 0;
  const bool ok = EVP_MAC_init(ctx, key.data(), key.size(), params) == 1 &&
                  EVP_MAC_update(ctx, data.data(), data.size()) == 1 &&
                  EVP_MAC_final(ctx, out.data(), &written, out.size()) == 1 && written == 16;
  EVP_MAC_CTX_free(ctx);
  if (!ok) return Fail(CryptoError("CMAC computation"));
  return out;
}

Bytes Sha1(ByteView data) {
  Bytes out(SHA_DIGEST_LENGTH);
  unsigned int size = 0;
  EVP_Digest(data.data(), data.size(), out.data(), &size, EVP_sha1(), nullptr);
  return out;
}

Result<Bytes> RandomBytes(size_t count) {
  Bytes out(count);
  if (count > 0 && RAND_bytes(out.data(), static_cast<int>(count)) != 1) {
    return Fail(CryptoError("RAND_bytes"));
  }
  return out;
}

void AdjustDesParity(uint8_t* key, size_t size) {
  for (size_t i = 0; i < size; ++i) {
    uint8_t b = key[i] & 0xFE;
    const int ones = std::popcount(b);
    key[i] = static_cast<uint8_t>(b | ((ones % 2 == 0) ? 1 : 0));
  }
}

}  // namespace kiosk::emrtd::crypto
