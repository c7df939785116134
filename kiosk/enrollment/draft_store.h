#pragma once
// DraftStore: the port where unsealed enrollments wait, so a crash or restart loses nothing and
// the wizard resumes at the step it was on. Values are the draft's JSON text.
//
// Thread safety: implementations serialise their own calls; one workflow writes a given draft.

#include <filesystem>
#include <map>
#include <mutex>
#include <span>
#include <string>
#include <vector>

#include "kiosk/core/result.h"
#include "kiosk/core/secret.h"

namespace kiosk::enrollment {

class DraftStore {
 public:
  DraftStore() = default;
  DraftStore(const DraftStore&) = delete;
  DraftStore& operator=(const DraftStore&) = delete;
  virtual ~DraftStore() = default;

  // Replaces the draft atomically: after a crash either the old or the new text is there.
  virtual Result<void> Save(const std::string& draft_id, const std::string& json) = 0;
  virtual Result<std::string> Load(const std::string& draft_id) = 0;  // kNotFound if absent
  // Removes the draft's data; deleting an absent draft succeeds.
  virtual Result<void> Delete(const std::string& draft_id) = 0;
  virtual Result<std::vector<std::string>> List() = 0;

  // Captured images (portrait, fingerprints, scanned pages) belong to a draft until it is sealed:
  // kept beside it, replaced atomically, removed by Delete(draft_id). Names are [a-z0-9._-].
  virtual Result<void> SaveBlob(const std::string& draft_id, const std::string& name,
                                std::span<const uint8_t> bytes) = 0;
  virtual Result<SecretBytes> LoadBlob(const std::string& draft_id, const std::string& name) = 0;
};

// For tests and the headless demo.
class InMemoryDraftStore final : public DraftStore {
 public:
  Result<void> Save(const std::string& draft_id, const std::string& json) override;
  Result<std::string> Load(const std::string& draft_id) override;
  Result<void> Delete(const std::string& draft_id) override;
  Result<std::vector<std::string>> List() override;
  Result<void> SaveBlob(const std::string& draft_id, const std::string& name,
                        std::span<const uint8_t> bytes) override;
  Result<SecretBytes> LoadBlob(const std::string& draft_id, const std::string& name) override;

 private:
  std::mutex mutex_;
  std::map<std::string, std::string> drafts_;
  std::map<std::pair<std::string, std::string>, std::vector<uint8_t>> blobs_;
};

// One file per draft, <dir>/<draft_id>.json (blobs in <dir>/<draft_id>.blobs/), written to a temporary file, fsync'ed, renamed over
// the old one, and the directory fsync'ed, so the rename itself survives a power cut.
// The directory is created (0700) if missing. Draft ids are restricted to [A-Za-z0-9_-].
class FileDraftStore final : public DraftStore {
 public:
  explicit FileDraftStore(std::filesystem::path directory);

  Result<void> Save(const std::string& draft_id, const std::string& json) override;
  Result<std::string> Load(const std::string& draft_id) override;
  Result<void> Delete(const std::string& draft_id) override;
  Result<std::vector<std::string>> List() override;
  Result<void> SaveBlob(const std::string& draft_id, const std::string& name,
                        std::span<const uint8_t> bytes) override;
  Result<SecretBytes> LoadBlob(const std::string& draft_id, const std::string& name) override;

 private:
  Result<std::filesystem::path> PathFor(const std::string& draft_id) const;
  Result<std::filesystem::path> BlobPathFor(const std::string& draft_id, const std::string& name) const;

  std::mutex mutex_;
  std::filesystem::path directory_;
};

}  // namespace kiosk::enrollment
