// libFuzzer target: MRZ text parsing (TD1 / TD3, check digits) and the access-key text form.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "kiosk/emrtd/lds/mrz.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using namespace kiosk::emrtd;
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  if (auto mrz = ParseMrz(text)) {
    const MrzAccessKey key = MrzAccessKey::FromMrz(*mrz);
    (void)key.KeySeedInput();
  }
  (void)MrzAccessKey::Parse(text);
  (void)ToYymmdd(text);
  (void)MrzCheckDigit(text);
  return 0;
}
