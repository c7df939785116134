#pragma once
// The CCCD chip emulator: the ICAO 9303 eMRTD applet of a Vietnamese chip ID card (căn cước công
// dân gắn chip) as a state machine over command APDUs. It serves the LDS files built by
// drivers/sim/lds, answers BAC (GET CHALLENGE, EXTERNAL AUTHENTICATE) with the MRZ key, wraps
// every answer in 3DES secure messaging afterwards, runs the card's half of PACE (MSE:Set AT,
// GENERAL AUTHENTICATE, generic mapping on OpenPACE) with the MRZ or the CAN and AES secure
// messaging after it, offers EF.CardAccess in the clear when PACE is on, signs Active Authentication challenges
// (INTERNAL AUTHENTICATE) and reads with READ BINARY B0 / B1, short or extended length.
//
// Behaviour switches model real cards and faults: short-only cards, a refused key (6300), a
// card pulled at the k-th APDU, a clone (AA signed with another key), reader latency and bit rate.
// Corrupted data groups and an unknown CSCA are properties of the files (see chip_profile.h).
//
// Thread safety: none. One thread drives an emulator (the test, or the vpcd client's loop).

#include <chrono>
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "kiosk/core/result.h"
#include "kiosk/emrtd/lds/card_access.h"
#include "kiosk/emrtd/lds/openssl_ptr.h"
#include "kiosk/emrtd/protocol/apdu.h"
#include "kiosk/emrtd/protocol/bac.h"
#include "kiosk/emrtd/protocol/pace.h"
#include "kiosk/emrtd/protocol/secure_messaging.h"

namespace kiosk::sim {

// Which access control the card offers: PACE (announced in EF.CardAccess) with BAC as the
// fallback, as ICAO 9303 asks of PACE chips, or BAC only (no EF.CardAccess, MSE:Set AT refused).
enum class AccessControl { kPaceAndBac, kBacOnly };

// The PACEInfo a PACE card announces by default: ECDH, generic mapping, AES-128, brainpoolP256r1.
emrtd::PaceInfo DefaultPaceInfo();

struct ChipBehaviour {
  AccessControl access_control = AccessControl::kPaceAndBac;
  // The protocol and domain parameters the card announces and accepts (PACE cards only).
  emrtd::PaceInfo pace = DefaultPaceInfo();
  bool extended_length = true;    // announced in the ATR and accepted; else 6700 to extended APDUs
  bool refuse_access_key = false;  // EXTERNAL / the last GENERAL AUTHENTICATE answer 6300
  // The card is "pulled" when it receives its k-th APDU since power-on (1-based; 0 never). The
  // switch fires once: the card that comes back answers normally.
  int pull_at_apdu = 0;
  // A clone: INTERNAL AUTHENTICATE signs with a key that is not DG15's, and Chip Authentication
  // runs with a key that is not DG14's (the next protected command then fails).
  bool clone_aa_key = false;
  // Models a real reader: a fixed delay per exchange plus the bytes at this bit rate (0: none).
  std::chrono::microseconds latency_per_apdu{0};
  uint32_t bits_per_second = 0;
  // Announces extended length but answers 6700 to an Le above this (0: no limit), like readers
  // whose buffers are smaller than the card's.
  size_t max_extended_ne = 0;
  // Announces PACE in EF.CardAccess but answers MSE:Set AT with 6A80, like chips whose PACE is
  // broken or disabled: the reader must fall back to BAC.
  bool refuse_pace = false;

  // Attacks (see ApplyChipAttack in chip_profile.h for the named ones the tests and
  // `kiosk-cli card sim --attack` use):
  // Files the card acts as if it lacked: SELECT answers 6A82 (under secure messaging, or bare
  // when withhold_with_plain_status), and EF.COM leaves such data groups out. A clone with a
  // copied SOD hides DG14/DG15 this way, having no key to prove.
  std::vector<uint16_t> withheld_files{};
  bool withhold_with_plain_status = false;
  // Data groups left out of EF.COM only (the files are still served).
  std::vector<int> com_omits{};
  // INTERNAL AUTHENTICATE answered 6982 instead of a signature.
  bool refuse_internal_authenticate = false;
  // The answer that completes Chip Authentication carries a MAC that does not verify.
  bool chip_auth_bad_mac = false;
};

// What the card holds.
struct ChipContent {
  std::map<uint16_t, emrtd::Bytes> files;  // FID → content
  std::string mrz_information;             // BAC key seed input (docno+cd, DOB+cd, expiry+cd)
  std::string can;                         // PACE card access number; empty: PACE with MRZ only
  emrtd::EvpPkeyPtr aa_private_key;        // null: no Active Authentication
  emrtd::EvpPkeyPtr ca_private_key;        // null: no Chip Authentication
};

class ChipEmulator {
 public:
  ChipEmulator(ChipContent content, ChipBehaviour behaviour = {});
  ChipEmulator(const ChipEmulator&) = delete;
  ChipEmulator& operator=(const ChipEmulator&) = delete;

