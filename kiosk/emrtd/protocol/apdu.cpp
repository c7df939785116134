#include "kiosk/emrtd/protocol/apdu.h"

#include <cstdio>

#include "kiosk/core/i18n.h"
#include "kiosk/emrtd/protocol/card_channel.h"

namespace kiosk::emrtd {

bool CommandApdu::IsExtended() const {
  if (force_extended) return data.size() > 0 || ne.has_value();
  return data.size() > kMaxShortLc || (ne && *ne > kMaxShortNe);
}

Result<Bytes> CommandApdu::Encode() const {
  if (data.size() > kMaxExtendedLc) {
    return Fail(Error::InvalidArgument(N_("The command is too long for the card."),
                                       "Lc " + std::to_string(data.size())));
  }
  if (ne && (*ne == 0 || *ne > kMaxExtendedNe)) {
    return Fail(Error::Internal("Ne out of range: " + std::to_string(*ne)));
  }
  Bytes out{cla, ins, p1, p2};
  const bool extended = IsExtended();
  if (!data.empty()) {
    if (extended) {
      out.push_back(0x00);
      out.push_back(static_cast<uint8_t>(data.size() >> 8));
      out.push_back(static_cast<uint8_t>(data.size()));
    } else {
      out.push_back(static_cast<uint8_t>(data.size()));
    }
    out.insert(out.end(), data.begin(), data.end());
  }
  if (ne) {
    const size_t encoded = *ne == (extended ? kMaxExtendedNe : kMaxShortNe) ? 0 : *ne;
    if (extended) {
      // Case 2E carries a leading 00 before Le; case 4E shares the one of Lc.
      if (data.empty()) out.push_back(0x00);
      out.push_back(static_cast<uint8_t>(encoded >> 8));
      out.push_back(static_cast<uint8_t>(encoded));
    } else {
      out.push_back(static_cast<uint8_t>(encoded));
    }
  }
  return out;
}

Result<CommandApdu> CommandApdu::Parse(ByteView bytes) {
  auto malformed = [](std::string detail) {
    return Fail(Error(ErrorCode::kParse, N_("The command APDU is malformed."), std::move(detail)));
  };
  if (bytes.size() < 4) return malformed("shorter than a header");
  CommandApdu c;
  c.cla = bytes[0];
  c.ins = bytes[1];
  c.p1 = bytes[2];
  c.p2 = bytes[3];
  const ByteView body = bytes.subspan(4);
  if (body.empty()) return c;  // case 1
  if (body.size() == 1) {      // case 2S
    c.ne = body[0] == 0 ? kMaxShortNe : body[0];
    return c;
  }
  if (body[0] != 0) {  // short Lc: case 3S or 4S
    const size_t lc = body[0];
    if (body.size() == 1 + lc) {
      c.data.assign(body.begin() + 1, body.end());
      return c;
    }
    if (body.size() == 2 + lc) {
      c.data.assign(body.begin() + 1, body.begin() + 1 + static_cast<ptrdiff_t>(lc));
      c.ne = body.back() == 0 ? kMaxShortNe : body.back();
      return c;
    }
    return malformed("short Lc does not match the body");
  }
  // Extended: body starts 00.
  c.force_extended = true;
  if (body.size() == 3) {  // case 2E
    const size_t le = (size_t{body[1]} << 8) | body[2];
    c.ne = le == 0 ? kMaxExtendedNe : le;
    return c;
  }
  if (body.size() < 3) return malformed("truncated extended length");
  const size_t lc = (size_t{body[1]} << 8) | body[2];
  if (lc == 0) return malformed("extended Lc of zero");
  if (body.size() == 3 + lc) {
    c.data.assign(body.begin() + 3, body.end());
    return c;
  }
  if (body.size() == 5 + lc) {
    c.data.assign(body.begin() + 3, body.begin() + 3 + static_cast<ptrdiff_t>(lc));
    const size_t le = (size_t{body[3 + lc]} << 8) | body[4 + lc];
    c.ne = le == 0 ? kMaxExtendedNe : le;
    return c;
  }
  return malformed("extended Lc does not match the body");
}

Bytes ResponseApdu::Encode() const {
  Bytes out = data;
  out.push_back(sw1());
  out.push_back(sw2());
  return out;
}

Result<ResponseApdu> ResponseApdu::Parse(ByteView bytes) {
  if (bytes.size() < 2) {
    return Fail(Error(ErrorCode::kCardError,
                      N_("The card did not answer properly. Hold it still on the reader and retry."),
                      "response shorter than a status word", Error::Retry::kYes));
  }
  ResponseApdu r;
  r.data.assign(bytes.begin(), bytes.end() - 2);
  r.sw = static_cast<uint16_t>((bytes[bytes.size() - 2] << 8) | bytes.back());
  return r;
}

Error StatusToError(uint16_t status, std::string_view operation) {
  std::string detail = std::string(operation) + " answered " + StatusToHex(status);
  switch (status) {
    case sw::kAuthenticationFailed:
      return Error(ErrorCode::kWrongAccessKey,
                   N_("The chip refused the access key. Check the ID number, date of birth and "
                      "expiry date typed or scanned from the card, then retry."),
                   std::move(detail), Error::Retry::kNo);
    case sw::kSecurityNotSatisfied:
      return Error(ErrorCode::kPermissionDenied,
                   N_("The chip does not allow this data to be read."), std::move(detail));
    case sw::kSmObjectsMissing:
    case sw::kSmObjectsIncorrect:
      return Error(ErrorCode::kCardError,
                   N_("The secure session with the chip was lost. Retry reading the card."),
                   std::move(detail), Error::Retry::kYes);
    case sw::kFileNotFound:
      return Error(ErrorCode::kNotFound, N_("The file is not on the chip."), std::move(detail));
    case sw::kInsNotSupported:
    case sw::kClaNotSupported:
      return Error(ErrorCode::kUnsupported, N_("The chip does not support this command."),
                   std::move(detail));
    default:
      return Error(ErrorCode::kCardError,
                   N_("The chip answered with an unexpected status ({0})."), std::move(detail),
                   Error::Retry::kNo)
          .WithArg(StatusToHex(status));
  }
}

std::string StatusToHex(uint16_t status) {
  char text[8];
  std::snprintf(text, sizeof text, "%04X", static_cast<unsigned>(status));
  return text;
}

bool AtrAdvertisesExtendedLength(ByteView atr) {
  if (atr.size() < 2) return false;
  // Walk the interface bytes (ISO 7816-3 §8.2): each Y nibble says which of TA/TB/TC/TD follow.
  size_t pos = 1;
  const size_t historical_count = atr[1] & 0x0F;
  uint8_t y = atr[1] >> 4;
  while (true) {
    const bool td_present = (y & 0x8) != 0;
    pos += 1;  // past T0 or the previous TD
    pos += ((y & 0x1) != 0) + ((y & 0x2) != 0) + ((y & 0x4) != 0);
    if (!td_present) break;
    if (pos >= atr.size()) return false;
    y = atr[pos] >> 4;
  }
  // pos now indexes the first historical byte.
  if (pos + historical_count > atr.size() || historical_count == 0) return false;
  ByteView historical = atr.subspan(pos, historical_count);
  size_t end = historical.size();
  if (historical[0] == 0x00) {
    if (end < 4) return false;
    end -= 3;  // status indicator in the last three bytes
  } else if (historical[0] != 0x80) {
    return false;
  }
  for (size_t i = 1; i < end;) {
    const uint8_t tag = historical[i] >> 4;
    const size_t length = historical[i] & 0x0F;
    if (i + 1 + length > end) return false;
    if (tag == 0x7 && length >= 3) return (historical[i + 3] & 0x40) != 0;
    i += 1 + length;
  }
  return false;
}

Result<ResponseApdu> TransmitComplete(CardChannel& channel, const CommandApdu& command) {
  auto response = channel.Transmit(command);
  if (!response) return response;
  // 6Cxx: wrong Le, the card tells the right one; resend once with it.
  if (response->sw1() == 0x6C) {
    CommandApdu again = command;
    again.ne = response->sw2() == 0 ? kMaxShortNe : response->sw2();
    response = channel.Transmit(again);
    if (!response) return response;
  }
  // 61xx: more bytes are waiting (T=0); fetch them with GET RESPONSE, bounded so a card that
  // never stops cannot hang the station.
  Bytes collected;
  for (int round = 0; response->sw1() == 0x61; ++round) {
    if (round > 256) {
      return Fail(Error(ErrorCode::kCardError,
                        N_("The card did not answer properly. Hold it still on the reader and retry."),
                        "GET RESPONSE never ended", Error::Retry::kYes));
    }
    collected.insert(collected.end(), response->data.begin(), response->data.end());
    CommandApdu get_response = CommandApdu::Of(0x00, 0xC0, 0, 0, {}, response->sw2() == 0 ? kMaxShortNe : response->sw2());
    response = channel.Transmit(get_response);
    if (!response) return response;
  }
  if (!collected.empty()) {
    collected.insert(collected.end(), response->data.begin(), response->data.end());
    response->data = std::move(collected);
  }
  return response;
}

}  // namespace kiosk::emrtd
