#include "kiosk/emrtd/protocol/file_reader.h"

#include <algorithm>

#include "kiosk/core/i18n.h"

namespace kiosk::emrtd {
namespace {

constexpr size_t kHeaderRead = 4;
constexpr size_t kMaxB0Offset = 0x7FFF;
constexpr size_t kB1Overhead = 4;  // 53 82 xx xx around the data of an odd-INS response

Error MalformedFile(std::string_view name, std::string detail) {
  return Error(ErrorCode::kParse, N_("The file {0} on the chip is malformed."),
               std::string(name) + ": " + detail)
      .WithArg(std::string(name));
}

}  // namespace

Result<std::optional<size_t>> TlvTotalSize(ByteView header) {
  if (header.empty()) return std::optional<size_t>{};
  size_t pos = 1;
  if ((header[0] & 0x1F) == 0x1F) {  // multi-byte tag
    while (true) {
      if (pos >= header.size()) return std::optional<size_t>{};
      if (pos > 3) return Fail(Error::Parse(N_("The chip data is malformed."), "tag too long"));
      if ((header[pos++] & 0x80) == 0) break;
    }
  }
  if (pos >= header.size()) return std::optional<size_t>{};
  const uint8_t first = header[pos++];
  size_t length = first;
  if (first == 0x80 || first > 0x84) {
    return Fail(Error::Parse(N_("The chip data is malformed."), "bad length byte"));
  }
  if (first > 0x80) {
    const size_t count = first & 0x7F;
    if (pos + count > header.size()) return std::optional<size_t>{};
    length = 0;
    for (size_t i = 0; i < count; ++i) length = (length << 8) | header[pos++];
  }
  return std::optional<size_t>{pos + length};
}

Result<void> FileReader::SelectApplet() {
  auto select = CommandApdu::Of(0x00, 0xA4, 0x04, 0x0C, Bytes(std::begin(kEmrtdAid), std::end(kEmrtdAid)));
  auto response = session_.Transmit(select);
  if (!response) return Fail(response.error());
  if (!response->ok()) {
    return Fail(StatusToError(response->sw, "SELECT eMRTD application")
                    .WithContext("the card has no ICAO eMRTD application"));
  }
  return {};
}

Result<void> FileReader::SelectFile(uint16_t fid, std::string_view name) {
  auto select = CommandApdu::Of(0x00, 0xA4, 0x02, 0x0C,
                                {static_cast<uint8_t>(fid >> 8), static_cast<uint8_t>(fid)});
  auto response = session_.Transmit(select);
  if (!response) return Fail(response.error());
  if (!response->ok()) return Fail(StatusToError(response->sw, "SELECT " + std::string(name)));
  return {};
}

bool FileReader::UsesExtendedLength() const {
  if (options_.fixed_block_size != 0 || !options_.allow_extended_length || extended_refused_) {
    return false;
  }
  CardSession& session = session_;
  return session.channel().SupportsExtendedLength() &&
         AtrAdvertisesExtendedLength(session.channel().Atr());
}

size_t FileReader::BlockSize() const {
  if (options_.fixed_block_size != 0) return options_.fixed_block_size;
  const SecureMessaging* sm = session_.secure_messaging();
  if (UsesExtendedLength()) {
    size_t block = std::min(options_.max_extended_block, kMaxExtendedNe);
    while (sm && block > 1 && sm->ProtectedResponseSize(block) > kMaxExtendedNe) --block;
    return block;
  }
  return sm ? sm->LargestShortNe() : kMaxShortNe;
}

Result<Bytes> FileReader::ReadBinary(size_t offset, size_t length) {
  if (length == 0) return Bytes{};
  CommandApdu read;
  const bool odd = offset > kMaxB0Offset;
  if (!odd) {
    read = CommandApdu::Of(0x00, 0xB0, static_cast<uint8_t>(offset >> 8),
                           static_cast<uint8_t>(offset), {}, length);
  } else {
    Bytes offset_bytes;
    for (size_t v = offset; v != 0; v >>= 8) offset_bytes.insert(offset_bytes.begin(), static_cast<uint8_t>(v));
    Bytes data{0x54, static_cast<uint8_t>(offset_bytes.size())};
    data.insert(data.end(), offset_bytes.begin(), offset_bytes.end());
    read = CommandApdu::Of(0x00, 0xB1, 0x00, 0x00, std::move(data), length + kB1Overhead);
  }
  auto response = session_.Transmit(read);
  if (!response) return Fail(response.error());
  if (response->sw == sw::kWrongLength && read.ne && *read.ne > kMaxShortNe && !extended_refused_) {
    // Some readers and cards announce extended length but cannot carry large answers: fall back
    // to short blocks for the rest of the session.
    extended_refused_ = true;
    return ReadBinary(offset, std::min(length, BlockSize() - (odd ? kB1Overhead : 0)));
  }
  if (!response->ok() && response->sw != sw::kEndOfFileReached) {
    return Fail(StatusToError(response->sw, odd ? "READ BINARY (B1)" : "READ BINARY"));
  }
  Bytes data = std::move(response->data);
  if (odd) {
    auto wrapped = ParseSingleTlv(data, 0x53);
    if (!wrapped) return Fail(std::move(wrapped).error().WithContext("READ BINARY (B1) answer"));
    data.assign(wrapped->value.begin(), wrapped->value.end());
  }
  if (data.empty() || data.size() > length) {
    return Fail(Error(ErrorCode::kCardError,
                      N_("The chip answered with an unexpected status ({0})."),
                      "READ BINARY returned " + std::to_string(data.size()) + " bytes for " +
                          std::to_string(length), Error::Retry::kYes)
                    .WithArg(StatusToHex(response->sw)));
  }
  return data;
}

Result<void> FileReader::ReadFile(uint16_t fid, std::string_view name, Bytes& content,
                                  const ReadProgress& progress, std::stop_token stop) {
  if (stop.stop_requested()) return Fail(Error::Cancelled());
  auto selected = SelectFile(fid, name);
  if (!selected) return selected;
  if (progress) progress(name, content.size(), 0);

  std::optional<size_t> total;
  bool completion_reported = false;
  while (true) {
    if (!total) {
      auto known = TlvTotalSize(content);
      if (!known) return Fail(MalformedFile(name, known.error().detail()));
      total = *known;
      if (total && *total > options_.max_file_size) {
        return Fail(MalformedFile(name, "claims " + std::to_string(*total) + " bytes"));
      }
      if (total && content.size() > *total) return Fail(MalformedFile(name, "longer than its TLV"));
    }
    if (total && content.size() == *total) break;
    if (stop.stop_requested()) return Fail(Error::Cancelled());
    // The header first (ICAO's 4 bytes), then blocks up to the end of the TLV.
    size_t block_size = BlockSize();
    if (content.size() > kMaxB0Offset) block_size -= std::min(block_size - 1, kB1Overhead);
    // With extended length the first read asks for a whole block: most LDS files then come in
    // one READ BINARY (the card answers 6282 with what it has), saving the header round trip.
    const bool speculative = !total && content.empty() && UsesExtendedLength();
    const size_t want = speculative ? block_size
                        : total     ? std::min(block_size, *total - content.size())
                                    : kHeaderRead + (content.size() >= kHeaderRead ? 4 : 0) - content.size();
    auto block = ReadBinary(content.size(), want);
    if (!block) return Fail(std::move(block).error().WithContext(name));
    content.insert(content.end(), block->begin(), block->end());
    if (speculative) {
      auto known = TlvTotalSize(content);
      if (!known) return Fail(MalformedFile(name, known.error().detail()));
      // Bytes after the TLV (padding some cards keep in the EF) are not part of the file.
      if (*known && content.size() > **known) content.resize(**known);
    }
    if (!total && content.size() >= kHeaderRead + 4) {
      // Eight bytes and still no complete length: not an LDS file.
      auto known = TlvTotalSize(content);
      if (!known || !*known) return Fail(MalformedFile(name, "no TLV header"));
    }
    if (progress && total) {
      progress(name, content.size(), *total);
      completion_reported = content.size() == *total;
    }
  }
  // A file that fits in its header read completes before any report with a known total.
  if (progress && !completion_reported) progress(name, content.size(), content.size());
  return {};
}

}  // namespace kiosk::emrtd
