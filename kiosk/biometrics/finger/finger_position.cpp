#include "kiosk/biometrics/finger/finger_position.h"

#include <array>
#include <utility>

namespace kiosk::biometrics::finger {

namespace {

constexpr std::array<std::string_view, 10> kFingerNames = {
    "right_thumb", "right_index", "right_middle", "right_ring", "right_little",
    "left_thumb",  "left_index",  "left_middle",  "left_ring",  "left_little"};

constexpr std::array<std::pair<FingerException, std::string_view>, 4> kExceptionNames = {{
    {FingerException::kMissing, "missing"},
    {FingerException::kAmputated, "amputated"},
    {FingerException::kBandaged, "bandaged"},
    {FingerException::kUnreadable, "unreadable"},
}};

}  // namespace

std::string_view ToString(Finger finger) {
  const auto index = static_cast<size_t>(finger);
  return index >= 1 && index <= kFingerNames.size() ? kFingerNames[index - 1] : std::string_view();
}

std::optional<Finger> ParseFinger(std::string_view name) {
  for (size_t i = 0; i < kFingerNames.size(); ++i) {
    if (kFingerNames[i] == name) return static_cast<Finger>(i + 1);
  }
  return std::nullopt;
}

std::vector<Finger> DefaultFingers() {
  return {Finger::kRightThumb, Finger::kRightIndex, Finger::kLeftThumb, Finger::kLeftIndex};
}

std::string_view ToString(FingerException exception) {
  for (const auto& [e, name] : kExceptionNames) {
    if (e == exception) return name;
  }
  return "";
}

std::optional<FingerException> ParseFingerException(std::string_view name) {
  for (const auto& [e, text] : kExceptionNames) {
    if (text == name) return e;
  }
  return std::nullopt;
}

}  // namespace kiosk::biometrics::finger
