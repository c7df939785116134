// libFuzzer target: the CCCD QR parser must never crash, hang or accept text that is not UTF-8.
// Seeds: tests/fuzz/corpus/cccd_qr/. Built by the fuzz preset (clang, KIOSK_BUILD_FUZZ=ON).
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string_view>

#include "kiosk/identity/cccd_qr.h"
#include "kiosk/identity/unicode.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  auto parsed = kiosk::identity::ParseCccdQr(text);
  if (parsed) {
    // What is accepted must be well-formed: a 12-digit ID, NFC UTF-8 text, real dates.
    if (parsed->id.digits.size() != 12) std::abort();
    if (!kiosk::identity::IsValidUtf8(parsed->full_name)) std::abort();
    if (!kiosk::identity::IsValidUtf8(parsed->address)) std::abort();
    if (parsed->issue_date < parsed->date_of_birth) std::abort();
  }
  return 0;
}
