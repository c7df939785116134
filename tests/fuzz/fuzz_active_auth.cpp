// libFuzzer target: DG15 (the chip's Active Authentication public key) and the chip's answer to
// the AA challenge. Byte 0 picks the key (RSA or EC) and whether the rest is sent as the answer
// itself or as the ISO 9796-2 block the fuzzer wants recovered (the target signs it with its own
// key, so the block parser behind the RSA operation is reached). Bytes 1..8 are the challenge.
// A forged answer must never verify: the fuzzer cannot sign with the chip's key.
#include <openssl/evp.h>
#include <openssl/rsa.h>

#include <cstddef>
#include <cstdint>
#include <cstdlib>

#include "kiosk/emrtd/lds/active_auth_verify.h"
#include "kiosk/emrtd/lds/dg15.h"

namespace {

using namespace kiosk::emrtd;

EVP_PKEY* RsaKey() {
  static EVP_PKEY* const key = EVP_RSA_gen(1024);
  return key;
}

EVP_PKEY* EcKey() {
  static EVP_PKEY* const key = EVP_EC_gen("P-256");
  return key;
}

// m^d mod n for the block the fuzzer chose (top byte kept below n's).
Bytes SignRaw(ByteView wanted) {
  const size_t k = static_cast<size_t>(EVP_PKEY_get_size(RsaKey()));
  Bytes block(k, 0);
  for (size_t i = 0; i < k && i < wanted.size(); ++i) block[i] = wanted[i];
  block[0] &= 0x7F;
  Bytes signature(k);
  size_t size = signature.size();
  EVP_PKEY_CTX* ctx = EVP_PKEY_CTX_new_from_pkey(nullptr, RsaKey(), nullptr);
  const bool ok = ctx != nullptr && EVP_PKEY_sign_init(ctx) == 1 &&
                  EVP_PKEY_CTX_set_rsa_padding(ctx, RSA_NO_PADDING) == 1 &&
                  EVP_PKEY_sign(ctx, signature.data(), &size, block.data(), block.size()) == 1;
  EVP_PKEY_CTX_free(ctx);
  if (!ok) return {};
  signature.resize(size);
  signature.insert(signature.begin(), k - signature.size(), 0);
  return signature;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  if (auto dg15 = ParseDg15(ByteView(data, size))) {
    // Whatever key the chip offers, its own DG15 bytes are no valid answer for it.
    (void)VerifyActiveAuth(dg15->get(), ByteView(data, size < 8 ? size : 8), ByteView(data, size));
  }
  if (size < 1 + kActiveAuthChallengeSize) return 0;
  const uint8_t mode = data[0];
  const ByteView challenge(data + 1, kActiveAuthChallengeSize);
  const ByteView rest(data + 1 + kActiveAuthChallengeSize, size - 1 - kActiveAuthChallengeSize);
  const auto hash = (mode & 0x04) ? std::optional<AaHash>(AaHash::kSha256) : std::nullopt;
  if (mode & 0x01) {
    if (VerifyActiveAuth(EcKey(), challenge, rest, hash)) std::abort();
  } else if (mode & 0x02) {
    // The harness signed the block, so a block holding the right hash does verify (the seeds
    // rsa_block_sha1/sha256 do); anything else must not.
    (void)VerifyActiveAuth(RsaKey(), challenge, SignRaw(rest), hash);
  } else {
    if (VerifyActiveAuth(RsaKey(), challenge, rest, hash)) std::abort();
  }
  return 0;
}
