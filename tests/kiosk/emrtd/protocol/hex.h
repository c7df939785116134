#pragma once
// Hex literals for the test vectors.
#include <cstdint>
#include <string_view>
#include <vector>

namespace kiosk::emrtd::testing {

inline std::vector<uint8_t> Hex(std::string_view text) {
  std::vector<uint8_t> out;
  int pending = -1;
  for (char ch : text) {
    int value;
    if (ch >= '0' && ch <= '9') value = ch - '0';
    else if (ch >= 'A' && ch <= 'F') value = ch - 'A' + 10;
    else if (ch >= 'a' && ch <= 'f') value = ch - 'a' + 10;
    else continue;
    if (pending < 0) {
      pending = value;
    } else {
      out.push_back(static_cast<uint8_t>(pending << 4 | value));
      pending = -1;
    }
  }
  return out;
}

}  // namespace kiosk::emrtd::testing
