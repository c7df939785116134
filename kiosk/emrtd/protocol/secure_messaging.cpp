#include "kiosk/emrtd/protocol/secure_messaging.h"

#include <openssl/crypto.h>

#include "kiosk/core/i18n.h"
#include "kiosk/emrtd/lds/tlv.h"
#include "kiosk/emrtd/protocol/sm_crypto.h"

namespace kiosk::emrtd {
namespace {

constexpr uint32_t kDoCryptogramOdd = 0x85;
constexpr uint32_t kDoCryptogram = 0x87;
constexpr uint32_t kDoLe = 0x97;
constexpr uint32_t kDoStatus = 0x99;
constexpr uint32_t kDoMac = 0x8E;
constexpr size_t kMacSize = 8;

constexpr const char* kSessionLost =
    N_("The secure session with the chip was lost. Retry reading the card.");

Error SessionBroken(std::string detail) { return SecureSessionLost(std::move(detail)); }

// The SM data objects of a message, in the order ICAO prescribes, each optional here; callers
// say which are required.
struct SmObjects {
  std::optional<Tlv> cryptogram;  // 85 or 87
  std::optional<Tlv> le;          // 97
  std::optional<Tlv> status;      // 99
  std::optional<Tlv> mac;         // 8E
};

Result<SmObjects> ParseSmObjects(ByteView data, bool command) {
  SmObjects out;
  size_t offset = 0;
  int stage = 0;  // objects must come in increasing stage order, each at most once
  while (offset < data.size()) {
    auto tlv = ReadTlv(data, &offset);
    if (!tlv) return Fail(SessionBroken("SM objects: " + tlv.error().detail()));
    int tlv_stage;
    switch (tlv->tag) {
      case kDoCryptogramOdd:
      case kDoCryptogram: tlv_stage = 1; break;
      case kDoLe: tlv_stage = command ? 2 : 99; break;
      case kDoStatus: tlv_stage = command ? 99 : 3; break;
      case kDoMac: tlv_stage = 4; break;
      default: tlv_stage = 99;
    }
    if (tlv_stage == 99 || tlv_stage <= stage) {
      return Fail(SessionBroken("unexpected or repeated SM object " + ToHex(tlv->raw.first(1))));
    }
    stage = tlv_stage;
    switch (tlv_stage) {
      case 1: out.cryptogram = *tlv; break;
      case 2: out.le = *tlv; break;
      case 3: out.status = *tlv; break;
      case 4: out.mac = *tlv; break;
    }
  }
  if (!out.mac || out.mac->value.size() != kMacSize) {
    return Fail(SessionBroken("missing or malformed DO8E"));
  }
  if (out.cryptogram && out.cryptogram->tag == kDoCryptogram &&
      (out.cryptogram->value.empty() || out.cryptogram->value[0] != 0x01)) {
    return Fail(SessionBroken("DO87 without padding indicator 01"));
  }
  return out;
}

// The MACed bytes are the raw data objects before DO8E.
ByteView MacInput(ByteView data, const Tlv& mac) {
  return data.first(static_cast<size_t>(mac.raw.data() - data.data()));
}

ByteView CryptogramOf(const Tlv& tlv) {
  return tlv.tag == kDoCryptogram ? tlv.value.subspan(1) : tlv.value;
}

}  // namespace

Error SecureSessionLost(std::string detail) {
  return Error(ErrorCode::kCardError, kSessionLost, std::move(detail), Error::Retry::kYes);
}

bool IsSecureSessionLost(const Error& error) {
  return error.code() == ErrorCode::kCardError && error.message_key() == kSessionLost;
}

Result<SecureMessaging> SecureMessaging::Create(Algorithm algorithm, SecretBytes ks_enc,
                                                SecretBytes ks_mac, ByteView ssc) {
  const bool aes = algorithm == Algorithm::kAes;
  const bool key_ok = aes ? (ks_enc.size() == 16 || ks_enc.size() == 24 || ks_enc.size() == 32) &&
                                ks_mac.size() == ks_enc.size()
                          : ks_enc.size() == 16 && ks_mac.size() == 16;
  if (!key_ok || ssc.size() != (aes ? 16u : 8u)) {
    return Fail(Error::Internal("secure messaging key or SSC size"));
  }
  return SecureMessaging(algorithm, std::move(ks_enc), std::move(ks_mac),
                         Bytes(ssc.begin(), ssc.end()));
}

void SecureMessaging::IncrementSsc() {
  for (size_t i = ssc_.size(); i-- > 0;) {
    if (++ssc_[i] != 0) break;
  }
}

Result<Bytes> SecureMessaging::Encrypt(ByteView padded) {
  if (algorithm_ == Algorithm::kTripleDes) {
    const uint8_t zero_iv[8] = {};
    return crypto::TripleDesCbc(ks_enc_, zero_iv, padded, true);
  }
  auto iv = crypto::AesEncryptBlock(ks_enc_, ssc_);
  if (!iv) return iv;
  return crypto::AesCbc(ks_enc_, *iv, padded, true);
}

Result<Bytes> SecureMessaging::Decrypt(ByteView cryptogram) {
  if (cryptogram.empty() || cryptogram.size() % block_size() != 0) {
    return Fail(SessionBroken("cryptogram length is not a multiple of the block size"));
  }
  Result<Bytes> padded = Bytes{};
  if (algorithm_ == Algorithm::kTripleDes) {
    const uint8_t zero_iv[8] = {};
    padded = crypto::TripleDesCbc(ks_enc_, zero_iv, cryptogram, false);
  } else {
    auto iv = crypto::AesEncryptBlock(ks_enc_, ssc_);
    if (!iv) return iv;
    padded = crypto::AesCbc(ks_enc_, *iv, cryptogram, false);
  }
  if (!padded) return padded;
  auto plain = crypto::Unpad(*padded, block_size());
  if (!plain) return Fail(SessionBroken("bad padding in the decrypted data"));
  return plain;
}

Result<Bytes> SecureMessaging::Mac(ByteView data) {
  Bytes input = ssc_;
  input.insert(input.end(), data.begin(), data.end());
  if (algorithm_ == Algorithm::kTripleDes) return crypto::RetailMac(ks_mac_, input);
  auto full = crypto::AesCmac(ks_mac_, crypto::Pad(input, 16));
  if (!full) return full;
  full->resize(kMacSize);
  return full;
}

Result<void> SecureMessaging::CheckMac(ByteView data, ByteView mac) {
  auto expected = Mac(data);
  if (!expected) return Fail(expected.error());
  if (mac.size() != kMacSize || CRYPTO_memcmp(expected->data(), mac.data(), kMacSize) != 0) {
    return Fail(SessionBroken("secure messaging MAC does not verify"));
  }
  return {};
}

Result<CommandApdu> SecureMessaging::ProtectCommand(const CommandApdu& plain) {
  const bool extended = plain.IsExtended();
  CommandApdu out =
      CommandApdu::Of(static_cast<uint8_t>(plain.cla | 0x0C), plain.ins, plain.p1, plain.p2);
  // The SSC moves first: under AES the IV of this very message is E(KSenc, SSC).
  IncrementSsc();
  Bytes objects;
  if (!plain.data.empty()) {
    auto cryptogram = Encrypt(crypto::Pad(plain.data, block_size()));
    if (!cryptogram) return Fail(cryptogram.error());
    if (plain.ins & 0x01) {
      AppendTlv(objects, kDoCryptogramOdd, *cryptogram);
    } else {
      Bytes value{0x01};
      value.insert(value.end(), cryptogram->begin(), cryptogram->end());
      AppendTlv(objects, kDoCryptogram, value);
    }
  }
  if (plain.ne) {
    Bytes le;
    if (extended) {
      const size_t encoded = *plain.ne == kMaxExtendedNe ? 0 : *plain.ne;
      le = {static_cast<uint8_t>(encoded >> 8), static_cast<uint8_t>(encoded)};
    } else {
      le = {static_cast<uint8_t>(*plain.ne == kMaxShortNe ? 0 : *plain.ne)};
    }
    AppendTlv(objects, kDoLe, le);
  }
  Bytes mac_input = crypto::Pad(std::array<uint8_t, 4>{out.cla, out.ins, out.p1, out.p2},
                                block_size());
  mac_input.insert(mac_input.end(), objects.begin(), objects.end());
  auto mac = Mac(mac_input);
  if (!mac) return Fail(mac.error());
  AppendTlv(objects, kDoMac, *mac);
  out.data = std::move(objects);
  out.force_extended = extended || out.data.size() > kMaxShortLc;
  out.ne = out.force_extended ? kMaxExtendedNe : kMaxShortNe;
  return out;
}

Result<ResponseApdu> SecureMessaging::UnprotectResponse(const ResponseApdu& response) {
  IncrementSsc();
  if (response.data.empty()) {
    return Fail(SessionBroken("unprotected status " + StatusToHex(response.sw) +
                              " under secure messaging"));
  }
  auto objects = ParseSmObjects(response.data, false);
  if (!objects) return Fail(objects.error());
  if (!objects->status || objects->status->value.size() != 2) {
    return Fail(SessionBroken("missing or malformed DO99"));
  }
  auto mac_ok = CheckMac(MacInput(response.data, *objects->mac), objects->mac->value);
  if (!mac_ok) return Fail(mac_ok.error());
  ResponseApdu plain;
  plain.sw = static_cast<uint16_t>((objects->status->value[0] << 8) | objects->status->value[1]);
  if (objects->cryptogram) {
    auto data = Decrypt(CryptogramOf(*objects->cryptogram));
    if (!data) return Fail(data.error());
    plain.data = std::move(*data);
  }
  return plain;
}

Result<CommandApdu> SecureMessaging::UnprotectCommand(const CommandApdu& command) {
  IncrementSsc();
  if ((command.cla & 0x0C) != 0x0C) return Fail(SessionBroken("command is not SM-protected"));
  auto objects = ParseSmObjects(command.data, true);
  if (!objects) return Fail(objects.error());
  Bytes mac_input = crypto::Pad(
      std::array<uint8_t, 4>{command.cla, command.ins, command.p1, command.p2}, block_size());
  const ByteView macced = MacInput(command.data, *objects->mac);
  mac_input.insert(mac_input.end(), macced.begin(), macced.end());
  auto mac_ok = CheckMac(mac_input, objects->mac->value);
  if (!mac_ok) return Fail(mac_ok.error());
  CommandApdu plain =
      CommandApdu::Of(static_cast<uint8_t>(command.cla & ~0x0C), command.ins, command.p1, command.p2);
  plain.force_extended = command.force_extended;
  if (objects->cryptogram) {
    auto data = Decrypt(CryptogramOf(*objects->cryptogram));
    if (!data) return Fail(data.error());
    plain.data = std::move(*data);
  }
  if (objects->le) {
    const ByteView le = objects->le->value;
    if (le.size() == 1) {
      plain.ne = le[0] == 0 ? kMaxShortNe : le[0];
    } else if (le.size() == 2) {
      const size_t value = (size_t{le[0]} << 8) | le[1];
      plain.ne = value == 0 ? kMaxExtendedNe : value;
      plain.force_extended = true;
    } else {
      return Fail(SessionBroken("malformed DO97"));
    }
  }
  return plain;
}

Result<ResponseApdu> SecureMessaging::ProtectResponse(const ResponseApdu& plain) {
  IncrementSsc();
  Bytes objects;
  if (!plain.data.empty()) {
    auto cryptogram = Encrypt(crypto::Pad(plain.data, block_size()));
    if (!cryptogram) return Fail(cryptogram.error());
    Bytes value{0x01};
    value.insert(value.end(), cryptogram->begin(), cryptogram->end());
    AppendTlv(objects, kDoCryptogram, value);
  }
  AppendTlv(objects, kDoStatus, std::array<uint8_t, 2>{plain.sw1(), plain.sw2()});
  auto mac = Mac(objects);
  if (!mac) return Fail(mac.error());
  AppendTlv(objects, kDoMac, *mac);
  return ResponseApdu{.data = std::move(objects), .sw = plain.sw};
}

size_t SecureMessaging::ProtectedResponseSize(size_t plain_size) const {
  auto tlv_size = [](size_t value) {
    return 1 + (value < 0x80 ? 1 : value < 0x100 ? 2 : value < 0x10000 ? 3 : 4) + value;
  };
  size_t size = tlv_size(2) + tlv_size(kMacSize);
  if (plain_size > 0) {
    const size_t padded = (plain_size / block_size() + 1) * block_size();
    size += tlv_size(1 + padded);
  }
  return size;
}

size_t SecureMessaging::LargestShortNe() const {
  size_t ne = kMaxShortNe;
  while (ne > 1 && ProtectedResponseSize(ne) > kMaxShortNe) --ne;
  return ne;
}

}  // namespace kiosk::emrtd
