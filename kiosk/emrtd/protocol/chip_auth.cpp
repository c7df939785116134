#include "kiosk/emrtd/protocol/chip_auth.h"

#include <openssl/core_names.h>
#include <openssl/evp.h>
#include <openssl/x509.h>

#include <charconv>

#include "kiosk/core/i18n.h"
#include "kiosk/emrtd/lds/lds_files.h"
#include "kiosk/emrtd/protocol/bac.h"
#include "kiosk/emrtd/protocol/sm_crypto.h"

namespace kiosk::emrtd {
namespace {

struct PkeyCtxFree {
  void operator()(EVP_PKEY_CTX* ctx) const { EVP_PKEY_CTX_free(ctx); }
};
using PkeyCtxPtr = std::unique_ptr<EVP_PKEY_CTX, PkeyCtxFree>;

Error CaError(std::string detail) {
  return Error(ErrorCode::kCrypto, N_("A cryptographic operation failed."), "CA: " + std::move(detail));
}

Bytes Sha256(ByteView data) {
  Bytes out(32);
  unsigned int size = 0;
  EVP_Digest(data.data(), data.size(), out.data(), &size, EVP_sha256(), nullptr);
  return out;
}

// KDF(K, c) = H(K || c) truncated (ICAO 9303 Part 11 §9.7.1); SHA-1 up to 128-bit keys.
SecretBytes Kdf(ByteView secret, uint32_t counter, size_t key_size) {
  Bytes input(secret.begin(), secret.end());
  for (int shift = 24; shift >= 0; shift -= 8) input.push_back(static_cast<uint8_t>(counter >> shift));
  Bytes digest = key_size <= 16 ? crypto::Sha1(input) : Sha256(input);
  SecureWipe(input.data(), input.size());
  SecretBytes key(digest.data(), key_size);
  SecureWipe(digest.data(), digest.size());
  return key;
}

AuthReport NotSupported(std::string detail) {
  return {AuthStatus::kNotSupported, N_("Chip Authentication not supported by this chip"),
          std::move(detail)};
}

}  // namespace

std::optional<PaceCipher> ChipAuthCipher(std::string_view ca_oid) {
  const std::string_view prefix = kOidCaEcdhPrefix;
  if (!ca_oid.starts_with(prefix)) return std::nullopt;
  const std::string_view arc = ca_oid.substr(prefix.size());
  int value = 0;
  if (std::from_chars(arc.data(), arc.data() + arc.size(), value).ptr != arc.data() + arc.size()) {
    return std::nullopt;
  }
  switch (value) {
    case 1: return PaceCipher::kTripleDes;
    case 2: return PaceCipher::kAes128;
    case 3: return PaceCipher::kAes192;
    case 4: return PaceCipher::kAes256;
    default: return std::nullopt;
  }
}

Result<SecureMessaging> ChipAuthSession(PaceCipher cipher, ByteView shared_secret) {
  if (cipher == PaceCipher::kTripleDes) {
    SecretBytes seed(shared_secret.data(), shared_secret.size());
    return SecureMessaging::Create(SecureMessaging::Algorithm::kTripleDes,
                                   DeriveTripleDesKey(seed, 1), DeriveTripleDesKey(seed, 2),
                                   Bytes(8, 0));
  }
  const size_t size = cipher == PaceCipher::kAes128 ? 16 : cipher == PaceCipher::kAes192 ? 24 : 32;
  return SecureMessaging::Create(SecureMessaging::Algorithm::kAes, Kdf(shared_secret, 1, size),
                                 Kdf(shared_secret, 2, size), Bytes(16, 0));
}

Result<Bytes> EcPublicPoint(EVP_PKEY* key) {
  size_t size = 0;
  if (EVP_PKEY_get_octet_string_param(key, OSSL_PKEY_PARAM_ENCODED_PUBLIC_KEY, nullptr, 0, &size) != 1) {
    return Fail(CaError("public point size"));
  }
  Bytes point(size);
  if (EVP_PKEY_get_octet_string_param(key, OSSL_PKEY_PARAM_ENCODED_PUBLIC_KEY, point.data(),
                                      point.size(), &size) != 1) {
    return Fail(CaError("public point"));
  }
  point.resize(size);
  return point;
}

Result<EvpPkeyPtr> EcPublicKeyFromPoint(EVP_PKEY* like, ByteView point) {
  if (point.empty() || point[0] != 0x04) return Fail(CaError("not an uncompressed point"));
  EvpPkeyPtr copy(EVP_PKEY_new());
  if (!copy || EVP_PKEY_copy_parameters(copy.get(), like) != 1 ||
      EVP_PKEY_set1_encoded_public_key(copy.get(), point.data(), point.size()) != 1) {
    return Fail(CaError("point not on the curve"));
  }
  return copy;
}

Result<Bytes> EcdhSharedSecret(EVP_PKEY* own_private, EVP_PKEY* peer_public) {
  PkeyCtxPtr ctx(EVP_PKEY_CTX_new_from_pkey(nullptr, own_private, nullptr));
  size_t size = 0;
  if (!ctx || EVP_PKEY_derive_init(ctx.get()) != 1 ||
      EVP_PKEY_derive_set_peer(ctx.get(), peer_public) != 1 ||
      EVP_PKEY_derive(ctx.get(), nullptr, &size) != 1) {
    return Fail(CaError("ECDH"));
  }
  Bytes secret(size);
  if (EVP_PKEY_derive(ctx.get(), secret.data(), &size) != 1) return Fail(CaError("ECDH derive"));
  secret.resize(size);
  return secret;
}

Result<SecureMessaging> ChipAuthAnswer(EVP_PKEY* card_private, PaceCipher cipher,
                                       ByteView terminal_point) {
  auto terminal = EcPublicKeyFromPoint(card_private, terminal_point);
  if (!terminal) return Fail(terminal.error());
  auto secret = EcdhSharedSecret(card_private, terminal->get());
  if (!secret) return Fail(secret.error());
  auto session = ChipAuthSession(cipher, *secret);
  SecureWipe(secret->data(), secret->size());
  return session;
}

AuthReport PerformChipAuthentication(CardSession& session, const Dg14& dg14) {
  const ChipAuthenticationPublicKeyInfo* key_info = nullptr;
  for (const auto& candidate : dg14.chip_auth_keys) {
    if (candidate.protocol == kOidPkEcdh) {
      key_info = &candidate;
      break;
    }
  }
  if (!key_info) return NotSupported("no id-PK-ECDH key in DG14");
  // Without a ChipAuthenticationInfo ICAO says 3DES; with one, its cipher (and key id).
  std::optional<PaceCipher> cipher = PaceCipher::kTripleDes;
  std::string ca_oid = std::string(kOidCaEcdhPrefix) + "1";
  for (const auto& info : dg14.chip_auth) {
    if (!key_info->key_id || info.key_id == key_info->key_id) {
      cipher = ChipAuthCipher(info.protocol);
      ca_oid = info.protocol;
      break;
    }
  }
  if (!cipher) return NotSupported("Chip Authentication variant " + ca_oid);

  const unsigned char* p = key_info->subject_public_key.data();
  EvpPkeyPtr chip_key(d2i_PUBKEY(nullptr, &p, static_cast<long>(key_info->subject_public_key.size())));
  if (!chip_key || EVP_PKEY_get_base_id(chip_key.get()) != EVP_PKEY_EC) {
    return NotSupported("DG14 key is not a usable EC key");
  }
  PkeyCtxPtr keygen(EVP_PKEY_CTX_new_from_pkey(nullptr, chip_key.get(), nullptr));
  EVP_PKEY* ephemeral_raw = nullptr;
  if (!keygen || EVP_PKEY_keygen_init(keygen.get()) != 1 ||
      EVP_PKEY_keygen(keygen.get(), &ephemeral_raw) != 1) {
    return {AuthStatus::kNotChecked, N_("Chip Authentication could not be run"), "ephemeral key"};
  }
  EvpPkeyPtr ephemeral(ephemeral_raw);
  auto point = EcPublicPoint(ephemeral.get());
  auto secret = EcdhSharedSecret(ephemeral.get(), chip_key.get());
  if (!point || !secret) {
    return {AuthStatus::kNotChecked, N_("Chip Authentication could not be run"), "ECDH"};
  }
  auto next = ChipAuthSession(*cipher, *secret);
  SecureWipe(secret->data(), secret->size());
  if (!next) return {AuthStatus::kNotChecked, N_("Chip Authentication could not be run"), "KDF"};

  Bytes key_reference;
  if (key_info->key_id) {
    Bytes id;
    for (uint64_t value = *key_info->key_id; id.empty() || value != 0; value >>= 8) {
      id.insert(id.begin(), static_cast<uint8_t>(value));
    }
    AppendTlv(key_reference, 0x84, id);
  }
  Result<ResponseApdu> answer = Fail(Error::Internal("unset"));
  if (*cipher == PaceCipher::kTripleDes) {
    Bytes data = EncodeTlv(0x91, *point);
    data.insert(data.end(), key_reference.begin(), key_reference.end());
    answer = session.Transmit(CommandApdu::Of(0x00, 0x22, 0x41, 0xA6, std::move(data)));
  } else {
    const Bytes oid_tlv = EncodeOid(ca_oid);
    auto oid = ParseSingleTlv(oid_tlv, 0x06);
    Bytes data = oid ? EncodeTlv(0x80, oid->value) : Bytes{};
    data.insert(data.end(), key_reference.begin(), key_reference.end());
    answer = session.Transmit(CommandApdu::Of(0x00, 0x22, 0x41, 0xA4, std::move(data)));
    if (answer && answer->ok()) {
      answer = session.Transmit(CommandApdu::Of(0x00, 0x86, 0x00, 0x00,
                                                EncodeTlv(0x7C, EncodeTlv(0x80, *point)), kMaxShortNe));
    }
  }
  if (!answer) {
    // An answer whose MAC does not verify is the chip's (or a relay's) doing: failed, unless a
    // fresh session gets a real answer (the report is inconclusive until then).
    if (IsSecureSessionLost(answer.error())) {
      return {AuthStatus::kFailed, N_("Chip check failed: the chip's answer is not authentic"),
              answer.error().detail(), true};
    }
    return {AuthStatus::kNotChecked, N_("Chip Authentication could not be run"),
            answer.error().detail(), true};
  }
  if (!answer->ok()) {
    return {AuthStatus::kFailed, N_("Chip check failed: the chip refused Chip Authentication"),
            "answered " + StatusToHex(answer->sw)};
  }
  // The proof: the chip answers under the keys only its private key could derive.
  session.StartSecureMessaging(std::move(*next));
  auto probe = session.Transmit(CommandApdu::Of(0x00, 0xA4, 0x02, 0x0C,
                                                {static_cast<uint8_t>(kFidCom >> 8),
                                                 static_cast<uint8_t>(kFidCom & 0xFF)}));
  if (!probe || !probe->ok()) {
    session.EndSecureMessaging();
    // A card pulled at this moment looks like a copy: only a fresh session can tell them apart.
    const bool link_error = !probe && !IsSecureSessionLost(probe.error());
    return {link_error ? AuthStatus::kNotChecked : AuthStatus::kFailed,
            link_error ? N_("Chip Authentication could not be run")
                       : N_("Chip check failed: the chip may be a copy"),
            probe ? "probe answered " + StatusToHex(probe->sw) : probe.error().detail(), !probe};
  }
  return {AuthStatus::kPassed, N_("Genuine chip: it proved it holds its Chip Authentication key"), {}};
}

Bytes BuildChipAuthenticationInfo(std::string_view ca_oid) {
  return EncodeTlv(0x30, Concat({EncodeOid(ca_oid), EncodeDerInteger(1)}));
}

Result<Bytes> BuildChipAuthenticationPublicKeyInfo(EVP_PKEY* key) {
  unsigned char* der = nullptr;
  const int size = i2d_PUBKEY(key, &der);
  if (size <= 0) return Fail(CaError("i2d_PUBKEY"));
  Bytes spki(der, der + size);
  OPENSSL_free(der);
  return EncodeTlv(0x30, Concat({EncodeOid(kOidPkEcdh), spki}));
}

}  // namespace kiosk::emrtd
