#pragma once
// ISO/IEC 7816-4 command and response APDUs, short and extended length, and the mapping of the
// status words an eMRTD answers into kiosk::Error.

#include <cstddef>
#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "kiosk/core/result.h"
#include "kiosk/emrtd/lds/tlv.h"  // Bytes, ByteView, ToHex

namespace kiosk::emrtd {

inline constexpr size_t kMaxShortLc = 255;
inline constexpr size_t kMaxShortNe = 256;
inline constexpr size_t kMaxExtendedLc = 65535;
inline constexpr size_t kMaxExtendedNe = 65536;

// Status words the protocol code names.
namespace sw {
inline constexpr uint16_t kOk = 0x9000;
inline constexpr uint16_t kEndOfFileReached = 0x6282;  // fewer bytes than Le: end of file
inline constexpr uint16_t kAuthenticationFailed = 0x6300;
inline constexpr uint16_t kWrongLength = 0x6700;
inline constexpr uint16_t kSecurityNotSatisfied = 0x6982;
inline constexpr uint16_t kSmObjectsMissing = 0x6987;
inline constexpr uint16_t kSmObjectsIncorrect = 0x6988;
inline constexpr uint16_t kConditionsNotSatisfied = 0x6985;
inline constexpr uint16_t kWrongData = 0x6A80;
inline constexpr uint16_t kFileNotFound = 0x6A82;
inline constexpr uint16_t kWrongP1P2 = 0x6B00;
inline constexpr uint16_t kInsNotSupported = 0x6D00;
inline constexpr uint16_t kClaNotSupported = 0x6E00;
inline constexpr uint16_t kNoPreciseDiagnosis = 0x6F00;
}  // namespace sw

struct CommandApdu {
  uint8_t cla = 0x00;
  uint8_t ins = 0x00;
  uint8_t p1 = 0x00;
  uint8_t p2 = 0x00;
  Bytes data;
  // Ne, the maximum number of response bytes expected; nullopt when no Le field is sent.
  // 256 is encoded "00" in short form, 65536 "0000" in extended form.
  std::optional<size_t> ne;
  // Encode with extended Lc/Le even when the values fit the short form (secure messaging keeps
  // the unprotected command's form).
  bool force_extended = false;

  // Shorthand that names every field (designated initializers that skip fields warn).
  static CommandApdu Of(uint8_t cla, uint8_t ins, uint8_t p1, uint8_t p2, Bytes data = {},
                        std::optional<size_t> ne = std::nullopt) {
    CommandApdu c;
    c.cla = cla;
    c.ins = ins;
    c.p1 = p1;
    c.p2 = p2;
    c.data = std::move(data);
    c.ne = ne;
    return c;
  }

  // True when the encoding needs (or is forced into) the extended form.
  bool IsExtended() const;
  // The bytes on the wire (ISO 7816-3 cases 1, 2S/2E, 3S/3E, 4S/4E). Fails on Lc > 65535 or
  // Ne > 65536.
  Result<Bytes> Encode() const;
  // Parses a command APDU from the wire (card side). Strict: every length must account for the
  // bytes exactly.
  static Result<CommandApdu> Parse(ByteView bytes);
};

struct ResponseApdu {
  Bytes data;
  uint16_t sw = 0;

  uint8_t sw1() const { return static_cast<uint8_t>(sw >> 8); }
  uint8_t sw2() const { return static_cast<uint8_t>(sw & 0xFF); }
  bool ok() const { return sw == sw::kOk; }
  Bytes Encode() const;
  // At least the two status bytes.
  static Result<ResponseApdu> Parse(ByteView bytes);
};

// The error for a status word other than 9000, for the command named by operation ("SELECT
// EF.DG2"). 6300 → kWrongAccessKey, 6982 → access refused, 6A82 → kNotFound, 6D00/6E00 →
// kUnsupported, anything else → kCardError.
Error StatusToError(uint16_t status, std::string_view operation);

// "9000", "6A82"… for logs.
std::string StatusToHex(uint16_t status);

// Whether the ATR's historical bytes (compact-TLV card capabilities, tag 7x with 3 bytes)
// announce extended Lc and Le fields (ISO 7816-4 §8.1.1.2.7, third software function table).
bool AtrAdvertisesExtendedLength(ByteView atr);

}  // namespace kiosk::emrtd
