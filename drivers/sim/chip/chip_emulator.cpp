#include "drivers/sim/chip/chip_emulator.h"

#include <openssl/evp.h>

#include <algorithm>

#include "drivers/sim/lds/test_pki.h"
#include "kiosk/emrtd/lds/active_auth_verify.h"
#include "kiosk/emrtd/lds/ef_com.h"
#include "kiosk/emrtd/lds/lds_files.h"
#include "kiosk/emrtd/lds/tlv.h"
#include "kiosk/emrtd/protocol/chip_auth.h"
#include "kiosk/emrtd/protocol/sm_crypto.h"

namespace kiosk::sim {

using emrtd::Bytes;
using emrtd::ByteView;
using emrtd::CommandApdu;
using emrtd::ResponseApdu;
namespace sw = emrtd::sw;

namespace {

constexpr uint8_t kAid[] = {0xA0, 0x00, 0x00, 0x02, 0x47, 0x10, 0x01};
constexpr uint16_t kFidCardAccess = 0x011C;
constexpr uint32_t kDynamicAuthData = 0x7C;

ResponseApdu Status(uint16_t status) { return ResponseApdu{.data = {}, .sw = status}; }

// Short EF identifiers of the LDS: DG n → 01 0n, EF.COM 1E, EF.SOD 1D, EF.CardAccess 1C.
uint16_t FidOfSfi(uint8_t sfi) { return static_cast<uint16_t>(0x0100 | sfi); }

}  // namespace

emrtd::PaceInfo DefaultPaceInfo() {
  emrtd::PaceInfo info;
  info.protocol_oid = "0.4.0.127.0.7.2.2.4.2.2";  // id-PACE-ECDH-GM-AES-CBC-CMAC-128
  info.version = 2;
  info.parameter_id = 13;                          // brainpoolP256r1
  info.key_agreement = emrtd::PaceKeyAgreement::kEcdh;
  info.mapping = emrtd::PaceMapping::kGeneric;
  info.cipher = emrtd::PaceCipher::kAes128;
  return info;
}

std::optional<Bytes> ChipEmulator::CardAccessFile() const {
  if (behaviour_.access_control == AccessControl::kBacOnly) return std::nullopt;
  return emrtd::EncodeCardAccess({behaviour_.pace});
}

const Bytes* ChipEmulator::File(uint16_t fid) {
  if (fid == kFidCardAccess) {
    auto file = CardAccessFile();
    if (!file) return nullptr;
    card_access_ = std::move(*file);
    return &card_access_;
  }
  const auto& withheld = behaviour_.withheld_files;
  if (std::find(withheld.begin(), withheld.end(), fid) != withheld.end()) return nullptr;
  auto it = content_.files.find(fid);
  if (it == content_.files.end()) return nullptr;
  if (fid == emrtd::kFidCom) {
    // The table of contents as this card shows it: withheld or omitted groups left out.
    auto com = emrtd::ParseEfCom(it->second);
    if (!com) return &it->second;
    std::erase_if(com->data_groups, [this, &withheld](int dg) {
      const auto& omits = behaviour_.com_omits;
      return std::find(omits.begin(), omits.end(), dg) != omits.end() ||
             std::find(withheld.begin(), withheld.end(), emrtd::DataGroupFid(dg)) != withheld.end();
    });
    com_ = emrtd::BuildEfCom(*com);
    return &com_;
  }
  return &it->second;
}

ChipEmulator::ChipEmulator(ChipContent content, ChipBehaviour behaviour)
    : content_(std::move(content)),
      behaviour_(behaviour),
      bac_keys_(emrtd::DeriveBacKeys(content_.mrz_information)) {}

Bytes ChipEmulator::Atr() const {
  Bytes atr{0x3B, 0x85, 0x80, 0x01, 0x80, 0x73, 0x00, 0x00,
            static_cast<uint8_t>(behaviour_.extended_length ? 0x40 : 0x00)};
  uint8_t tck = 0;
  for (size_t i = 1; i < atr.size(); ++i) tck ^= atr[i];
  atr.push_back(tck);
  return atr;
}

void ChipEmulator::Reset() {
  applet_selected_ = false;
  selected_file_.reset();
  challenge_.reset();
  sm_.reset();
  pace_.reset();
  chip_auth_cipher_.reset();
  next_sm_.reset();
  answer_plain_ = false;
  apdu_count_ = 0;
}

std::chrono::microseconds ChipEmulator::ModelledTime(size_t command_bytes,
                                                     size_t response_bytes) const {
  auto time = behaviour_.latency_per_apdu;
  if (behaviour_.bits_per_second > 0) {
    time += std::chrono::microseconds((command_bytes + response_bytes) * 8 * 1000000ull /
                                      behaviour_.bits_per_second);
  }
  return time;
}

std::optional<Bytes> ChipEmulator::Process(ByteView raw) {
  ++apdu_count_;
  if (behaviour_.pull_at_apdu > 0 && !pull_fired_ &&
      apdu_count_ == static_cast<size_t>(behaviour_.pull_at_apdu)) {
    pull_fired_ = true;
    Reset();
    return std::nullopt;
  }
  auto command = CommandApdu::Parse(raw);
  if (!command) return Status(sw::kWrongLength).Encode();
  const bool wire_extended = command->IsExtended();
  if (wire_extended && !behaviour_.extended_length) return Status(sw::kWrongLength).Encode();

  const bool protected_command = (command->cla & 0x0C) == 0x0C;
  if (!protected_command) {
    // A plain command ends any secure session (ICAO 9303 Part 11 §9.8.4).
    sm_.reset();
    return Dispatch(*command, wire_extended).Encode();
  }
  if (!sm_) return Status(sw::kSecurityNotSatisfied).Encode();
  auto plain = sm_->UnprotectCommand(*command);
  if (!plain) {
    sm_.reset();
    return Status(sw::kSmObjectsIncorrect).Encode();
  }
  ResponseApdu answer = Dispatch(*plain, wire_extended);
  if (!sm_) return answer.Encode();  // the command ended the session
  if (answer_plain_) {  // an attack: an unauthenticated status word, outside the session
    answer_plain_ = false;
    sm_.reset();
    return answer.Encode();
  }
  auto wrapped = sm_->ProtectResponse(answer);
  if (!wrapped) {
    sm_.reset();
    return Status(sw::kNoPreciseDiagnosis).Encode();
  }
  if (next_sm_) {  // Chip Authentication: the answer went out under the old keys
    if (behaviour_.chip_auth_bad_mac && !wrapped->data.empty()) wrapped->data.back() ^= 0x01;
    sm_.emplace(std::move(*next_sm_));
    next_sm_.reset();
  }
  return wrapped->Encode();
}

ResponseApdu ChipEmulator::Dispatch(const CommandApdu& command, bool wire_extended) {
  (void)wire_extended;
  // Only GENERAL AUTHENTICATE is chained (CLA bit 10) in this applet.
  const uint8_t chaining = command.ins == 0x86 ? 0x10 : 0x00;
  if ((command.cla & ~(0x0C | chaining)) != 0x00) return Status(sw::kClaNotSupported);
  switch (command.ins) {
    case 0x22: return MseSetAt(command);
    case 0x86: return GeneralAuthenticate(command);
    case 0xA4: return Select(command);
    case 0xB0:
    case 0xB1: return ReadBinary(command);
    case 0x84: return GetChallenge(command);
    case 0x82: return ExternalAuthenticate(command);
    case 0x88: return InternalAuthenticate(command);
    default: return Status(sw::kInsNotSupported);
  }
}

ResponseApdu ChipEmulator::Select(const CommandApdu& command) {
  if (command.p1 == 0x04) {
    if (std::equal(command.data.begin(), command.data.end(), std::begin(kAid), std::end(kAid))) {
      applet_selected_ = true;
      selected_file_.reset();
      return Status(sw::kOk);
    }
    return Status(sw::kFileNotFound);
  }
  if ((command.p1 == 0x02 || command.p1 == 0x00) && command.data.size() == 2) {
    const uint16_t fid = static_cast<uint16_t>(command.data[0] << 8 | command.data[1]);
    // EF.CardAccess sits in the master file, readable without the applet; the rest needs BAC.
    if (fid != kFidCardAccess && (!applet_selected_ || !sm_)) return Status(sw::kSecurityNotSatisfied);
    if (!File(fid)) {
      const auto& withheld = behaviour_.withheld_files;
      answer_plain_ = behaviour_.withhold_with_plain_status &&
                      std::find(withheld.begin(), withheld.end(), fid) != withheld.end();
      return Status(sw::kFileNotFound);
    }
    selected_file_ = fid;
    return Status(sw::kOk);
  }
  // SELECT MF and other forms: some CCCDs answer 6D00 here.
  return Status(sw::kInsNotSupported);
}

ResponseApdu ChipEmulator::ReadBinary(const CommandApdu& command) {
  if (!command.ne) return Status(sw::kWrongLength);
  if (behaviour_.max_extended_ne > 0 && *command.ne > behaviour_.max_extended_ne) {
    return Status(sw::kWrongLength);
  }
  size_t offset = 0;
  if (command.ins == 0xB0) {
    if (command.p1 & 0x80) {  // short EF identifier in P1, offset in P2
      const uint16_t fid = FidOfSfi(command.p1 & 0x1F);
      if (fid != kFidCardAccess && !sm_) return Status(sw::kSecurityNotSatisfied);
      if (!File(fid)) return Status(sw::kFileNotFound);
      selected_file_ = fid;
      offset = command.p2;
    } else {
      offset = static_cast<size_t>(command.p1) << 8 | command.p2;
    }
  } else {
    auto do54 = emrtd::ParseSingleTlv(command.data, 0x54);
    if (!do54 || do54->value.empty() || do54->value.size() > 3) return Status(sw::kWrongData);
    for (uint8_t b : do54->value) offset = offset << 8 | b;
  }
  if (!selected_file_) return Status(0x6986);  // no current EF
  if (*selected_file_ != kFidCardAccess && !sm_) return Status(sw::kSecurityNotSatisfied);
  const Bytes* file_pointer = File(*selected_file_);
  if (!file_pointer) return Status(sw::kFileNotFound);
  const Bytes& file = *file_pointer;
  if (offset >= file.size()) return Status(sw::kWrongP1P2);

  size_t room = *command.ne;
  if (command.ins == 0xB1) {
    // The data travels inside DO53: leave room for its tag and length.
    room = room > 4 ? room - 4 : 0;
    if (room == 0) return Status(sw::kWrongLength);
  }
  const size_t count = std::min(room, file.size() - offset);
  Bytes data(file.begin() + static_cast<ptrdiff_t>(offset),
             file.begin() + static_cast<ptrdiff_t>(offset + count));
  if (command.ins == 0xB1) data = emrtd::EncodeTlv(0x53, data);
  const bool short_read = count < room && count < *command.ne;
  return ResponseApdu{.data = std::move(data), .sw = short_read ? sw::kEndOfFileReached : sw::kOk};
}

ResponseApdu ChipEmulator::GetChallenge(const CommandApdu& command) {
  if (command.ne != 8) return Status(sw::kWrongLength);
  auto nonce = emrtd::crypto::RandomBytes(8);
  if (!nonce) return Status(sw::kNoPreciseDiagnosis);
  challenge_ = *nonce;
  return ResponseApdu{.data = *nonce, .sw = sw::kOk};
}

ResponseApdu ChipEmulator::ExternalAuthenticate(const CommandApdu& command) {
  if (!applet_selected_ || !challenge_) return Status(sw::kConditionsNotSatisfied);
  const Bytes challenge = std::move(*challenge_);
  challenge_.reset();  // one attempt per challenge
  if (behaviour_.refuse_access_key) return Status(sw::kAuthenticationFailed);
  auto k_ic_bytes = emrtd::crypto::RandomBytes(16);
  if (!k_ic_bytes) return Status(sw::kNoPreciseDiagnosis);
  SecretBytes k_ic(k_ic_bytes->data(), k_ic_bytes->size());
  auto answer = emrtd::AnswerExternalAuthenticate(bac_keys_, challenge, k_ic, command.data);
  if (!answer) return Status(sw::kAuthenticationFailed);
  auto sm = emrtd::SecureMessaging::Create(emrtd::SecureMessaging::Algorithm::kTripleDes,
                                           std::move(answer->session.ks_enc),
                                           std::move(answer->session.ks_mac), answer->session.ssc);
  if (!sm) return Status(sw::kNoPreciseDiagnosis);
  // The answer itself goes out in the clear; the session starts with the next command.
  ResponseApdu response{.data = std::move(answer->response), .sw = sw::kOk};
  sm_.emplace(std::move(*sm));
  return response;
}

ResponseApdu ChipEmulator::MseSetAt(const CommandApdu& command) {
  if (command.p1 == 0x41) return ChipAuthSetAt(command);
  if (command.p1 != 0xC1 || command.p2 != 0xA4) return Status(sw::kWrongP1P2);
  if (behaviour_.access_control == AccessControl::kBacOnly) return Status(sw::kInsNotSupported);
  pace_.reset();
  if (behaviour_.refuse_pace) return Status(sw::kWrongData);
  auto items = emrtd::ParseTlvSequence(command.data);
  if (!items) return Status(sw::kWrongData);
  std::optional<Bytes> oid;
  std::optional<uint8_t> password;
  std::optional<uint8_t> parameter;
  for (const emrtd::Tlv& item : *items) {
    if (item.tag == 0x80) oid = Bytes(item.value.begin(), item.value.end());
    if (item.tag == 0x83 && item.value.size() == 1) password = item.value[0];
    if (item.tag == 0x84 && item.value.size() == 1) parameter = item.value[0];
  }
  const Bytes own_oid_tlv = emrtd::EncodeOid(behaviour_.pace.protocol_oid);
  auto own_oid = emrtd::ParseSingleTlv(own_oid_tlv, 0x06);
  if (!oid || !password || !own_oid ||
      !std::equal(oid->begin(), oid->end(), own_oid->value.begin(), own_oid->value.end())) {
    return Status(sw::kWrongData);
  }
  if (parameter && behaviour_.pace.parameter_id && *parameter != *behaviour_.pace.parameter_id) {
    return Status(sw::kWrongData);
  }
  PaceRun run;
  if (*password == static_cast<uint8_t>(emrtd::PacePasswordType::kMrz)) {
    run.password = emrtd::PacePasswordType::kMrz;
  } else if (*password == static_cast<uint8_t>(emrtd::PacePasswordType::kCan) &&
             !content_.can.empty()) {
    run.password = emrtd::PacePasswordType::kCan;
  } else {
    return Status(0x6A88);  // referenced data (password) not found
  }
  pace_.emplace(std::move(run));
  return Status(sw::kOk);
}

ResponseApdu ChipEmulator::ChipAuthSetAt(const CommandApdu& command) {
  chip_auth_cipher_.reset();
  if (!sm_) return Status(sw::kSecurityNotSatisfied);
  if (!content_.ca_private_key) return Status(sw::kInsNotSupported);
  auto items = emrtd::ParseTlvSequence(command.data);
  if (!items) return Status(sw::kWrongData);
  if (command.p2 == 0xA6) {  // MSE:Set KAT: 3DES Chip Authentication with the key in DO91
    for (const emrtd::Tlv& item : *items) {
      if (item.tag == 0x91) return ChipAuthAgree(emrtd::PaceCipher::kTripleDes, item.value);
    }
    return Status(sw::kWrongData);
  }
  if (command.p2 != 0xA4) return Status(sw::kWrongP1P2);
  for (const emrtd::Tlv& item : *items) {
    if (item.tag != 0x80) continue;
    auto oid = emrtd::DecodeOid(item.value);
    if (!oid) return Status(sw::kWrongData);
    chip_auth_cipher_ = emrtd::ChipAuthCipher(*oid);
    return chip_auth_cipher_ ? Status(sw::kOk) : Status(sw::kWrongData);
  }
  return Status(sw::kWrongData);
}

ResponseApdu ChipEmulator::ChipAuthAgree(emrtd::PaceCipher cipher, ByteView terminal_point) {
  EVP_PKEY* key = content_.ca_private_key.get();
  if (behaviour_.clone_aa_key) {
    if (!clone_ca_key_) {
      auto generated = GenerateKey(PkiKeyType::kEcdsaP256);
      if (!generated) return Status(sw::kNoPreciseDiagnosis);
      clone_ca_key_ = std::move(*generated);
    }
    key = clone_ca_key_.get();
  }
  auto session = emrtd::ChipAuthAnswer(key, cipher, terminal_point);
  if (!session) return Status(sw::kWrongData);
  next_sm_.emplace(std::move(*session));
  return Status(sw::kOk);
}

ResponseApdu ChipEmulator::GeneralAuthenticate(const CommandApdu& command) {
  if (chip_auth_cipher_ && sm_) {
    const emrtd::PaceCipher cipher = *chip_auth_cipher_;
    chip_auth_cipher_.reset();
    auto outer = emrtd::ParseSingleTlv(command.data, kDynamicAuthData);
    if (!outer) return Status(sw::kWrongData);
    auto point = emrtd::FindChild(*outer, 0x80);
    if (!point) return Status(sw::kWrongData);
    return ChipAuthAgree(cipher, point->value);
  }
  if (!pace_ || sm_) return Status(sw::kConditionsNotSatisfied);
  const bool last = (command.cla & 0x10) == 0;
  auto outer = emrtd::ParseSingleTlv(command.data, kDynamicAuthData);
  if (!outer) {
    pace_.reset();
    return Status(sw::kWrongData);
  }
  auto items = emrtd::Children(*outer);
  if (!items || items->size() > 1) {
    pace_.reset();
    return Status(sw::kWrongData);
  }
  const uint32_t tag = items->empty() ? 0 : (*items)[0].tag;
  const ByteView value = items->empty() ? ByteView{} : (*items)[0].value;
  ResponseApdu answer = PaceStep(tag, value, last);
  if (!answer.ok()) pace_.reset();
  return answer;
}

ResponseApdu ChipEmulator::PaceStep(uint32_t tag_in, ByteView value, bool last) {
  PaceRun& run = *pace_;
  const uint32_t expected_tag[] = {0, 0x00, 0x81, 0x83, 0x85};
  if (run.next_step > 4 || tag_in != expected_tag[run.next_step] || last != (run.next_step == 4)) {
    return Status(sw::kWrongData);
  }
  auto reply = [](uint32_t tag, ByteView data) {
    return ResponseApdu{.data = emrtd::EncodeTlv(kDynamicAuthData, emrtd::EncodeTlv(tag, data)),
                        .sw = sw::kOk};
  };
  switch (run.next_step++) {
    case 1: {
      const emrtd::PacePassword password =
          run.password == emrtd::PacePasswordType::kCan
              ? emrtd::PacePasswordFromCan(content_.can)
              : emrtd::PacePasswordFromMrz(content_.mrz_information);
      auto crypto = emrtd::PaceCrypto::Create(behaviour_.pace, password);
      if (!crypto) return Status(sw::kNoPreciseDiagnosis);
      run.crypto.emplace(std::move(*crypto));
      auto nonce = run.crypto->EncryptNonce();
      if (!nonce) return Status(sw::kNoPreciseDiagnosis);
      return reply(0x80, *nonce);
    }
    case 2: {
      auto mapping = run.crypto->MappingData();
      if (!mapping || !run.crypto->MapGenerator(value)) return Status(sw::kWrongData);
      return reply(0x82, *mapping);
    }
    case 3: {
      auto own_key = run.crypto->EphemeralPublicKey();
      if (!own_key || !run.crypto->ComputeSharedSecret(value) || !run.crypto->DeriveKeys()) {
        return Status(sw::kWrongData);
      }
      run.terminal_key.assign(value.begin(), value.end());
      return reply(0x84, *own_key);
    }
    default: {
      // A wrong password shows here: the terminal's token does not verify under our keys.
      auto verified = run.crypto->VerifyAuthenticationToken(value);
      if (behaviour_.refuse_access_key || !verified || !*verified) {
        return Status(sw::kAuthenticationFailed);
      }
      auto token = run.crypto->AuthenticationToken(run.terminal_key);
      auto sm = run.crypto->StartSecureMessaging();
      if (!token || !sm) return Status(sw::kNoPreciseDiagnosis);
      ResponseApdu answer = reply(0x86, *token);
      // The answer goes out in the clear; the session starts with the next command.
      sm_.emplace(std::move(*sm));
      pace_.reset();
      return answer;
    }
  }
}

ResponseApdu ChipEmulator::InternalAuthenticate(const CommandApdu& command) {
  if (!sm_) return Status(sw::kSecurityNotSatisfied);
  if (!content_.aa_private_key) return Status(sw::kInsNotSupported);
  if (behaviour_.refuse_internal_authenticate) return Status(sw::kSecurityNotSatisfied);
  if (command.data.size() != emrtd::kActiveAuthChallengeSize) return Status(sw::kWrongData);
  EVP_PKEY* key = content_.aa_private_key.get();
  if (behaviour_.clone_aa_key) {
    if (!clone_key_) {
      const bool rsa = EVP_PKEY_get_base_id(key) == EVP_PKEY_RSA;
      auto generated = GenerateKey(rsa ? PkiKeyType::kRsa2048 : PkiKeyType::kEcdsaP256);
      if (!generated) return Status(sw::kNoPreciseDiagnosis);
      clone_key_ = std::move(*generated);
    }
    key = clone_key_.get();
  }
  auto signature = emrtd::SignActiveAuth(key, command.data);
  if (!signature) return Status(sw::kNoPreciseDiagnosis);
  return ResponseApdu{.data = std::move(*signature), .sw = sw::kOk};
}

}  // namespace kiosk::sim
