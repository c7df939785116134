#include "kiosk/emrtd/lds/active_auth_verify.h"

#include <openssl/bn.h>
#include <openssl/core_names.h>
#include <openssl/crypto.h>
#include <openssl/ec.h>
#include <openssl/evp.h>
#include <openssl/rand.h>
#include <openssl/rsa.h>

#include "kiosk/emrtd/lds/openssl_ptr.h"

namespace kiosk::emrtd {
namespace {

constexpr const char* kAaFailed =
    "Active Authentication failed: the chip could not prove it is the original.";
constexpr const char* kMalformed = "The chip returned malformed data.";

struct HashSpec {
  AaHash hash;
  const char* name;
  uint8_t iso_id;  // ISO/IEC 10118-3 identifier used in the 9796-2 trailer hh CC
};
constexpr HashSpec kHashes[] = {{AaHash::kSha1, "SHA1", 0x33},
                                {AaHash::kSha224, "SHA224", 0x38},
                                {AaHash::kSha256, "SHA256", 0x34},
                                {AaHash::kSha384, "SHA384", 0x36},
                                {AaHash::kSha512, "SHA512", 0x35}};

const HashSpec& Spec(AaHash hash) {
  for (const HashSpec& spec : kHashes) {
    if (spec.hash == hash) return spec;
  }
  return kHashes[0];
}

struct CtxFree {
  void operator()(EVP_PKEY_CTX* c) const { EVP_PKEY_CTX_free(c); }
};
using PkeyCtxPtr = std::unique_ptr<EVP_PKEY_CTX, CtxFree>;
struct MdCtxFree {
  void operator()(EVP_MD_CTX* c) const { EVP_MD_CTX_free(c); }
};
struct BnFree {
  void operator()(BIGNUM* b) const { BN_free(b); }
};
using BnPtr = std::unique_ptr<BIGNUM, BnFree>;
struct SigFree {
  void operator()(ECDSA_SIG* s) const { ECDSA_SIG_free(s); }
};

Bytes Hash(const char* name, ByteView a, ByteView b = {}) {
  EVP_MD* md = EVP_MD_fetch(nullptr, name, nullptr);
  if (md == nullptr) return {};
  std::unique_ptr<EVP_MD_CTX, MdCtxFree> ctx(EVP_MD_CTX_new());
  Bytes out(static_cast<size_t>(EVP_MD_get_size(md)));
  unsigned int size = 0;
  const bool ok = EVP_DigestInit_ex(ctx.get(), md, nullptr) == 1 &&
                  EVP_DigestUpdate(ctx.get(), a.data(), a.size()) == 1 &&
                  EVP_DigestUpdate(ctx.get(), b.data(), b.size()) == 1 &&
                  EVP_DigestFinal_ex(ctx.get(), out.data(), &size) == 1;
  EVP_MD_free(md);
  if (!ok) return {};
  return out;
}

// Checks a recovered ISO 9796-2 scheme 1 block 6A || M1 || H || trailer.
bool CheckRecoveredBlock(const Bytes& block, ByteView challenge) {
  if (block.size() < 4 || block[0] != 0x6A) return false;
  const HashSpec* spec = nullptr;
  size_t trailer = 0;
  if (block.back() == 0xBC) {
    spec = &Spec(AaHash::kSha1);
    trailer = 1;
  } else if (block.back() == 0xCC) {
    for (const HashSpec& candidate : kHashes) {
      if (candidate.iso_id == block[block.size() - 2]) spec = &candidate;
    }
    trailer = 2;
  }
  if (spec == nullptr) return false;
  const Bytes probe = Hash(spec->name, {});
  const size_t hash_size = probe.size();
  if (hash_size == 0 || block.size() < 1 + hash_size + trailer) return false;
  const size_t m1_size = block.size() - 1 - hash_size - trailer;
  const ByteView m1(block.data() + 1, m1_size);
  const Bytes expected = Hash(spec->name, m1, challenge);
  return expected.size() == hash_size &&
         CRYPTO_memcmp(expected.data(), block.data() + 1 + m1_size, hash_size) == 0;
}

Result<void> VerifyRsa(EVP_PKEY* key, ByteView challenge, ByteView response) {
  const size_t k = static_cast<size_t>(EVP_PKEY_get_size(key));
  if (response.size() != k) return Fail(Error::Parse(kMalformed, "AA: RSA response size"));
  PkeyCtxPtr ctx(EVP_PKEY_CTX_new_from_pkey(nullptr, key, nullptr));
  Bytes block(k);
  size_t block_size = block.size();
  if (!ctx || EVP_PKEY_verify_recover_init(ctx.get()) != 1 ||
      EVP_PKEY_CTX_set_rsa_padding(ctx.get(), RSA_NO_PADDING) != 1 ||
      EVP_PKEY_verify_recover(ctx.get(), block.data(), &block_size, response.data(),
                              response.size()) != 1) {
    DrainOpenSslErrors();
    return Fail(Error(ErrorCode::kVerificationFailed, kAaFailed, "AA: RSA recover"));
  }
  block.resize(block_size);
  block.insert(block.begin(), k - block.size(), 0);
  if (CheckRecoveredBlock(block, challenge)) return {};
  // ISO 9796-2 lets the signer send n - J instead of J; try that form too.
  BIGNUM* n_raw = nullptr;
  if (EVP_PKEY_get_bn_param(key, OSSL_PKEY_PARAM_RSA_N, &n_raw) == 1) {
    BnPtr n(n_raw);
    BnPtr j(BN_bin2bn(block.data(), static_cast<int>(block.size()), nullptr));
    BnPtr alternative(BN_new());
    if (j && alternative && BN_sub(alternative.get(), n.get(), j.get()) == 1) {
      Bytes other(k);
      if (BN_bn2binpad(alternative.get(), other.data(), static_cast<int>(k)) > 0 &&
          CheckRecoveredBlock(other, challenge)) {
        return {};
      }
    }
  }
  return Fail(Error(ErrorCode::kVerificationFailed, kAaFailed, "AA: RSA block mismatch"));
}

bool VerifyEcdsaWith(EVP_PKEY* key, const char* md_name, ByteView challenge, const Bytes& der) {
  std::unique_ptr<EVP_MD_CTX, MdCtxFree> ctx(EVP_MD_CTX_new());
  const bool ok = ctx && EVP_DigestVerifyInit_ex(ctx.get(), nullptr, md_name, nullptr, nullptr,
                                                 key, nullptr) == 1 &&
                  EVP_DigestVerify(ctx.get(), der.data(), der.size(), challenge.data(),
                                   challenge.size()) == 1;
  DrainOpenSslErrors();
  return ok;
}

Result<void> VerifyEcdsa(EVP_PKEY* key, ByteView challenge, ByteView response,
                         std::optional<AaHash> hash) {
  const size_t order_size = static_cast<size_t>((EVP_PKEY_get_bits(key) + 7) / 8);
  if (response.empty() || response.size() % 2 != 0 || response.size() > 2 * order_size + 2) {
    return Fail(Error::Parse(kMalformed, "AA: ECDSA response size"));
  }
  const size_t half = response.size() / 2;
  std::unique_ptr<ECDSA_SIG, SigFree> sig(ECDSA_SIG_new());
  BIGNUM* r = BN_bin2bn(response.data(), static_cast<int>(half), nullptr);
  BIGNUM* s = BN_bin2bn(response.data() + half, static_cast<int>(half), nullptr);
  if (!sig || r == nullptr || s == nullptr || ECDSA_SIG_set0(sig.get(), r, s) != 1) {
    BN_free(r);
    BN_free(s);
    return Fail(Error::Internal("AA: ECDSA_SIG"));
  }
  unsigned char* der_raw = nullptr;
  const int der_size = i2d_ECDSA_SIG(sig.get(), &der_raw);
  if (der_size <= 0) return Fail(Error::Internal("AA: i2d_ECDSA_SIG"));
  const Bytes der(der_raw, der_raw + der_size);
  OPENSSL_free(der_raw);
  if (hash) {
    if (VerifyEcdsaWith(key, Spec(*hash).name, challenge, der)) return {};
  } else {
    for (const HashSpec& spec : kHashes) {
      if (VerifyEcdsaWith(key, spec.name, challenge, der)) return {};
    }
  }
  return Fail(Error(ErrorCode::kVerificationFailed, kAaFailed, "AA: ECDSA signature"));
}

}  // namespace

std::optional<AaHash> AaHashFromSignatureOid(std::string_view oid) {
  // ecdsa-plain-signatures 0.4.0.127.0.7.1.1.4.1.{1 SHA1, 2 SHA224, 3 SHA256, 4 SHA384, 5 SHA512}
  constexpr std::string_view kPrefix = "0.4.0.127.0.7.1.1.4.1.";
  if (oid.substr(0, kPrefix.size()) != kPrefix || oid.size() != kPrefix.size() + 1) {
    return std::nullopt;
  }
  switch (oid.back()) {
    case '1': return AaHash::kSha1;
    case '2': return AaHash::kSha224;
    case '3': return AaHash::kSha256;
    case '4': return AaHash::kSha384;
    case '5': return AaHash::kSha512;
    default: return std::nullopt;
  }
}

Result<void> VerifyActiveAuth(EVP_PKEY* public_key, ByteView challenge, ByteView response,
                              std::optional<AaHash> hash) {
  if (public_key == nullptr) return Fail(Error::InvalidArgument(kAaFailed, "AA: no key"));
  if (challenge.empty()) return Fail(Error::InvalidArgument(kAaFailed, "AA: empty challenge"));
  switch (EVP_PKEY_get_base_id(public_key)) {
    case EVP_PKEY_RSA: return VerifyRsa(public_key, challenge, response);
    case EVP_PKEY_EC: return VerifyEcdsa(public_key, challenge, response, hash);
    default:
      return Fail(Error::Unsupported("Active Authentication with this key type is not supported.",
                                     "AA: key type"));
  }
}

Result<Bytes> SignActiveAuth(EVP_PKEY* private_key, ByteView challenge, AaHash hash) {
  if (private_key == nullptr) return Fail(Error::InvalidArgument(kAaFailed, "AA: no key"));
  const HashSpec& spec = Spec(hash);
  if (EVP_PKEY_get_base_id(private_key) == EVP_PKEY_RSA) {
    const size_t k = static_cast<size_t>(EVP_PKEY_get_size(private_key));
    const size_t trailer = hash == AaHash::kSha1 ? 1 : 2;
    const size_t hash_size = Hash(spec.name, {}).size();
    if (k < 1 + hash_size + trailer + 8) return Fail(Error::InvalidArgument(kAaFailed, "AA: key"));
    Bytes m1(k - 1 - hash_size - trailer);
    if (RAND_bytes(m1.data(), static_cast<int>(m1.size())) != 1) {
      return Fail(Error::Internal("AA: RAND_bytes"));
    }
    const Bytes h = Hash(spec.name, m1, challenge);
    Bytes block;
    block.reserve(k);
    block.push_back(0x6A);
    block.insert(block.end(), m1.begin(), m1.end());
    block.insert(block.end(), h.begin(), h.end());
    if (trailer == 1) {
      block.push_back(0xBC);
    } else {
      block.push_back(spec.iso_id);
      block.push_back(0xCC);
    }
    PkeyCtxPtr ctx(EVP_PKEY_CTX_new_from_pkey(nullptr, private_key, nullptr));
    Bytes signature(k);
    size_t size = signature.size();
    if (!ctx || EVP_PKEY_sign_init(ctx.get()) != 1 ||
        EVP_PKEY_CTX_set_rsa_padding(ctx.get(), RSA_NO_PADDING) != 1 ||
        EVP_PKEY_sign(ctx.get(), signature.data(), &size, block.data(), block.size()) != 1) {
      return Fail(Error::Internal("AA: RSA sign: " + DrainOpenSslErrors()));
    }
    signature.resize(size);
    signature.insert(signature.begin(), k - signature.size(), 0);
    return signature;
  }
  if (EVP_PKEY_get_base_id(private_key) == EVP_PKEY_EC) {
    std::unique_ptr<EVP_MD_CTX, MdCtxFree> ctx(EVP_MD_CTX_new());
    size_t der_size = 0;
    if (!ctx ||
        EVP_DigestSignInit_ex(ctx.get(), nullptr, spec.name, nullptr, nullptr, private_key,
                              nullptr) != 1 ||
        EVP_DigestSign(ctx.get(), nullptr, &der_size, challenge.data(), challenge.size()) != 1) {
      return Fail(Error::Internal("AA: ECDSA init: " + DrainOpenSslErrors()));
    }
    Bytes der(der_size);
    if (EVP_DigestSign(ctx.get(), der.data(), &der_size, challenge.data(), challenge.size()) != 1) {
      return Fail(Error::Internal("AA: ECDSA sign: " + DrainOpenSslErrors()));
    }
    const unsigned char* p = der.data();
    std::unique_ptr<ECDSA_SIG, SigFree> sig(d2i_ECDSA_SIG(nullptr, &p, static_cast<long>(der_size)));
    if (!sig) return Fail(Error::Internal("AA: d2i_ECDSA_SIG"));
    const int order_size = (EVP_PKEY_get_bits(private_key) + 7) / 8;
    Bytes plain(static_cast<size_t>(2 * order_size));
    if (BN_bn2binpad(ECDSA_SIG_get0_r(sig.get()), plain.data(), order_size) != order_size ||
        BN_bn2binpad(ECDSA_SIG_get0_s(sig.get()), plain.data() + order_size, order_size) !=
            order_size) {
      return Fail(Error::Internal("AA: r/s size"));
    }
    return plain;
  }
  return Fail(Error::Unsupported("Active Authentication with this key type is not supported.",
                                 "AA: key type"));
}

}  // namespace kiosk::emrtd
