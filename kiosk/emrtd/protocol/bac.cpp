#include "kiosk/emrtd/protocol/bac.h"

#include <openssl/crypto.h>

#include <algorithm>

#include "kiosk/core/i18n.h"
#include "kiosk/emrtd/protocol/card_channel.h"
#include "kiosk/emrtd/protocol/secure_messaging.h"
#include "kiosk/emrtd/protocol/sm_crypto.h"

namespace kiosk::emrtd {
namespace {

constexpr size_t kNonceSize = 8;
constexpr size_t kKeyMaterialSize = 16;
constexpr size_t kCryptogramSize = 32;  // RND || RND || K, 3DES-encrypted
constexpr size_t kMacSize = 8;
constexpr uint8_t kZeroIv[8] = {};

Error BadCardResponse(std::string detail) {
  return Error(ErrorCode::kVerificationFailed,
               N_("The chip's answer to authentication is not valid. The card may be damaged or "
                  "not genuine."),
               std::move(detail));
}

// E = 3DES(K_enc, S), M = MAC(K_mac, E).
Result<Bytes> EncryptAndMac(const BacKeys& keys, ByteView s) {
  auto e = crypto::TripleDesCbc(keys.k_enc, kZeroIv, s, true);
  if (!e) return e;
  auto m = crypto::RetailMac(keys.k_mac, *e);
  if (!m) return m;
  e->insert(e->end(), m->begin(), m->end());
  return e;
}

// Checks M over E and returns the decrypted S.
Result<Bytes> CheckMacAndDecrypt(const BacKeys& keys, ByteView e_and_m) {
  if (e_and_m.size() != kCryptogramSize + kMacSize) {
    return Fail(Error(ErrorCode::kParse, N_("The authentication data has the wrong length."),
                      std::to_string(e_and_m.size()) + " bytes"));
  }
  const ByteView e = e_and_m.first(kCryptogramSize);
  auto mac = crypto::RetailMac(keys.k_mac, e);
  if (!mac) return mac;
  if (CRYPTO_memcmp(mac->data(), e_and_m.data() + kCryptogramSize, kMacSize) != 0) {
    return Fail(Error(ErrorCode::kVerificationFailed, N_("The authentication MAC is wrong."),
                      "M does not verify"));
  }
  return crypto::TripleDesCbc(keys.k_enc, kZeroIv, e, false);
}

Result<BacSession> DeriveSession(ByteView k_ifd, ByteView k_ic, ByteView rnd_ic,
                                 ByteView rnd_ifd) {
  SecretBytes seed(kKeyMaterialSize);
  for (size_t i = 0; i < kKeyMaterialSize; ++i) seed.data()[i] = k_ifd[i] ^ k_ic[i];
  BacSession session;
  session.ks_enc = DeriveTripleDesKey(seed, 1);
  session.ks_mac = DeriveTripleDesKey(seed, 2);
  std::copy(rnd_ic.begin() + 4, rnd_ic.end(), session.ssc.begin());
  std::copy(rnd_ifd.begin() + 4, rnd_ifd.end(), session.ssc.begin() + 4);
  return session;
}

}  // namespace

SecretBytes ComputeBacKeySeed(std::string_view mrz_information) {
  const Bytes digest = crypto::Sha1(
      ByteView(reinterpret_cast<const uint8_t*>(mrz_information.data()), mrz_information.size()));
  return SecretBytes(digest.data(), kKeyMaterialSize);
}

SecretBytes DeriveTripleDesKey(const SecretBytes& seed, uint32_t counter) {
  Bytes input(seed.data(), seed.data() + seed.size());
  for (int shift = 24; shift >= 0; shift -= 8) input.push_back(static_cast<uint8_t>(counter >> shift));
  Bytes digest = crypto::Sha1(input);
  SecureWipe(input.data(), input.size());
  SecretBytes key(digest.data(), kKeyMaterialSize);
  SecureWipe(digest.data(), digest.size());
  crypto::AdjustDesParity(key.data(), key.size());
  return key;
}

BacKeys DeriveBacKeys(std::string_view mrz_information) {
  const SecretBytes seed = ComputeBacKeySeed(mrz_information);
  return BacKeys{DeriveTripleDesKey(seed, 1), DeriveTripleDesKey(seed, 2)};
}

Result<Bytes> BuildExternalAuthenticateData(const BacKeys& keys, ByteView rnd_ic,
                                            ByteView rnd_ifd, const SecretBytes& k_ifd) {
  if (rnd_ic.size() != kNonceSize || rnd_ifd.size() != kNonceSize ||
      k_ifd.size() != kKeyMaterialSize) {
    return Fail(Error::Internal("BAC nonce sizes"));
  }
  Bytes s(rnd_ifd.begin(), rnd_ifd.end());
  s.insert(s.end(), rnd_ic.begin(), rnd_ic.end());
  s.insert(s.end(), k_ifd.data(), k_ifd.data() + k_ifd.size());
  auto out = EncryptAndMac(keys, s);
  SecureWipe(s.data(), s.size());
  return out;
}

Result<BacSession> CompleteBac(const BacKeys& keys, ByteView rnd_ic, ByteView rnd_ifd,
                               const SecretBytes& k_ifd, ByteView card_response) {
  auto r = CheckMacAndDecrypt(keys, card_response);
  if (!r) return Fail(BadCardResponse(r.error().detail()));
  // R = RND.IC || RND.IFD || K.IC
  const ByteView rv(*r);
  const bool nonces_match = std::equal(rnd_ic.begin(), rnd_ic.end(), rv.begin()) &&
                            std::equal(rnd_ifd.begin(), rnd_ifd.end(), rv.begin() + kNonceSize);
  if (!nonces_match) {
    SecureWipe(r->data(), r->size());
    return Fail(BadCardResponse("the nonces in the card's answer do not match"));
  }
  auto session = DeriveSession(ByteView(k_ifd.data(), k_ifd.size()), rv.subspan(16, 16), rnd_ic,
                               rnd_ifd);
  SecureWipe(r->data(), r->size());
  return session;
}

Error WrongAccessKeyError(std::string detail) {
  return Error(ErrorCode::kWrongAccessKey,
               N_("The chip refused the access key. Check the ID number, date of birth and "
                  "expiry date typed or scanned from the card, then retry."),
               std::move(detail), Error::Retry::kNo);
}

Result<SecureMessaging> PerformBac(CardChannel& channel, const BacKeys& keys) {
  CommandApdu get_challenge = CommandApdu::Of(0x00, 0x84, 0, 0, {}, 8);
  auto challenge = TransmitComplete(channel, get_challenge);
  if (!challenge) return Fail(challenge.error());
  if (!challenge->ok()) return Fail(StatusToError(challenge->sw, "GET CHALLENGE"));
  if (challenge->data.size() != kNonceSize) {
    return Fail(BadCardResponse("GET CHALLENGE returned " + std::to_string(challenge->data.size()) +
                                " bytes"));
  }
  auto rnd_ifd = crypto::RandomBytes(kNonceSize);
  auto k_ifd_bytes = crypto::RandomBytes(kKeyMaterialSize);
  if (!rnd_ifd || !k_ifd_bytes) return Fail(Error::Internal("no randomness"));
  SecretBytes k_ifd(k_ifd_bytes->data(), k_ifd_bytes->size());
  SecureWipe(k_ifd_bytes->data(), k_ifd_bytes->size());

  auto data = BuildExternalAuthenticateData(keys, challenge->data, *rnd_ifd, k_ifd);
  if (!data) return Fail(data.error());
  CommandApdu external_authenticate = CommandApdu::Of(0x00, 0x82, 0, 0, std::move(*data), 40);
  auto answer = TransmitComplete(channel, external_authenticate);
  if (!answer) return Fail(answer.error());
  if (answer->sw == sw::kAuthenticationFailed || answer->sw == sw::kSecurityNotSatisfied ||
      (answer->sw1() == 0x63 && (answer->sw2() & 0xF0) == 0xC0)) {
    return Fail(WrongAccessKeyError("EXTERNAL AUTHENTICATE answered " + StatusToHex(answer->sw)));
  }
  if (!answer->ok()) return Fail(StatusToError(answer->sw, "EXTERNAL AUTHENTICATE"));
  auto session = CompleteBac(keys, challenge->data, *rnd_ifd, k_ifd, answer->data);
  if (!session) return Fail(session.error());
  return SecureMessaging::Create(SecureMessaging::Algorithm::kTripleDes,
                                 std::move(session->ks_enc), std::move(session->ks_mac),
                                 session->ssc);
}

Result<BacCardAnswer> AnswerExternalAuthenticate(const BacKeys& keys, ByteView rnd_ic,
                                                 const SecretBytes& k_ic, ByteView command_data) {
  auto s = CheckMacAndDecrypt(keys, command_data);
  if (!s) return Fail(WrongAccessKeyError("terminal cryptogram: " + s.error().detail()));
  // S = RND.IFD || RND.IC || K.IFD
  const ByteView sv(*s);
  if (!std::equal(rnd_ic.begin(), rnd_ic.end(), sv.begin() + kNonceSize)) {
    SecureWipe(s->data(), s->size());
    return Fail(WrongAccessKeyError("RND.IC does not match the challenge"));
  }
  Bytes r(rnd_ic.begin(), rnd_ic.end());
  r.insert(r.end(), sv.begin(), sv.begin() + kNonceSize);
  r.insert(r.end(), k_ic.data(), k_ic.data() + k_ic.size());
  auto response = EncryptAndMac(keys, r);
  SecureWipe(r.data(), r.size());
  if (!response) return Fail(response.error());
  auto session = DeriveSession(sv.subspan(16, 16), ByteView(k_ic.data(), k_ic.size()), rnd_ic,
                               sv.first(kNonceSize));
  SecureWipe(s->data(), s->size());
  if (!session) return Fail(session.error());
  return BacCardAnswer{std::move(*response), std::move(*session)};
}

}  // namespace kiosk::emrtd
