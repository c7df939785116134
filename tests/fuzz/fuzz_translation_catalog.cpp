// Fuzzes the .mo catalog parser (catalogs are files on disk a technician can replace).
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "kiosk/core/i18n.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  auto catalog =
      kiosk::i18n::Catalog::ParseMo(std::string_view(reinterpret_cast<const char*>(data), size));
  if (catalog) (void)catalog->Translate("Sign in");
  return 0;
}
