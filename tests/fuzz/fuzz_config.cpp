// Fuzzes the configuration parser: a technician's file may hold anything.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "kiosk/core/config.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  auto config = kiosk::ParseConfig(std::string_view(reinterpret_cast<const char*>(data), size));
  if (config) (void)kiosk::ToJson(*config);
  return 0;
}
