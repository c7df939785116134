// libFuzzer target: APDU parsing on both sides of the link (the card's responses, the terminal's
// commands as the emulator parses them) and the TLV header sizing the file reader trusts. What
// parses must re-encode to the same bytes.
#include <cstddef>
#include <cstdint>

#include "kiosk/emrtd/protocol/apdu.h"
#include "kiosk/emrtd/protocol/file_reader.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using namespace kiosk::emrtd;
  const ByteView input(data, size);
  if (auto response = ResponseApdu::Parse(input)) {
    if (response->Encode() != Bytes(input.begin(), input.end())) __builtin_trap();
    (void)StatusToError(response->sw, "fuzz");
  }
  if (auto command = CommandApdu::Parse(input)) {
    auto encoded = command->Encode();
    if (!encoded || *encoded != Bytes(input.begin(), input.end())) __builtin_trap();
  }
  (void)TlvTotalSize(input);
  (void)AtrAdvertisesExtendedLength(input);
  return 0;
}
