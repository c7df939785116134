#include "kiosk/emrtd/lds/ef_com.h"

#include "kiosk/emrtd/lds/lds_files.h"

namespace kiosk::emrtd {
namespace {

std::string AsText(ByteView value) { return std::string(value.begin(), value.end()); }
ByteView AsBytes(const std::string& text) {
  return ByteView(reinterpret_cast<const uint8_t*>(text.data()), text.size());
}

}  // namespace

Result<EfCom> ParseEfCom(ByteView file) {
  auto top = ParseSingleTlv(file, kTagCom);
  if (!top) return Fail(std::move(top).error().WithContext("EF.COM"));
  auto children = Children(*top);
  if (!children) return Fail(std::move(children).error().WithContext("EF.COM"));
  EfCom com;
  bool have_list = false;
  for (const Tlv& child : *children) {
    if (child.tag == 0x5F01) {
      com.lds_version = AsText(child.value);
    } else if (child.tag == 0x5F36) {
      com.unicode_version = AsText(child.value);
    } else if (child.tag == 0x5C) {
      have_list = true;
      // The tag list holds bare tags (no lengths): all DG tags are one byte, but read
      // multi-byte tags properly so an odd entry does not shift the rest.
      size_t pos = 0;
      while (pos < child.value.size()) {
        uint32_t tag = child.value[pos++];
        if ((tag & 0x1F) == 0x1F) {
          size_t count = 1;
          while (pos < child.value.size()) {
            const uint8_t b = child.value[pos++];
            tag = (tag << 8) | b;
            if (++count > kMaxTagBytes) {
              return Fail(Error::Parse("The chip returned malformed data.", "EF.COM tag list"));
            }
            if (!(b & 0x80)) break;
          }
        }
        if (auto dg = DataGroupFromTag(tag)) {
          com.data_groups.push_back(*dg);
        } else {
          com.unknown_tags.push_back(tag);
        }
      }
    }
  }
  if (!have_list) {
    return Fail(Error::Parse("The chip returned malformed data.", "EF.COM without tag list"));
  }
  return com;
}

Bytes BuildEfCom(const EfCom& com) {
  Bytes list;
  for (int dg : com.data_groups) {
    if (auto tag = DataGroupTag(dg)) AppendTag(list, *tag);
  }
  return EncodeTlv(kTagCom, Concat({EncodeTlv(0x5F01, AsBytes(com.lds_version)),
                                    EncodeTlv(0x5F36, AsBytes(com.unicode_version)),
                                    EncodeTlv(0x5C, list)}));
}

}  // namespace kiosk::emrtd
