#include "kiosk/station/sealed_draft_store.h"

#include <string_view>

#include "kiosk/crypto/crypto.h"

namespace kiosk::station {
namespace {

constexpr std::string_view kField = "draft";

std::string RecordFor(const std::string& draft_id) { return "draft:" + draft_id; }

}  // namespace

SealedDraftStore::SealedDraftStore(store::Store& store, std::unique_ptr<enrollment::DraftStore> inner)
    : store_(store), inner_(std::move(inner)) {}

Result<void> SealedDraftStore::Save(const std::string& draft_id, const std::string& json) {
  auto sealed = store_.SealField(
      RecordFor(draft_id), kField,
      std::span<const uint8_t>(reinterpret_cast<const uint8_t*>(json.data()), json.size()));
  if (!sealed) return Fail(sealed.error());
  // Sealed bytes travel through the text-based DraftStore as hex.
  return inner_->Save(draft_id, crypto::ToHex(*sealed));
}

Result<std::string> SealedDraftStore::Load(const std::string& draft_id) {
  auto text = inner_->Load(draft_id);
  if (!text) return Fail(text.error());
  auto bytes = crypto::FromHex(*text);
  if (!bytes) return Fail(Error(ErrorCode::kCorrupt, "The saved draft is damaged."));
  auto plain = store_.OpenField(RecordFor(draft_id), kField, *bytes);
  if (!plain) return Fail(plain.error());
  return std::string(reinterpret_cast<const char*>(plain->data()), plain->size());
}

Result<void> SealedDraftStore::Delete(const std::string& draft_id) { return inner_->Delete(draft_id); }

Result<std::vector<std::string>> SealedDraftStore::List() { return inner_->List(); }

Result<void> SealedDraftStore::SaveBlob(const std::string& draft_id, const std::string& name,
                                        std::span<const uint8_t> bytes) {
  auto sealed = store_.SealField(RecordFor(draft_id), "blob." + name, bytes);
  if (!sealed) return Fail(sealed.error());
  return inner_->SaveBlob(draft_id, name, std::span<const uint8_t>(sealed->data(), sealed->size()));
}

Result<SecretBytes> SealedDraftStore::LoadBlob(const std::string& draft_id, const std::string& name) {
  auto sealed = inner_->LoadBlob(draft_id, name);
  if (!sealed) return Fail(sealed.error());
  return store_.OpenField(RecordFor(draft_id), "blob." + name,
                          std::span<const uint8_t>(sealed->data(), sealed->size()));
}

}  // namespace kiosk::station
