#include "kiosk/biometrics/records/big_endian.h"

#include <cstring>

namespace kiosk::biometrics::records {

void BigEndianWriter::Unsigned(uint64_t v, int size) {
  for (int shift = 8 * (size - 1); shift >= 0; shift -= 8) bytes_.push_back(static_cast<uint8_t>(v >> shift));
}

void BigEndianWriter::Patch(size_t at, uint64_t v, int size) {
  for (int i = 0; i < size; ++i) bytes_[at + static_cast<size_t>(i)] = static_cast<uint8_t>(v >> (8 * (size - 1 - i)));
}

bool BigEndianReader::Unsigned(int size, uint64_t& out) {
  if (remaining() < static_cast<size_t>(size)) return false;
  out = 0;
  for (int i = 0; i < size; ++i) out = (out << 8) | data_[position_++];
  return true;
}

bool BigEndianReader::Skip(size_t size) {
  if (remaining() < size) return false;
  position_ += size;
  return true;
}

bool BigEndianReader::Take(size_t size, std::span<const uint8_t>& out) {
  if (remaining() < size) return false;
  out = data_.subspan(position_, size);
  position_ += size;
  return true;
}

bool BigEndianReader::Expect(std::string_view magic) {
  if (remaining() < magic.size() || std::memcmp(data_.data() + position_, magic.data(), magic.size()) != 0) {
    return false;
  }
  position_ += magic.size();
  return true;
}

}  // namespace kiosk::biometrics::records
