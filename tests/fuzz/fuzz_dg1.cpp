// libFuzzer target: DG1 (61 { 5F1F MRZ }) as read from the chip.
#include <cstddef>
#include <cstdint>

#include "kiosk/emrtd/lds/dg1.h"
#include "kiosk/emrtd/lds/ef_com.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using namespace kiosk::emrtd;
  const ByteView input(data, size);
  (void)ParseDg1(input);
  (void)ParseEfCom(input);  // same shape of file, cheap to cover here too
  return 0;
}
