#pragma once
// A session with the chip on one CardChannel: commands go out protected once secure messaging
// is on, responses come back unprotected, and the session counts what crossed the link (the
// figures the orchestrator reports: APDUs, bytes).
//
// Thread safety: none; it belongs to the chip-reading thread, like the channel.

#include <cstddef>
#include <optional>

#include "kiosk/core/result.h"
#include "kiosk/emrtd/protocol/card_channel.h"
#include "kiosk/emrtd/protocol/secure_messaging.h"

namespace kiosk::emrtd {

struct LinkCounters {
  size_t apdus = 0;
  size_t bytes_sent = 0;      // command APDUs as encoded on the wire
  size_t bytes_received = 0;  // response APDUs including the status word
};

class CardSession {
 public:
  // REQUIRES: channel outlives the session.
  explicit CardSession(CardChannel& channel) : counting_(channel, counters_) {}
  CardSession(const CardSession&) = delete;
  CardSession& operator=(const CardSession&) = delete;

  void StartSecureMessaging(SecureMessaging sm) { sm_.emplace(std::move(sm)); }
  void EndSecureMessaging() { sm_.reset(); }
  bool secure() const { return sm_.has_value(); }
  const SecureMessaging* secure_messaging() const { return sm_ ? &*sm_ : nullptr; }

  // Sends a plain command (protected under SM) and returns the plain response. A status word
  // other than 9000 is returned, not turned into an error. Under SM, an answer without a valid
  // MAC (a bare status word included) is an error (SecureSessionLost) and ends secure
  // messaging (the card has dropped the session too).
  Result<ResponseApdu> Transmit(const CommandApdu& plain);

  // The channel for exchanges outside secure messaging (BAC, PACE); counted like the rest.
  CardChannel& channel() { return counting_; }
  const LinkCounters& counters() const { return counters_; }

 private:
  class CountingChannel final : public CardChannel {
   public:
    CountingChannel(CardChannel& inner, LinkCounters& counters)
        : inner_(inner), counters_(counters) {}
    Result<ResponseApdu> Transmit(const CommandApdu& command) override;
    std::string ReaderName() const override { return inner_.ReaderName(); }
    bool SupportsExtendedLength() const override { return inner_.SupportsExtendedLength(); }
    std::vector<uint8_t> Atr() const override { return inner_.Atr(); }

   private:
    CardChannel& inner_;
    LinkCounters& counters_;
  };

  LinkCounters counters_;
  CountingChannel counting_;
  std::optional<SecureMessaging> sm_;
};

}  // namespace kiosk::emrtd
