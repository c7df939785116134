#pragma once
// A CardChannel straight into a ChipEmulator, for unit tests and the in-process demo: no PC/SC,
// no sockets. A pulled card is reported the way the PC/SC adapter reports it (kCardRemoved,
// retriable); the next Transmit finds the card back, powered up afresh.
//
// Thread safety: none (like every CardChannel).

#include "drivers/sim/chip/chip_emulator.h"
#include "kiosk/emrtd/protocol/card_channel.h"

namespace kiosk::sim {

class InProcessChannel final : public emrtd::CardChannel {
 public:
  // REQUIRES: card outlives the channel. sleep_modelled_time: really wait the modelled reader
  // time (latency + bit rate) on each exchange; otherwise only add it up in modelled_time().
  explicit InProcessChannel(ChipEmulator& card, bool transport_extended = true,
                            bool sleep_modelled_time = false);

  Result<emrtd::ResponseApdu> Transmit(const emrtd::CommandApdu& command) override;
  std::string ReaderName() const override { return "Emulated CCCD (in-process)"; }
  bool SupportsExtendedLength() const override { return transport_extended_; }
  std::vector<uint8_t> Atr() const override { return card_.Atr(); }

  std::chrono::microseconds modelled_time() const { return modelled_time_; }

 private:
  ChipEmulator& card_;
  bool transport_extended_;
  bool sleep_modelled_time_;
  std::chrono::microseconds modelled_time_{0};
};

}  // namespace kiosk::sim
