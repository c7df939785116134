// libFuzzer target: the BHYT (health insurance) QR parser and code validator must never crash
// or accept a malformed card code. Seeds: tests/fuzz/corpus/bhyt_qr/.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string_view>

#include "kiosk/documents/health_insurance.h"
#include "kiosk/identity/unicode.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  auto parsed = kiosk::documents::ParseBhytQr(text);
  if (parsed) {
    if (parsed->code.code.size() != 15) std::abort();
    if (!kiosk::identity::IsValidUtf8(parsed->full_name)) std::abort();
    if (parsed->valid_from && parsed->valid_to && *parsed->valid_to < *parsed->valid_from) {
      std::abort();
    }
  }
  (void)kiosk::documents::ValidateBhytCode(text);
  return 0;
}
