#pragma once
// Big-endian fields of the ISO/IEC 19794 binary records: a writer that appends and a reader that
// never reads past its end (every read says whether the bytes were there).

#include <cstdint>
#include <span>
#include <string_view>
#include <vector>

namespace kiosk::biometrics::records {

class BigEndianWriter {
 public:
  void U8(uint64_t v) { bytes_.push_back(static_cast<uint8_t>(v)); }
  void U16(uint64_t v) { Unsigned(v, 2); }
  void U24(uint64_t v) { Unsigned(v, 3); }
  void U32(uint64_t v) { Unsigned(v, 4); }
  void U48(uint64_t v) { Unsigned(v, 6); }
  void Text(std::string_view text) { bytes_.insert(bytes_.end(), text.begin(), text.end()); }
  void Bytes(std::span<const uint8_t> data) { bytes_.insert(bytes_.end(), data.begin(), data.end()); }
  void Unsigned(uint64_t v, int size);
  // Writes v into `size` bytes already written at `at` (a length known only at the end).
  void Patch(size_t at, uint64_t v, int size);
  size_t size() const { return bytes_.size(); }
  std::vector<uint8_t> Take() { return std::move(bytes_); }

 private:
  std::vector<uint8_t> bytes_;
};

class BigEndianReader {
 public:
  explicit BigEndianReader(std::span<const uint8_t> data) : data_(data) {}
  // false (and nothing read) when fewer than `size` bytes remain.
  bool Unsigned(int size, uint64_t& out);
  bool Skip(size_t size);
  bool Take(size_t size, std::span<const uint8_t>& out);
  bool Expect(std::string_view magic);  // the bytes are exactly `magic`
  size_t position() const { return position_; }
  size_t remaining() const { return data_.size() - position_; }

 private:
  std::span<const uint8_t> data_;
  size_t position_ = 0;
};

}  // namespace kiosk::biometrics::records
