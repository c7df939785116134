#include "kiosk/emrtd/protocol/card_session.h"

namespace kiosk::emrtd {

Result<ResponseApdu> CardSession::CountingChannel::Transmit(const CommandApdu& command) {
  auto encoded = command.Encode();
  if (!encoded) return Fail(encoded.error());
  ++counters_.apdus;
  counters_.bytes_sent += encoded->size();
  auto response = inner_.Transmit(command);
  if (response) counters_.bytes_received += response->data.size() + 2;
  return response;
}

Result<ResponseApdu> CardSession::Transmit(const CommandApdu& plain) {
  if (!sm_) return TransmitComplete(counting_, plain);
  auto wrapped = sm_->ProtectCommand(plain);
  if (!wrapped) return Fail(wrapped.error());
  auto response = TransmitComplete(counting_, *wrapped);
  if (!response) {
    // The card may or may not have seen the command: the SSCs can no longer be trusted.
    sm_.reset();
    return response;
  }
  // Any answer that is not authenticated (a bad MAC, or a bare status word: the card left secure
  // messaging or something else answered) ends the session.
  auto unwrapped = sm_->UnprotectResponse(*response);
  if (!unwrapped) sm_.reset();
  return unwrapped;
}

}  // namespace kiosk::emrtd
