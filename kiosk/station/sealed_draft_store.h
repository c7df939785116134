#pragma once
// Drafts hold a citizen's data between steps and across restarts: they must be as unreadable on
// disk as sealed records. SealedDraftStore encrypts each draft with the store's data key
// (AES-256-GCM, bound to the draft id) before handing it to the DraftStore underneath (a folder
// of files in the data directory), and opens it again on load.
//
// Thread safety: as the Store it borrows (one thread at a time).

#include <memory>

#include "kiosk/enrollment/draft_store.h"
#include "kiosk/store/store.h"

namespace kiosk::station {

class SealedDraftStore final : public enrollment::DraftStore {
 public:
  SealedDraftStore(store::Store& store, std::unique_ptr<enrollment::DraftStore> inner);

  Result<void> Save(const std::string& draft_id, const std::string& json) override;
  Result<std::string> Load(const std::string& draft_id) override;
  Result<void> Delete(const std::string& draft_id) override;
  Result<std::vector<std::string>> List() override;
  // Blobs are sealed the same way, bound to the draft and the blob's name.
  Result<void> SaveBlob(const std::string& draft_id, const std::string& name,
                        std::span<const uint8_t> bytes) override;
  Result<SecretBytes> LoadBlob(const std::string& draft_id, const std::string& name) override;

 private:
  store::Store& store_;
  std::unique_ptr<enrollment::DraftStore> inner_;
};

}  // namespace kiosk::station
