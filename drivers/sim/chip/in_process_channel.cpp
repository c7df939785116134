#include "drivers/sim/chip/in_process_channel.h"

#include <thread>

#include "kiosk/core/i18n.h"

namespace kiosk::sim {

InProcessChannel::InProcessChannel(ChipEmulator& card, bool transport_extended,
                                   bool sleep_modelled_time)
    : card_(card), transport_extended_(transport_extended),
      sleep_modelled_time_(sleep_modelled_time) {}

Result<emrtd::ResponseApdu> InProcessChannel::Transmit(const emrtd::CommandApdu& command) {
  auto encoded = command.Encode();
  if (!encoded) return Fail(encoded.error());
  if (command.IsExtended() && !transport_extended_) {
    return Fail(Error::Unsupported(N_("The card reader does not support extended-length APDUs."),
                                   "in-process channel configured short-only"));
  }
  auto response = card_.Process(*encoded);
  if (!response) {
    return Fail(Error(ErrorCode::kCardRemoved,
                      N_("The card was removed during reading. Place it on the reader again and retry."),
                      "emulated card pulled"));
  }
  const auto time = card_.ModelledTime(encoded->size(), response->size());
  modelled_time_ += time;
  if (sleep_modelled_time_ && time.count() > 0) std::this_thread::sleep_for(time);
  return emrtd::ResponseApdu::Parse(*response);
}

}  // namespace kiosk::sim
