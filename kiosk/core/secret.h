#pragma once
// Owned buffers for secrets (passwords, keys, access keys) that are wiped when they die, so a
// secret does not linger in freed memory. Not copyable by accident: copies are explicit.

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace kiosk {

// Overwrites memory in a way the optimiser may not remove.
void SecureWipe(void* data, size_t size);

class SecretString {
 public:
  SecretString() = default;
  explicit SecretString(std::string_view text) : value_(text) {}
  ~SecretString() { SecureWipe(value_.data(), value_.size()); }
  SecretString(SecretString&& other) noexcept : value_(std::move(other.value_)) { other.Clear(); }
  SecretString& operator=(SecretString&& other) noexcept {
    if (this != &other) {
      Clear();
      value_ = std::move(other.value_);
      other.Clear();
    }
    return *this;
  }
  SecretString(const SecretString&) = delete;
  SecretString& operator=(const SecretString&) = delete;
  SecretString Copy() const { return SecretString(value_); }

  std::string_view view() const { return value_; }
  size_t size() const { return value_.size(); }
  bool empty() const { return value_.empty(); }
  void Clear() {
    SecureWipe(value_.data(), value_.size());
    value_.clear();
  }

 private:
  std::string value_;
};

class SecretBytes {
 public:
  SecretBytes() = default;
  explicit SecretBytes(size_t size) : value_(size) {}
  SecretBytes(const uint8_t* data, size_t size) : value_(data, data + size) {}
  ~SecretBytes() { SecureWipe(value_.data(), value_.size()); }
  SecretBytes(SecretBytes&& other) noexcept : value_(std::move(other.value_)) {}
  SecretBytes& operator=(SecretBytes&& other) noexcept {
    if (this != &other) {
      SecureWipe(value_.data(), value_.size());
      value_ = std::move(other.value_);
    }
    return *this;
  }
  SecretBytes(const SecretBytes&) = delete;
  SecretBytes& operator=(const SecretBytes&) = delete;
  SecretBytes Copy() const { return SecretBytes(value_.data(), value_.size()); }

  uint8_t* data() { return value_.data(); }
  const uint8_t* data() const { return value_.data(); }
  size_t size() const { return value_.size(); }
  bool empty() const { return value_.empty(); }

 private:
  std::vector<uint8_t> value_;
};

}  // namespace kiosk
