#include "kiosk/emrtd/protocol/pace.h"

#include <eac/eac.h>
#include <eac/pace.h>
#include <openssl/buffer.h>
#include <openssl/crypto.h>
#include <openssl/objects.h>

#include <algorithm>
#include <mutex>

#include "kiosk/core/i18n.h"
#include "kiosk/emrtd/protocol/bac.h"
#include "kiosk/emrtd/protocol/card_channel.h"
#include "kiosk/emrtd/protocol/sm_crypto.h"

namespace kiosk::emrtd {
namespace {

// OpenPACE registers its OIDs with OpenSSL once per process.
void InitOpenPaceOnce() {
  static std::once_flag once;
  std::call_once(once, [] { EAC_init(); });
}

struct BufMemFree {
  void operator()(BUF_MEM* buffer) const {
    if (buffer && buffer->data) OPENSSL_cleanse(buffer->data, buffer->max);
    BUF_MEM_free(buffer);
  }
};
using BufMemPtr = std::unique_ptr<BUF_MEM, BufMemFree>;

BufMemPtr ToBufMem(ByteView data) {
  BufMemPtr buffer(BUF_MEM_new());
  if (!buffer || BUF_MEM_grow(buffer.get(), data.size()) != data.size()) {
    if (data.empty() && buffer) return buffer;
    return nullptr;
  }
  std::copy(data.begin(), data.end(), reinterpret_cast<uint8_t*>(buffer->data));
  return buffer;
}

Bytes FromBufMem(const BUF_MEM* buffer) {
  if (!buffer || !buffer->data) return {};
  const auto* begin = reinterpret_cast<const uint8_t*>(buffer->data);
  return Bytes(begin, begin + buffer->length);
}

Error PaceError(std::string detail) {
  return Error(ErrorCode::kCrypto, N_("PACE with the chip failed."), "PACE: " + std::move(detail));
}

Error BadCardAnswer(std::string detail) {
  // Not retriable: the reader falls back to BAC rather than repeating the same PACE.
  return Error(ErrorCode::kCardError, N_("The chip answered PACE incorrectly. Retry reading the card."),
               "PACE: " + std::move(detail), Error::Retry::kNo);
}

constexpr uint32_t kDynamicAuthData = 0x7C;

}  // namespace

struct PaceCrypto::State {
  EAC_CTX* ctx = nullptr;
  PACE_SEC* password = nullptr;
  ~State() {
    EAC_CTX_clear_free(ctx);
    PACE_SEC_clear_free(password);
  }
};

PacePassword PacePasswordFromMrz(std::string_view mrz_information) {
  const Bytes digest = crypto::Sha1(ByteView(reinterpret_cast<const uint8_t*>(mrz_information.data()),
                                             mrz_information.size()));
  PacePassword password{PacePasswordType::kMrz, SecretBytes(digest.data(), digest.size())};
  return password;
}

PacePassword PacePasswordFromCan(std::string_view can) {
  return PacePassword{PacePasswordType::kCan,
                      SecretBytes(reinterpret_cast<const uint8_t*>(can.data()), can.size())};
}

Result<void> ValidateCan(std::string_view can) {
  const bool digits = std::all_of(can.begin(), can.end(), [](char c) { return c >= '0' && c <= '9'; });
  if (!digits || can.size() < 4 || can.size() > 10) {
    return Fail(Error(ErrorCode::kInvalidArgument,
                      N_("The card access number (CAN) is the 6 digits printed on the card."),
                      "CAN must be 4..10 digits"));
  }
  return {};
}

Error WrongCanError(std::string detail) {
  return Error(ErrorCode::kWrongAccessKey,
               N_("The chip refused the card access number (CAN). Check the 6 digits printed on "
                  "the card, then retry."),
               std::move(detail), Error::Retry::kNo);
}

PaceCrypto::PaceCrypto(std::unique_ptr<State> state) : state_(std::move(state)) {}
PaceCrypto::PaceCrypto(PaceCrypto&&) noexcept = default;
PaceCrypto& PaceCrypto::operator=(PaceCrypto&&) noexcept = default;
PaceCrypto::~PaceCrypto() = default;

Result<PaceCrypto> PaceCrypto::Create(const PaceInfo& info, const PacePassword& password) {
  InitOpenPaceOnce();
  if (info.mapping != PaceMapping::kGeneric || !info.parameter_id) {
    return Fail(Error(ErrorCode::kUnsupported, N_("The chip's PACE variant is not supported."),
                      "PACE: only the generic mapping with standardized parameters"));
  }
  const int protocol = OBJ_txt2nid(info.protocol_oid.c_str());
  auto state = std::make_unique<State>();
  state->ctx = EAC_CTX_new();
  if (!state->ctx) return Fail(PaceError("EAC_CTX_new"));
  if (protocol == NID_undef || EAC_CTX_init_pace(state->ctx, protocol, *info.parameter_id) != 1) {
    return Fail(Error(ErrorCode::kUnsupported, N_("The chip's PACE variant is not supported."),
                      "PACE: OpenPACE refuses " + info.protocol_oid + " with parameters " +
                          std::to_string(*info.parameter_id)));
  }
  // The MRZ password is already hashed (K = SHA-1(MRZ information)): hand it over raw.
  state->password = PACE_SEC_new(reinterpret_cast<const char*>(password.secret.data()),
                                 password.secret.size(), PACE_RAW);
  if (!state->password) return Fail(PaceError("PACE_SEC_new"));
  return PaceCrypto(std::move(state));
}

Result<Bytes> PaceCrypto::EncryptNonce() {
  BufMemPtr encrypted(PACE_STEP1_enc_nonce(state_->ctx, state_->password));
  if (!encrypted) return Fail(PaceError("nonce encryption"));
  return FromBufMem(encrypted.get());
}

Result<void> PaceCrypto::DecryptNonce(ByteView encrypted_nonce) {
  BufMemPtr in = ToBufMem(encrypted_nonce);
  if (!in || encrypted_nonce.empty() ||
      PACE_STEP2_dec_nonce(state_->ctx, state_->password, in.get()) != 1) {
    return Fail(BadCardAnswer("encrypted nonce does not decrypt"));
  }
  return {};
}

Result<Bytes> PaceCrypto::MappingData() {
  BufMemPtr data(PACE_STEP3A_generate_mapping_data(state_->ctx));
  if (!data) return Fail(PaceError("mapping data"));
  return FromBufMem(data.get());
}

Result<void> PaceCrypto::MapGenerator(ByteView other_mapping_data) {
  BufMemPtr in = ToBufMem(other_mapping_data);
  if (!in || other_mapping_data.empty() || PACE_STEP3A_map_generator(state_->ctx, in.get()) != 1) {
    return Fail(BadCardAnswer("mapping data refused"));
  }
  return {};
}

Result<Bytes> PaceCrypto::EphemeralPublicKey() {
  BufMemPtr key(PACE_STEP3B_generate_ephemeral_key(state_->ctx));
  if (!key) return Fail(PaceError("ephemeral key"));
  own_public_key_ = FromBufMem(key.get());
  return own_public_key_;
}

Result<void> PaceCrypto::ComputeSharedSecret(ByteView other_public_key) {
  if (other_public_key.empty() ||
      std::equal(other_public_key.begin(), other_public_key.end(), own_public_key_.begin(),
                 own_public_key_.end())) {
    return Fail(BadCardAnswer("the other party's ephemeral key is empty or equal to ours"));
  }
  BufMemPtr in = ToBufMem(other_public_key);
  if (!in || PACE_STEP3B_compute_shared_secret(state_->ctx, in.get()) != 1) {
    return Fail(BadCardAnswer("ephemeral public key refused"));
  }
  return {};
}

Result<void> PaceCrypto::DeriveKeys() {
  if (PACE_STEP3C_derive_keys(state_->ctx) != 1) return Fail(PaceError("key derivation"));
  return {};
}

Result<Bytes> PaceCrypto::AuthenticationToken(ByteView other_public_key) {
  BufMemPtr in = ToBufMem(other_public_key);
  if (!in) return Fail(PaceError("token input"));
  BufMemPtr token(PACE_STEP3D_compute_authentication_token(state_->ctx, in.get()));
  if (!token) return Fail(PaceError("authentication token"));
  return FromBufMem(token.get());
}

Result<bool> PaceCrypto::VerifyAuthenticationToken(ByteView token) {
  BufMemPtr in = ToBufMem(token);
  if (!in || token.empty()) return false;
  const int verified = PACE_STEP3D_verify_authentication_token(state_->ctx, in.get());
  if (verified < 0) return false;
  return verified == 1;
}

Result<SecureMessaging> PaceCrypto::StartSecureMessaging() const {
  const EAC_CTX* ctx = state_->ctx;
  if (!ctx->pace_ctx || !ctx->pace_ctx->ka_ctx || !ctx->pace_ctx->ka_ctx->k_enc ||
      !ctx->pace_ctx->ka_ctx->k_mac) {
    return Fail(PaceError("no session keys"));
  }
  const BUF_MEM* k_enc = ctx->pace_ctx->ka_ctx->k_enc;
  const BUF_MEM* k_mac = ctx->pace_ctx->ka_ctx->k_mac;
  const bool triple_des = k_enc->length == 16 && ctx->pace_ctx->ka_ctx->cipher &&
                          EVP_CIPHER_get_block_size(ctx->pace_ctx->ka_ctx->cipher) == 8;
  const Bytes ssc(triple_des ? 8 : 16, 0);
  return SecureMessaging::Create(
      triple_des ? SecureMessaging::Algorithm::kTripleDes : SecureMessaging::Algorithm::kAes,
      SecretBytes(reinterpret_cast<const uint8_t*>(k_enc->data), k_enc->length),
      SecretBytes(reinterpret_cast<const uint8_t*>(k_mac->data), k_mac->length), ssc);
}

Bytes PaceCrypto::Nonce() const {
  const EAC_CTX* ctx = state_->ctx;
  return ctx->pace_ctx ? FromBufMem(ctx->pace_ctx->nonce) : Bytes{};
}

Bytes PaceMseSetAtData(const PaceInfo& info, PacePasswordType password) {
  const Bytes oid_tlv = EncodeOid(info.protocol_oid);
  Bytes data;
  // The OID's content octets under tag 80 (not the whole 06 TLV).
  auto oid = ParseSingleTlv(oid_tlv, 0x06);
  if (oid) AppendTlv(data, 0x80, oid->value);
  AppendTlv(data, 0x83, std::array<uint8_t, 1>{static_cast<uint8_t>(password)});
  if (info.parameter_id) {
    AppendTlv(data, 0x84, std::array<uint8_t, 1>{static_cast<uint8_t>(*info.parameter_id)});
  }
  return data;
}

namespace {

Error RefusedPassword(const PacePassword& password, std::string detail) {
  return password.type == PacePasswordType::kCan ? WrongCanError(std::move(detail))
                                                 : WrongAccessKeyError(std::move(detail));
}

bool IsRefusal(uint16_t status) {
  return status == sw::kAuthenticationFailed || status == sw::kSecurityNotSatisfied ||
         ((status >> 8) == 0x63 && (status & 0xF0) == 0xC0);
}

// One GENERAL AUTHENTICATE step: 7C { tag_out value } out, 7C { tag_in value } back.
Result<Bytes> GeneralAuthenticate(CardChannel& channel, bool last, uint32_t tag_out, ByteView value,
                                  uint32_t tag_in, const PacePassword& password) {
  Bytes inner;
  if (tag_out != 0) AppendTlv(inner, tag_out, value);
  auto command = CommandApdu::Of(last ? 0x00 : 0x10, 0x86, 0x00, 0x00,
                                 EncodeTlv(kDynamicAuthData, inner), kMaxShortNe);
  auto response = TransmitComplete(channel, command);
  if (!response) return Fail(response.error());
  const std::string step = "GENERAL AUTHENTICATE (" + ToHex(std::array<uint8_t, 1>{static_cast<uint8_t>(tag_in)}) + ")";
  // The password shows as wrong at the last step (the tokens); a 63xx earlier is a refusal too.
  if ((last && IsRefusal(response->sw)) || response->sw1() == 0x63) {
    return Fail(RefusedPassword(password, step + " answered " + StatusToHex(response->sw)));
  }
  if (!response->ok()) {
    if (response->sw == sw::kInsNotSupported || response->sw == sw::kWrongData ||
        response->sw == sw::kConditionsNotSatisfied || response->sw == sw::kWrongP1P2) {
      return Fail(Error(ErrorCode::kUnsupported, N_("The chip refused PACE."),
                        step + " answered " + StatusToHex(response->sw)));
    }
    return Fail(StatusToError(response->sw, step));
  }
  auto outer = ParseSingleTlv(response->data, kDynamicAuthData);
  if (!outer) return Fail(BadCardAnswer(step + ": " + outer.error().detail()));
  auto items = Children(*outer);
  if (!items) return Fail(BadCardAnswer(step + ": " + items.error().detail()));
  // The last step may add the CAR of a CVCA (87, 88) after the token; the first item counts.
  if (items->empty() || (*items)[0].tag != tag_in || (!last && items->size() != 1)) {
    return Fail(BadCardAnswer(step + ": unexpected data objects"));
  }
  return Bytes((*items)[0].value.begin(), (*items)[0].value.end());
}

}  // namespace

Result<SecureMessaging> PerformPace(CardChannel& channel, const PaceInfo& info,
                                    const PacePassword& password) {
  auto pace = PaceCrypto::Create(info, password);
  if (!pace) return Fail(pace.error());

  auto mse = CommandApdu::Of(0x00, 0x22, 0xC1, 0xA4, PaceMseSetAtData(info, password.type));
  auto mse_answer = TransmitComplete(channel, mse);
  if (!mse_answer) return Fail(mse_answer.error());
  if (!mse_answer->ok()) {
    // 63Cx here is a PIN/CAN retry counter warning some chips give; anything else means the
    // chip does not take this protocol or password type.
    if ((mse_answer->sw >> 8) == 0x63) {
      return Fail(RefusedPassword(password, "MSE:Set AT answered " + StatusToHex(mse_answer->sw)));
    }
    return Fail(Error(ErrorCode::kUnsupported, N_("The chip refused PACE."),
                      "MSE:Set AT answered " + StatusToHex(mse_answer->sw)));
  }

  auto encrypted_nonce = GeneralAuthenticate(channel, false, 0, {}, 0x80, password);
  if (!encrypted_nonce) return Fail(encrypted_nonce.error());
  if (auto r = pace->DecryptNonce(*encrypted_nonce); !r) return Fail(r.error());

  auto mapping = pace->MappingData();
  if (!mapping) return Fail(mapping.error());
  auto card_mapping = GeneralAuthenticate(channel, false, 0x81, *mapping, 0x82, password);
  if (!card_mapping) return Fail(card_mapping.error());
  if (auto r = pace->MapGenerator(*card_mapping); !r) return Fail(r.error());

  auto own_key = pace->EphemeralPublicKey();
  if (!own_key) return Fail(own_key.error());
  auto card_key = GeneralAuthenticate(channel, false, 0x83, *own_key, 0x84, password);
  if (!card_key) return Fail(card_key.error());
  if (auto r = pace->ComputeSharedSecret(*card_key); !r) return Fail(r.error());
  if (auto r = pace->DeriveKeys(); !r) return Fail(r.error());

  auto token = pace->AuthenticationToken(*card_key);
  if (!token) return Fail(token.error());
  auto card_token = GeneralAuthenticate(channel, true, 0x85, *token, 0x86, password);
  if (!card_token) return Fail(card_token.error());
  auto verified = pace->VerifyAuthenticationToken(*card_token);
  if (!verified) return Fail(verified.error());
  if (!*verified) {
    return Fail(Error(ErrorCode::kVerificationFailed,
                      N_("The chip's PACE answer does not verify: the card may not be genuine."),
                      "PACE: the chip's authentication token does not verify"));
  }
  return pace->StartSecureMessaging();
}

}  // namespace kiosk::emrtd
