#include "kiosk/identity/keyboard_wedge.h"

namespace kiosk::identity {

KeyboardWedgeReader::KeyboardWedgeReader(const Clock& clock, KeyboardWedgeOptions options)
    : clock_(clock), options_(options) {}

void KeyboardWedgeReader::OnText(std::string_view text) {
  const auto now = clock_.Monotonic();
  if (!buffer_.empty() && now - last_key_ > options_.max_gap) {
    // A pause: what came before was typed by hand (or is a stale fragment). Start over.
    buffer_.clear();
  }
  if (buffer_.empty()) burst_ = true;
  buffer_.append(text);
  last_key_ = now;
  if (buffer_.size() > options_.max_length) {
    buffer_.clear();
    burst_ = false;
  }
}

std::optional<std::string> KeyboardWedgeReader::OnEnter() {
  const auto now = clock_.Monotonic();
  const bool fast_enter = now - last_key_ <= options_.max_gap;
  std::optional<std::string> out;
  if (burst_ && fast_enter && buffer_.size() >= options_.min_length) out = buffer_;
  Reset();
  return out;
}

std::optional<std::string> KeyboardWedgeReader::Poll() {
  if (buffer_.empty()) return std::nullopt;
  if (clock_.Monotonic() - last_key_ < options_.complete_after) return std::nullopt;
  std::optional<std::string> out;
  if (burst_ && buffer_.size() >= options_.min_length) out = buffer_;
  Reset();
  return out;
}

void KeyboardWedgeReader::Reset() {
  buffer_.clear();
  burst_ = false;
}

}  // namespace kiosk::identity
