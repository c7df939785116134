#pragma once
// An established PC/SC context: lists readers and reports card presence. Connecting to a card
// and transmitting APDUs build on it (drivers/pcsc/pcsc_reader.h).
//
// Thread safety: one context per thread; Cancel() may be called from any thread.

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "kiosk/core/result.h"

namespace kiosk::pcsc {

struct ReaderState {
  std::string name;
  bool card_present = false;
  bool card_in_use = false;  // exclusively held by another program
  std::vector<uint8_t> atr;
};

class Context {
 public:
  // Fails with kServiceUnavailable when pcscd is not running.
  static Result<std::unique_ptr<Context>> Establish();
  ~Context();
  Context(const Context&) = delete;
  Context& operator=(const Context&) = delete;

  // Every connected reader; empty when none is plugged in.
  Result<std::vector<std::string>> ListReaders();
  // Each reader's current state, without waiting.
  Result<std::vector<ReaderState>> ReaderStates();

  // The native SCARDCONTEXT, for the reader that connects through it.
  intptr_t native() const { return handle_; }

 private:
  explicit Context(intptr_t handle) : handle_(handle) {}
  intptr_t handle_;
};

}  // namespace kiosk::pcsc
