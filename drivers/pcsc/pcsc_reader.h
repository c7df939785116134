#pragma once
// The CardChannel port over PC/SC (pcsc-lite on Linux, WinSCard on Windows): connect to the card
// in a reader (T=1 preferred, T=0 accepted, shared mode), transmit APDUs, and wait for a card to
// be presented or removed. Every SCARD_* code becomes a kiosk::Error through pcsc::ToError.
//
// Thread safety: a channel and its Context are used by one thread (the chip-reading thread);
// Context::Cancel-style interruption of a wait is not offered: waits take a timeout instead.

#include <chrono>
#include <memory>
#include <string>
#include <vector>

#include "drivers/pcsc/pcsc_context.h"
#include "kiosk/emrtd/protocol/card_channel.h"

namespace kiosk::pcsc {

class PcscCardChannel final : public emrtd::CardChannel {
 public:
  // REQUIRES: context outlives the channel. Fails with kCardRemoved when no card is present,
  // kDeviceBusy when another program holds it exclusively.
  static Result<std::unique_ptr<PcscCardChannel>> Connect(Context& context,
                                                          const std::string& reader);
  ~PcscCardChannel() override;  // SCardDisconnect, leaving the card as it is

  Result<emrtd::ResponseApdu> Transmit(const emrtd::CommandApdu& command) override;
  std::string ReaderName() const override { return reader_; }
  // T=1 carries extended APDUs; T=0 would need ENVELOPE chaining, which is not done here.
  bool SupportsExtendedLength() const override { return protocol_t1_; }
  std::vector<uint8_t> Atr() const override { return atr_; }

 private:
  PcscCardChannel(intptr_t card, bool protocol_t1, std::string reader, std::vector<uint8_t> atr)
      : card_(card), protocol_t1_(protocol_t1), reader_(std::move(reader)), atr_(std::move(atr)) {}
  // False only when the stack says the card has left the reader (errors count as present).
  bool CardStillPresent() const;

  intptr_t card_;
  bool protocol_t1_;
  std::string reader_;
  std::vector<uint8_t> atr_;
};

// Waits until a card is present in the reader (the first reader when the name is empty) and
// returns the reader's name; kTimeout after timeout, kDeviceNotFound without readers.
Result<std::string> WaitForCard(Context& context, const std::string& reader,
                                std::chrono::milliseconds timeout);
// Waits until the reader is empty; kTimeout after timeout.
Result<void> WaitForCardRemoval(Context& context, const std::string& reader,
                                std::chrono::milliseconds timeout);

}  // namespace kiosk::pcsc
