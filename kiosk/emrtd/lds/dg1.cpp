#include "kiosk/emrtd/lds/dg1.h"

namespace kiosk::emrtd {

Result<MrzData> ParseDg1(ByteView file) {
  auto top = ParseSingleTlv(file, 0x61);
  if (!top) return Fail(std::move(top).error().WithContext("DG1"));
  auto mrz = FindChild(*top, 0x5F1F);
  if (!mrz) return Fail(std::move(mrz).error().WithContext("DG1"));
  const std::string text(mrz->value.begin(), mrz->value.end());
  auto parsed = ParseMrz(text);
  if (!parsed) return Fail(std::move(parsed).error().WithContext("DG1"));
  return parsed;
}

Bytes BuildDg1(const std::vector<std::string>& mrz_lines) {
  std::string joined;
  for (const std::string& line : mrz_lines) joined += line;
  return EncodeTlv(0x61, EncodeTlv(0x5F1F, ByteView(reinterpret_cast<const uint8_t*>(
                                                         joined.data()),
                                                     joined.size())));
}

}  // namespace kiosk::emrtd
