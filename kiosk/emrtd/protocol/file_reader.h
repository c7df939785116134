#pragma once
// Reading the eMRTD applet's files over a CardSession (ICAO 9303 Part 10 §3, Part 11 §9.8):
// SELECT the applet by AID, SELECT an EF by FID, READ BINARY (INS B0 for offsets up to 32767,
// INS B1 with an offset data object 54 above), the 4-byte TLV header first, then the rest in
// blocks. The block size is chosen per card:
//  - extended length (one or two APDUs per file) when the channel carries it and the card's ATR
//    announces it;
//  - otherwise the largest short Le whose protected response still fits 256 bytes (0xE7 under
//    3DES secure messaging, 0xDF under AES; JMRTD's fixed 0xDF is the safe floor);
//  - or a fixed size forced by the options (benchmarks, odd cards).
// A hostile card cannot make it loop or allocate without bound: a file is capped at
// max_file_size, and every response must advance the offset and stay within what was asked.

#include <cstdint>
#include <functional>
#include <stop_token>
#include <string>
#include <string_view>

#include "kiosk/core/result.h"
#include "kiosk/emrtd/protocol/card_session.h"

namespace kiosk::emrtd {

// A0 00 00 02 47 10 01: the ICAO eMRTD LDS1 application.
inline constexpr uint8_t kEmrtdAid[] = {0xA0, 0x00, 0x00, 0x02, 0x47, 0x10, 0x01};

struct FileReadOptions {
  bool allow_extended_length = true;
  size_t fixed_block_size = 0;           // 0: chosen per card as above
  size_t max_extended_block = 0xFF00;    // per READ BINARY with extended Le
  size_t max_file_size = 512 * 1024;     // larger claims are refused
};

// file: "EF.COM", "DG2"…; bytes_done of bytes_total (0 while the header is not read yet).
using ReadProgress = std::function<void(std::string_view file, size_t bytes_done, size_t bytes_total)>;

class FileReader {
 public:
  // REQUIRES: session outlives the reader.
  FileReader(CardSession& session, FileReadOptions options = {})
      : session_(session), options_(options) {}

  Result<void> SelectApplet();
  Result<void> SelectFile(uint16_t fid, std::string_view name);

  // One READ BINARY at offset for at most length bytes; the card may return fewer (6282: end of
  // file). Fails if it returns more, or nothing.
  Result<Bytes> ReadBinary(size_t offset, size_t length);

  // Selects and reads a whole file. `content` holds what was read so far: on a failure it keeps
  // the bytes already received, and a later call with the same buffer (after re-authentication)
  // resumes at content.size() instead of starting over.
  Result<void> ReadFile(uint16_t fid, std::string_view name, Bytes& content,
                        const ReadProgress& progress = {}, std::stop_token stop = {});

  // The block size the next read will use (after SelectApplet it accounts for the card).
  size_t BlockSize() const;
  bool UsesExtendedLength() const;

 private:
  CardSession& session_;
  FileReadOptions options_;
  // Set when the card or reader refused an extended Le (6700): short blocks from then on.
  bool extended_refused_ = false;
};

// Size of the whole TLV (tag + length + value) from its first bytes, or nullopt when more bytes
// are needed to know; an error for a malformed header.
Result<std::optional<size_t>> TlvTotalSize(ByteView header);

}  // namespace kiosk::emrtd
