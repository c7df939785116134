#pragma once
// EF.COM (tag 60): LDS and Unicode versions and the list of data groups present.

#include <string>
#include <vector>

#include "kiosk/emrtd/lds/tlv.h"

namespace kiosk::emrtd {

struct EfCom {
  std::string lds_version;      // "0107" = LDS 1.7
  std::string unicode_version;  // "040000"
  std::vector<int> data_groups;  // DG numbers from the tag list, in card order
  std::vector<uint32_t> unknown_tags;  // tag-list entries that are not DG tags
};

Result<EfCom> ParseEfCom(ByteView file);
// Inverse of ParseEfCom (used by the card emulator's LDS builder).
Bytes BuildEfCom(const EfCom& com);

}  // namespace kiosk::emrtd