  // 3B 85 80 01 80 73 00 00 xx TCK: T=1 with card capabilities announcing (or not) extended
  // Lc/Le.
  emrtd::Bytes Atr() const;

  // Power-on / reset: a fresh card (nothing selected, no session).
  void Reset();

  // One command APDU as bytes in, the response APDU as bytes out. nullopt: the card was pulled
  // (the transport must report it gone).
  std::optional<emrtd::Bytes> Process(emrtd::ByteView command);

  const ChipBehaviour& behaviour() const { return behaviour_; }
  ChipBehaviour& mutable_behaviour() { return behaviour_; }
  // Replaces the behaviour and re-arms the one-shot card pull.
  void SetBehaviour(const ChipBehaviour& behaviour) {
    behaviour_ = behaviour;
    pull_fired_ = false;
  }
  size_t apdus_since_power_on() const { return apdu_count_; }

  // The time the modelled reader would take for this exchange (latency + bytes at bit rate).
  std::chrono::microseconds ModelledTime(size_t command_bytes, size_t response_bytes) const;

 private:
  emrtd::ResponseApdu Dispatch(const emrtd::CommandApdu& command, bool wire_extended);
  emrtd::ResponseApdu Select(const emrtd::CommandApdu& command);
  emrtd::ResponseApdu ReadBinary(const emrtd::CommandApdu& command);
  emrtd::ResponseApdu GetChallenge(const emrtd::CommandApdu& command);
  emrtd::ResponseApdu ExternalAuthenticate(const emrtd::CommandApdu& command);
  emrtd::ResponseApdu InternalAuthenticate(const emrtd::CommandApdu& command);
  emrtd::ResponseApdu MseSetAt(const emrtd::CommandApdu& command);
  emrtd::ResponseApdu ChipAuthSetAt(const emrtd::CommandApdu& command);
  // Chip Authentication with the terminal's point: answers 9000 under the current keys and
  // switches to the new ones after the answer.
  emrtd::ResponseApdu ChipAuthAgree(emrtd::PaceCipher cipher, emrtd::ByteView terminal_point);
  emrtd::ResponseApdu GeneralAuthenticate(const emrtd::CommandApdu& command);
  emrtd::ResponseApdu PaceStep(uint32_t tag_in, emrtd::ByteView value, bool last);
  // EF.CardAccess for the current behaviour (nullopt for BAC-only cards).
  std::optional<emrtd::Bytes> CardAccessFile() const;
  // The content of an EF by FID, EF.CardAccess included; nullptr when the card has no such file.
  const emrtd::Bytes* File(uint16_t fid);

  // The card's side of one PACE run: the password chosen by MSE:Set AT, then the steps.
  struct PaceRun {
    emrtd::PacePasswordType password = emrtd::PacePasswordType::kMrz;
    std::optional<emrtd::PaceCrypto> crypto;
    int next_step = 1;  // 1 nonce, 2 mapping, 3 key agreement, 4 tokens
    emrtd::Bytes terminal_key;
  };

  ChipContent content_;
  ChipBehaviour behaviour_;
  emrtd::BacKeys bac_keys_;
  emrtd::EvpPkeyPtr clone_key_;

  bool applet_selected_ = false;
  std::optional<uint16_t> selected_file_;
  std::optional<emrtd::Bytes> challenge_;
  std::optional<emrtd::SecureMessaging> sm_;
  std::optional<PaceRun> pace_;
  std::optional<emrtd::PaceCipher> chip_auth_cipher_;   // set by MSE:Set AT for CA
  std::optional<emrtd::SecureMessaging> next_sm_;       // CA's keys, used after this answer
  emrtd::EvpPkeyPtr clone_ca_key_;
  emrtd::Bytes card_access_;  // the last CardAccessFile(), kept for File()'s pointer
  emrtd::Bytes com_;          // EF.COM as served (without the omitted groups), likewise
  bool answer_plain_ = false;  // the next answer leaves secure messaging (a bare status word)
  size_t apdu_count_ = 0;
  bool pull_fired_ = false;
};

}  // namespace kiosk::sim
