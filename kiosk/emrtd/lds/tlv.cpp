#include "kiosk/emrtd/lds/tlv.h"

#include <cstdio>
#include <string>

namespace kiosk::emrtd {
namespace {

constexpr const char* kMalformed = "The chip returned malformed data.";

Error Malformed(std::string detail) { return Error::Parse(kMalformed, std::move(detail)); }

Result<std::vector<TlvNode>> ParseTreeLevel(ByteView data, int depth_left) {
  if (depth_left <= 0) return Fail(Malformed("TLV nesting deeper than allowed"));
  std::vector<TlvNode> nodes;
  size_t offset = 0;
  while (offset < data.size()) {
    auto tlv = ReadTlv(data, &offset);
    if (!tlv) return Fail(tlv.error());
    TlvNode node{*tlv, {}};
    if (tlv->constructed && !tlv->value.empty()) {
      auto children = ParseTreeLevel(tlv->value, depth_left - 1);
      if (!children) return Fail(children.error());
      node.children = std::move(*children);
    }
    nodes.push_back(std::move(node));
  }
  return nodes;
}

}  // namespace

Result<Tlv> ReadTlv(ByteView data, size_t* offset) {
  size_t pos = *offset;
  const size_t start = pos;
  if (pos >= data.size()) return Fail(Malformed("TLV: no tag byte"));

  const uint8_t first = data[pos++];
  if (first == 0x00) return Fail(Malformed("TLV: tag 00 (end-of-contents is not allowed)"));
  uint32_t tag = first;
  if ((first & 0x1F) == 0x1F) {
    size_t tag_bytes = 1;
    bool more = true;
    bool leading = true;
    while (more) {
      if (pos >= data.size()) return Fail(Malformed("TLV: truncated tag"));
      const uint8_t b = data[pos++];
      if (leading && b == 0x80) return Fail(Malformed("TLV: tag with a zero leading subsequent byte"));
      leading = false;
      if (++tag_bytes > kMaxTagBytes) return Fail(Malformed("TLV: tag longer than 4 bytes"));
      tag = (tag << 8) | b;
      more = (b & 0x80) != 0;
    }
  }

  if (pos >= data.size()) return Fail(Malformed("TLV: truncated length"));
  const uint8_t len0 = data[pos++];
  size_t length = 0;
  if (len0 < 0x80) {
    length = len0;
  } else if (len0 == 0x80) {
    return Fail(Malformed("TLV: indefinite length"));
  } else {
    const size_t count = len0 & 0x7F;
    if (count > kMaxLengthBytes) return Fail(Malformed("TLV: length field longer than 4 bytes"));
    if (data.size() - pos < count) return Fail(Malformed("TLV: truncated length"));
    for (size_t i = 0; i < count; ++i) length = (length << 8) | data[pos++];
  }
  if (length > data.size() - pos) {
    return Fail(Malformed("TLV: length " + std::to_string(length) + " runs past the data (" +
                          std::to_string(data.size() - pos) + " left)"));
  }

  Tlv tlv;
  tlv.tag = tag;
  tlv.constructed = (first & 0x20) != 0;
  tlv.value = data.subspan(pos, length);
  tlv.raw = data.subspan(start, pos + length - start);
  *offset = pos + length;
  return tlv;
}

Result<Tlv> ParseSingleTlv(ByteView data) {
  size_t offset = 0;
  auto tlv = ReadTlv(data, &offset);
  if (!tlv) return tlv;
  if (offset != data.size()) {
    return Fail(Malformed("TLV: " + std::to_string(data.size() - offset) + " trailing bytes"));
  }
  return tlv;
}

Result<Tlv> ParseSingleTlv(ByteView data, uint32_t expected_tag) {
  auto tlv = ParseSingleTlv(data);
  if (!tlv) return tlv;
  if (tlv->tag != expected_tag) {
    char text[64];
    std::snprintf(text, sizeof text, "TLV: tag %X where %X was expected", tlv->tag, expected_tag);
    return Fail(Malformed(text));
  }
  return tlv;
}

Result<std::vector<Tlv>> ParseTlvSequence(ByteView data) {
  std::vector<Tlv> items;
  size_t offset = 0;
  while (offset < data.size()) {
    auto tlv = ReadTlv(data, &offset);
    if (!tlv) return Fail(tlv.error());
    items.push_back(*tlv);
  }
  return items;
}

Result<std::vector<Tlv>> Children(const Tlv& parent) {
  if (!parent.constructed) return Fail(Malformed("TLV: primitive where constructed was expected"));
  return ParseTlvSequence(parent.value);
}

Result<Tlv> FindChild(const Tlv& parent, uint32_t tag) {
  auto children = Children(parent);
  if (!children) return Fail(children.error());
  for (const Tlv& child : *children) {
    if (child.tag == tag) return child;
  }
  char text[48];
  std::snprintf(text, sizeof text, "TLV: no child with tag %X", tag);
  return Fail(Error::NotFound(kMalformed, text));
}

Result<std::vector<TlvNode>> ParseTlvTree(ByteView data, int max_depth) {
  return ParseTreeLevel(data, max_depth);
}

Result<uint64_t> TlvUnsigned(const Tlv& tlv) {
  if (tlv.constructed) return Fail(Malformed("TLV: constructed where a number was expected"));
  if (tlv.value.empty()) return Fail(Malformed("TLV: empty number"));
  size_t first = 0;
  while (first + 1 < tlv.value.size() && tlv.value[first] == 0) ++first;
  if (tlv.value.size() - first > 8) return Fail(Malformed("TLV: number too large"));
  uint64_t value = 0;
  for (size_t i = first; i < tlv.value.size(); ++i) value = (value << 8) | tlv.value[i];
  return value;
}

void AppendTag(Bytes& out, uint32_t tag) {
  bool started = false;
  for (int shift = 24; shift >= 0; shift -= 8) {
    const uint8_t b = static_cast<uint8_t>(tag >> shift);
    if (b != 0 || started || shift == 0) {
      out.push_back(b);
      started = true;
    }
  }
}

void AppendLength(Bytes& out, size_t length) {
  if (length < 0x80) {
    out.push_back(static_cast<uint8_t>(length));
    return;
  }
  uint8_t bytes[sizeof(size_t)];
  size_t count = 0;
  for (size_t v = length; v != 0; v >>= 8) bytes[count++] = static_cast<uint8_t>(v);
  out.push_back(static_cast<uint8_t>(0x80 | count));
  while (count > 0) out.push_back(bytes[--count]);
}

void AppendTlv(Bytes& out, uint32_t tag, ByteView value) {
  AppendTag(out, tag);
  AppendLength(out, value.size());
  out.insert(out.end(), value.begin(), value.end());
}

Bytes EncodeTlv(uint32_t tag, ByteView value) {
  Bytes out;
  out.reserve(value.size() + 8);
  AppendTlv(out, tag, value);
  return out;
}

Bytes Concat(std::initializer_list<ByteView> parts) {
  Bytes out;
  for (ByteView part : parts) out.insert(out.end(), part.begin(), part.end());
  return out;
}

Bytes EncodeDerInteger(uint64_t value) {
  Bytes content;
  do {
    content.insert(content.begin(), static_cast<uint8_t>(value));
    value >>= 8;
  } while (value != 0);
  if (content.front() & 0x80) content.insert(content.begin(), 0x00);
  return EncodeTlv(0x02, content);
}

Bytes EncodeOid(std::string_view dotted) {
  std::vector<uint64_t> arcs;
  uint64_t current = 0;
  bool have_digit = false;
  for (char c : dotted) {
    if (c == '.') {
      if (!have_digit) return {};
      arcs.push_back(current);
      current = 0;
      have_digit = false;
    } else if (c >= '0' && c <= '9') {
      if (current > (UINT64_MAX - 9) / 10) return {};
      current = current * 10 + static_cast<uint64_t>(c - '0');
      have_digit = true;
    } else {
      return {};
    }
  }
  if (!have_digit) return {};
  arcs.push_back(current);
  if (arcs.size() < 2 || arcs[0] > 2 || (arcs[0] < 2 && arcs[1] >= 40)) return {};

  Bytes content;
  auto append_arc = [&content](uint64_t arc) {
    uint8_t groups[10];
    size_t count = 0;
    do {
      groups[count++] = static_cast<uint8_t>(arc & 0x7F);
      arc >>= 7;
    } while (arc != 0);
    while (count > 1) content.push_back(groups[--count] | 0x80);
    content.push_back(groups[0]);
  };
  append_arc(arcs[0] * 40 + arcs[1]);
  for (size_t i = 2; i < arcs.size(); ++i) append_arc(arcs[i]);
  return EncodeTlv(0x06, content);
}

Bytes EncodeUtf8String(std::string_view text) {
  return EncodeTlv(0x0C, ByteView(reinterpret_cast<const uint8_t*>(text.data()), text.size()));
}

Result<std::string> DecodeOid(ByteView content) {
  if (content.empty()) return Fail(Malformed("OID: empty"));
  std::string text;
  uint64_t arc = 0;
  bool first = true;
  size_t group_bytes = 0;
  for (size_t i = 0; i < content.size(); ++i) {
    const uint8_t b = content[i];
    if (group_bytes == 0 && b == 0x80) return Fail(Malformed("OID: non-minimal arc"));
    if (++group_bytes > 9) return Fail(Malformed("OID: arc too large"));
    arc = (arc << 7) | (b & 0x7F);
    if (b & 0x80) {
      if (i + 1 == content.size()) return Fail(Malformed("OID: truncated arc"));
      continue;
    }
    if (first) {
      const uint64_t top = arc < 40 ? 0 : (arc < 80 ? 1 : 2);
      text = std::to_string(top) + "." + std::to_string(arc - top * 40);
      first = false;
    } else {
      text += "." + std::to_string(arc);
    }
    arc = 0;
    group_bytes = 0;
  }
  return text;
}

std::string ToHex(ByteView data) {
  static constexpr char kDigits[] = "0123456789abcdef";
  std::string text;
  text.reserve(data.size() * 2);
  for (uint8_t b : data) {
    text.push_back(kDigits[b >> 4]);
    text.push_back(kDigits[b & 0x0F]);
  }
  return text;
}

}  // namespace kiosk::emrtd
