#pragma once
// Strict BER-TLV for the data that comes from the chip (ICAO 9303 LDS, ISO 7816-4 secure
// messaging, DER inside DG13/DG14/SOD). The chip is untrusted: every tag, length and offset is
// checked against the buffer, nesting is bounded, and indefinite lengths are refused (neither the
// LDS nor DER uses them). Parsed TLVs are views into the caller's buffer: keep it alive.
//
// Tags are held as the big-endian number of their bytes: 0x61, 0x5F1F, 0x7F61, 0x30, 0x0C.

#include <cstddef>
#include <cstdint>
#include <span>
#include <string>
#include <vector>

#include "kiosk/core/result.h"

namespace kiosk::emrtd {

using Bytes = std::vector<uint8_t>;
using ByteView = std::span<const uint8_t>;

inline constexpr size_t kMaxTagBytes = 4;
inline constexpr size_t kMaxLengthBytes = 4;  // after the 0x8N byte: 0x81..0x84
inline constexpr int kMaxTlvDepth = 16;

struct Tlv {
  uint32_t tag = 0;
  bool constructed = false;  // bit 6 of the first tag byte
  ByteView value;            // the content octets
  ByteView raw;              // tag + length + content
};

// Reads one TLV starting at *offset and advances *offset past it. Fails on a truncated tag or
// length, a length running past the buffer, an indefinite length, or a tag longer than 4 bytes.
Result<Tlv> ReadTlv(ByteView data, size_t* offset);

// Exactly one TLV filling the whole buffer (trailing bytes are an error).
Result<Tlv> ParseSingleTlv(ByteView data);

// Exactly one TLV with the expected tag filling the whole buffer.
Result<Tlv> ParseSingleTlv(ByteView data, uint32_t expected_tag);

// The concatenated TLVs that fill the buffer (e.g. the children of a constructed TLV).
Result<std::vector<Tlv>> ParseTlvSequence(ByteView data);

// The children of a constructed TLV (an error for a primitive one).
Result<std::vector<Tlv>> Children(const Tlv& parent);

// The first direct child with this tag; kNotFound if there is none.
Result<Tlv> FindChild(const Tlv& parent, uint32_t tag);

// A fully parsed tree, for validation and for tools; constructed nodes are parsed recursively up
// to max_depth levels (deeper is an error, so a hostile card cannot exhaust the stack).
struct TlvNode {
  Tlv tlv;
  std::vector<TlvNode> children;
};
Result<std::vector<TlvNode>> ParseTlvTree(ByteView data, int max_depth = kMaxTlvDepth);

// Big-endian unsigned value of a primitive TLV (INTEGER-like, at most 8 significant bytes).
Result<uint64_t> TlvUnsigned(const Tlv& tlv);

// --- Writing -------------------------------------------------------------------------------

// Appends the tag bytes (big-endian, without leading zero bytes).
void AppendTag(Bytes& out, uint32_t tag);
// Appends a definite length: short form below 0x80, else 0x81..0x84 and the minimal bytes.
void AppendLength(Bytes& out, size_t length);
void AppendTlv(Bytes& out, uint32_t tag, ByteView value);
Bytes EncodeTlv(uint32_t tag, ByteView value);
// Convenience for nesting: EncodeTlv(0x30, Concat({a, b})).
Bytes Concat(std::initializer_list<ByteView> parts);

// DER helpers used by the LDS builder (INTEGER from a small non-negative number, OID from its
// dotted text, UTF8String). EncodeOid returns an empty vector for a malformed dotted text.
Bytes EncodeDerInteger(uint64_t value);
Bytes EncodeOid(std::string_view dotted);
Bytes EncodeUtf8String(std::string_view text);

// Dotted text of the content octets of an OBJECT IDENTIFIER ("2.23.136.1.1.1").
Result<std::string> DecodeOid(ByteView content);

// Lowercase hex for logs and JSON of non-personal data (hashes, tags).
std::string ToHex(ByteView data);

}  // namespace kiosk::emrtd
