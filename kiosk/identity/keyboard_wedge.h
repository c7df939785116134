#pragma once
// Input from a USB QR scanner that "types like a keyboard" (keyboard wedge): the whole payload,
// then Enter, into whatever field has the focus. Scanners type far faster than people (a few ms
// per character), so bursts are told apart from the officer's typing by the gaps between keys:
// a slow key starts a new buffer, Enter completes a fast burst, and a burst without Enter (a
// scanner set up with no suffix) completes after a quiet period.
//
// Thread safety: none; feed it from the UI thread's key events.

#include <chrono>
#include <optional>
#include <string>
#include <string_view>

#include "kiosk/core/clock.h"

namespace kiosk::identity {

struct KeyboardWedgeOptions {
  std::chrono::milliseconds max_gap{60};         // slower than this between keys: a person
  std::chrono::milliseconds complete_after{250};  // quiet period that ends a burst without Enter
  size_t min_length = 20;    // shorter bursts are not QR payloads (a CCCD QR has ~90 characters)
  size_t max_length = 4096;  // beyond this the buffer is dropped (a stuck key, a runaway device)
};

class KeyboardWedgeReader {
 public:
  explicit KeyboardWedgeReader(const Clock& clock, KeyboardWedgeOptions options = {});

  // The text of one key event (UTF-8; scanners in Unicode mode send multi-byte characters).
  void OnText(std::string_view text);
  // Enter: the payload when it ends a scanner burst, else nullopt (a person pressed Enter).
  std::optional<std::string> OnEnter();
  // Call on a timer: the payload of a burst that ended without Enter, once quiet long enough.
  std::optional<std::string> Poll();
  void Reset();

 private:
  const Clock& clock_;
  KeyboardWedgeOptions options_;
  std::string buffer_;
  Clock::MonoTime last_key_{};
  bool burst_ = false;  // every gap so far was scanner-fast
};

}  // namespace kiosk::identity
