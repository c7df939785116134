#include "kiosk/enrollment/sealed_layout.h"

#include <charconv>

namespace kiosk::enrollment {

std::string ChipItemName(uint16_t fid) {
  static constexpr char kHex[] = "0123456789abcdef";
  std::string name = "chip.";
  for (int shift = 12; shift >= 0; shift -= 4) name.push_back(kHex[(fid >> shift) & 0xF]);
  return name;
}

std::optional<uint16_t> ChipFileOfItem(std::string_view item) {
  constexpr std::string_view kPrefix = "chip.";
  if (!item.starts_with(kPrefix) || item.size() != kPrefix.size() + 4) return std::nullopt;
  uint16_t fid = 0;
  const char* first = item.data() + kPrefix.size();
  const auto [end, ec] = std::from_chars(first, item.data() + item.size(), fid, 16);
  if (ec != std::errc() || end != item.data() + item.size()) return std::nullopt;
  return fid;
}

std::string FingerItemName(Finger finger) { return "finger." + std::string(ToString(finger)) + ".png"; }

std::string PaperPageItemName(size_t number, std::string_view side) {
  return "paper." + std::to_string(number) + "." + std::string(side) + ".jpg";
}

std::string ItemOfImage(const ImageRef& ref) {
  if (!ref.uri.starts_with(kDraftImagePrefix)) return {};
  return ref.uri.substr(kDraftImagePrefix.size());
}

}  // namespace kiosk::enrollment
