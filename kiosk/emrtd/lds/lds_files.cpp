#include "kiosk/emrtd/lds/lds_files.h"

namespace kiosk::emrtd {
namespace {
constexpr uint32_t kDataGroupTags[16] = {0x61, 0x75, 0x63, 0x76, 0x65, 0x66, 0x67, 0x68,
                                         0x69, 0x6A, 0x6B, 0x6C, 0x6D, 0x6E, 0x6F, 0x70};
}

std::optional<int> DataGroupFromFid(uint16_t fid) {
  if (fid < 0x0101 || fid > 0x0110) return std::nullopt;
  return fid - 0x0100;
}

std::optional<uint32_t> DataGroupTag(int dg) {
  if (dg < 1 || dg > 16) return std::nullopt;
  return kDataGroupTags[dg - 1];
}

std::optional<int> DataGroupFromTag(uint32_t tag) {
  for (int i = 0; i < 16; ++i) {
    if (kDataGroupTags[i] == tag) return i + 1;
  }
  return std::nullopt;
}

}  // namespace kiosk::emrtd
