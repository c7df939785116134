#pragma once
// Plugs a ChipEmulator into the real pcscd through vsmartcard's vpcd reader driver: the card side
// connects over TCP to vpcd (127.0.0.1:35963 is "Virtual PCD 00 00") and answers its messages, a
// 2-byte big-endian length then the payload. One-byte payloads are control codes (0 power off,
// 1 power on, 2 reset: no answer; 4: answer the ATR); longer ones are command APDUs, answered
// with the response APDU.
//
// A pulled card (ChipBehaviour::pull_at_apdu) closes the socket, which pcscd sees as a removal;
// the client then reconnects after reinsert_delay, like a card put back on the reader.
//
// Thread safety: Run() blocks its thread and owns the emulator while it runs; request a stop
// through the stop_token from any thread (noticed within ~100 ms).

#include <chrono>
#include <cstdint>
#include <stop_token>
#include <string>

#include "drivers/sim/chip/chip_emulator.h"
#include "kiosk/core/result.h"

namespace kiosk::sim {

struct VpcdOptions {
  std::string host = "127.0.0.1";
  uint16_t port = 35963;
  std::chrono::milliseconds reinsert_delay{600};
  // Really wait the modelled reader time (latency + bit rate) before each answer.
  bool sleep_modelled_time = true;
};

// Parses "HOST:PORT" (or ":PORT", or "HOST").
Result<VpcdOptions> ParseVpcdAddress(std::string_view text);

class VpcdClient {
 public:
  // REQUIRES: card outlives the client.
  VpcdClient(ChipEmulator& card, VpcdOptions options) : card_(card), options_(std::move(options)) {}
  VpcdClient(const VpcdClient&) = delete;
  VpcdClient& operator=(const VpcdClient&) = delete;

  // Connects (retrying while vpcd is not listening) and serves until stop is requested.
  // Returns an error only for a malformed exchange it cannot recover from.
  Result<void> Run(std::stop_token stop);

  // Counters for logs and tests.
  size_t apdus_served() const { return apdus_served_; }
  size_t connections() const { return connections_; }

 private:
  enum class Connection { kClosed, kPulled };
  // Answers vpcd on one connection until it closes, a stop, or the card is pulled.
  Connection Serve(int fd, const std::stop_token& stop);

  ChipEmulator& card_;
  VpcdOptions options_;
  size_t apdus_served_ = 0;
  size_t connections_ = 0;
};

}  // namespace kiosk::sim
