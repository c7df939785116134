// libFuzzer target: the Vietnamese DG13 and the identity merged from it.
#include <cstddef>
#include <cstdint>

#include "kiosk/emrtd/lds/dg13.h"
#include "kiosk/emrtd/lds/dg14.h"
#include "kiosk/emrtd/lds/identity.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using namespace kiosk::emrtd;
  const ByteView input(data, size);
  if (auto dg13 = ParseDg13(input)) {
    const ChipIdentity identity = MergeIdentity(&*dg13, nullptr);
    (void)ToJson(identity).dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
  }
  (void)ParseDg14(input);
  return 0;
}
