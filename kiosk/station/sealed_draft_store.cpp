#include "kiosk/station/sealed_draft_store.h"

#include <string_view>

namespace kiosk::station {
namespace {

constexpr std::string_view kField = "draft";

std::string RecordFor(const std::string& draft_id) { return "draft:" + draft_id; }

// Sealed bytes travel through the text-based DraftStore as hex.
std::string ToHex(std::span<const uint8_t> bytes) {
  static const char* digits = "0123456789abcdef";
  std::string out;
  out.reserve(bytes.size() * 2);
  for (uint8_t b : bytes) {
    out += digits[b >> 4];
    out += digits[b & 15];
  }
  return out;
}

Result<std::vector<uint8_t>> FromHex(std::string_view text) {
  auto value = [](char c) -> int {
    if (c >= '0' && c <= '9') return c - '0';
    if (c >= 'a' && c <= 'f') return c - 'a' + 10;
    return -1;
  };
  if (text.size() % 2 != 0) return Fail(Error(ErrorCode::kCorrupt, "The saved draft is damaged."));
  std::vector<uint8_t> out(text.size() / 2);
  for (size_t i = 0; i < out.size(); ++i) {
    int hi = value(text[2 * i]), lo = value(text[2 * i + 1]);
    if (hi < 0 || lo < 0) return Fail(Error(ErrorCode::kCorrupt, "The saved draft is damaged."));
    out[i] = static_cast<uint8_t>(hi * 16 + lo);
  }
  return out;
}

}  // namespace

SealedDraftStore::SealedDraftStore(store::Store& store, std::unique_ptr<enrollment::DraftStore> inner)
    : store_(store), inner_(std::move(inner)) {}

Result<void> SealedDraftStore::Save(const std::string& draft_id, const std::string& json) {
  auto sealed = store_.SealField(
      RecordFor(draft_id), kField,
      std::span<const uint8_t>(reinterpret_cast<const uint8_t*>(json.data()), json.size()));
  if (!sealed) return Fail(sealed.error());
  return inner_->Save(draft_id, ToHex(*sealed));
}

Result<std::string> SealedDraftStore::Load(const std::string& draft_id) {
  auto text = inner_->Load(draft_id);
  if (!text) return Fail(text.error());
  auto bytes = FromHex(*text);
  if (!bytes) return Fail(bytes.error());
  auto plain = store_.OpenField(RecordFor(draft_id), kField, *bytes);
  if (!plain) return Fail(plain.error());
  return std::string(reinterpret_cast<const char*>(plain->data()), plain->size());
}

Result<void> SealedDraftStore::Delete(const std::string& draft_id) { return inner_->Delete(draft_id); }

Result<std::vector<std::string>> SealedDraftStore::List() { return inner_->List(); }

}  // namespace kiosk::station
