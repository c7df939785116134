#pragma once
// CardChannel: the port through which the core talks to a contactless chip. The PC/SC adapter
// (drivers/pcsc/pcsc_reader.h) and the in-process CCCD emulator (drivers/sim/chip/) implement it;
// the protocol code (BAC, secure messaging, file reading) only ever sees this interface.
//
// Thread safety: a channel is used by one thread at a time (the chip-reading thread). Transmit()
// is not reentrant and must not be called concurrently; callers that share a channel serialise.
// Destroying the channel releases the card (disconnect) without resetting it.

#include <cstdint>
#include <string>
#include <vector>

#include "kiosk/core/result.h"
#include "kiosk/emrtd/protocol/apdu.h"

namespace kiosk::emrtd {

class CardChannel {
 public:
  virtual ~CardChannel() = default;
  CardChannel(const CardChannel&) = delete;
  CardChannel& operator=(const CardChannel&) = delete;

  // Sends one command APDU and returns the card's response (data + status word). A status word
  // other than 9000 is NOT an error here: it is returned for the protocol layer to interpret.
  // Errors are transport failures only: card removed (kCardRemoved, retriable), reader gone,
  // communication error.
  virtual Result<ResponseApdu> Transmit(const CommandApdu& command) = 0;

  // The reader's name as the platform reports it ("Virtual PCD 00 00"), for logs and the UI.
  virtual std::string ReaderName() const = 0;

  // Whether this transport can carry extended-length APDUs (Lc/Le above 255/256). Whether the
  // card accepts them is a separate question, answered by its ATR (see AtrAdvertisesExtendedLength).
  virtual bool SupportsExtendedLength() const = 0;

  // The card's answer to reset; empty when unknown.
  virtual std::vector<uint8_t> Atr() const = 0;

 protected:
  CardChannel() = default;
};

}  // namespace kiosk::emrtd

namespace kiosk::emrtd {

// Transmit() plus the transport-level status words: 6Cxx (resend with the Le the card asks
// for) and 61xx (collect the rest with GET RESPONSE). Other status words are returned as is.
Result<ResponseApdu> TransmitComplete(CardChannel& channel, const CommandApdu& command);

}  // namespace kiosk::emrtd
