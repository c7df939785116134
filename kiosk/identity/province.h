#pragma once
// The 63 province codes that open a CCCD personal ID number (the province where the birth was
// registered), from the Ministry of Public Security's list (Thông tư 07/2016/TT-BCA).
// The 2025 province mergers did not renumber existing IDs, so the list stays as issued.

#include <optional>
#include <span>
#include <string_view>

namespace kiosk::identity {

struct Province {
  int code;               // 1 … 96
  std::string_view name;  // Vietnamese name, NFC
};

std::span<const Province> AllProvinces();
std::optional<Province> FindProvince(int code);

}  // namespace kiosk::identity
