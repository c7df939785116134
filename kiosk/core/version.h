#pragma once
#include <string_view>

namespace kiosk {
// The station's version, from the top-level CMakeLists.txt.
std::string_view Version();
}  // namespace kiosk
