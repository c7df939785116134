#include "kiosk/enrollment/draft_store.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <fstream>
#include <iterator>
#include <sstream>

#include "kiosk/core/i18n.h"

namespace kiosk::enrollment {

namespace fs = std::filesystem;

Result<void> InMemoryDraftStore::Save(const std::string& draft_id, const std::string& json) {
  std::lock_guard lock(mutex_);
  drafts_[draft_id] = json;
  return {};
}

Result<std::string> InMemoryDraftStore::Load(const std::string& draft_id) {
  std::lock_guard lock(mutex_);
  auto it = drafts_.find(draft_id);
  if (it == drafts_.end()) return Fail(Error::NotFound(N_("No enrollment draft with this number.")));
  return it->second;
}

Result<void> InMemoryDraftStore::Delete(const std::string& draft_id) {
  std::lock_guard lock(mutex_);
  drafts_.erase(draft_id);
  std::erase_if(blobs_, [&](const auto& entry) { return entry.first.first == draft_id; });
  return {};
}

Result<void> InMemoryDraftStore::SaveBlob(const std::string& draft_id, const std::string& name,
                                          std::span<const uint8_t> bytes) {
  std::lock_guard lock(mutex_);
  blobs_[{draft_id, name}] = std::vector<uint8_t>(bytes.begin(), bytes.end());
  return {};
}

Result<SecretBytes> InMemoryDraftStore::LoadBlob(const std::string& draft_id, const std::string& name) {
  std::lock_guard lock(mutex_);
  auto it = blobs_.find({draft_id, name});
  if (it == blobs_.end()) return Fail(Error::NotFound(N_("A captured image of this draft is missing.")));
  return SecretBytes(it->second.data(), it->second.size());
}

Result<std::vector<std::string>> InMemoryDraftStore::List() {
  std::lock_guard lock(mutex_);
  std::vector<std::string> ids;
  for (const auto& [id, json] : drafts_) ids.push_back(id);
  return ids;
}

namespace {

Error IoError(const char* what, int error_number) {
  return Error(error_number == ENOSPC ? ErrorCode::kDiskFull : ErrorCode::kIo,
               N_("The enrollment draft could not be saved on disk."),
               std::string(what) + ": " + std::strerror(error_number));
}

bool IsSafeId(const std::string& id) {
  return !id.empty() && id.size() <= 64 && std::all_of(id.begin(), id.end(), [](char c) {
    return std::isalnum(static_cast<unsigned char>(c)) || c == '-' || c == '_';
  });
}

}  // namespace

FileDraftStore::FileDraftStore(fs::path directory) : directory_(std::move(directory)) {}

Result<fs::path> FileDraftStore::PathFor(const std::string& draft_id) const {
  if (!IsSafeId(draft_id)) return Fail(Error::InvalidArgument(N_("Invalid draft number.")));
  return directory_ / (draft_id + ".json");
}

namespace {

// Writes to a temporary file, fsyncs it, renames it over `path` and fsyncs the directory, so
// after a power cut either the old or the new content is there, never a mix.
Result<void> WriteDurably(const fs::path& path, const void* data, size_t size) {
  std::error_code ec;
  const fs::path directory = path.parent_path();
  fs::create_directories(directory, ec);
  if (ec) return Fail(IoError("create directory", ec.value()));
  fs::permissions(directory, fs::perms::owner_all, fs::perm_options::replace, ec);

  const fs::path temp = path.string() + ".tmp";
  const int fd = ::open(temp.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600);
  if (fd < 0) return Fail(IoError("open", errno));
  const auto* bytes = static_cast<const char*>(data);
  size_t written = 0;
  while (written < size) {
    const ssize_t n = ::write(fd, bytes + written, size - written);
    if (n < 0) {
      if (errno == EINTR) continue;
      const int saved = errno;
      ::close(fd);
      ::unlink(temp.c_str());
      return Fail(IoError("write", saved));
    }
    written += static_cast<size_t>(n);
  }
  if (::fsync(fd) != 0) {
    const int saved = errno;
    ::close(fd);
    ::unlink(temp.c_str());
    return Fail(IoError("fsync", saved));
  }
  ::close(fd);
  if (::rename(temp.c_str(), path.c_str()) != 0) {
    const int saved = errno;
    ::unlink(temp.c_str());
    return Fail(IoError("rename", saved));
  }
  // The rename is durable only once the directory entry is on disk.
  const int dir_fd = ::open(directory.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
  if (dir_fd >= 0) {
    ::fsync(dir_fd);
    ::close(dir_fd);
  }
  return {};
}

bool IsSafeBlobName(const std::string& name) {
  return !name.empty() && name.size() <= 64 && name.front() != '.' &&
         std::all_of(name.begin(), name.end(), [](char c) {
           return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '.' || c == '-' || c == '_';
         });
}

}  // namespace

Result<void> FileDraftStore::Save(const std::string& draft_id, const std::string& json) {
  std::lock_guard lock(mutex_);
  auto path = PathFor(draft_id);
  if (!path) return Fail(path.error());
  return WriteDurably(*path, json.data(), json.size());
}

Result<fs::path> FileDraftStore::BlobPathFor(const std::string& draft_id, const std::string& name) const {
  if (!IsSafeId(draft_id) || !IsSafeBlobName(name)) {
    return Fail(Error::InvalidArgument(N_("Invalid draft number.")));
  }
  return directory_ / (draft_id + ".blobs") / name;
}

Result<void> FileDraftStore::SaveBlob(const std::string& draft_id, const std::string& name,
                                      std::span<const uint8_t> bytes) {
  std::lock_guard lock(mutex_);
  auto path = BlobPathFor(draft_id, name);
  if (!path) return Fail(path.error());
  return WriteDurably(*path, bytes.data(), bytes.size());
}

Result<SecretBytes> FileDraftStore::LoadBlob(const std::string& draft_id, const std::string& name) {
  std::lock_guard lock(mutex_);
  auto path = BlobPathFor(draft_id, name);
  if (!path) return Fail(path.error());
  std::ifstream in(*path, std::ios::binary);
  if (!in) return Fail(Error::NotFound(N_("A captured image of this draft is missing.")));
  std::vector<uint8_t> bytes((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  SecretBytes secret(bytes.data(), bytes.size());
  std::fill(bytes.begin(), bytes.end(), uint8_t{0});
  return secret;
}

Result<std::string> FileDraftStore::Load(const std::string& draft_id) {
  std::lock_guard lock(mutex_);
  auto path = PathFor(draft_id);
  if (!path) return Fail(path.error());
  std::ifstream in(*path, std::ios::binary);
  if (!in) return Fail(Error::NotFound(N_("No enrollment draft with this number.")));
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

Result<void> FileDraftStore::Delete(const std::string& draft_id) {
  std::lock_guard lock(mutex_);
  auto path = PathFor(draft_id);
  if (!path) return Fail(path.error());
  std::error_code ec;
  fs::remove(*path, ec);
  if (ec) return Fail(IoError("remove", ec.value()));
  fs::remove(path->string() + ".tmp", ec);  // a leftover from a crash mid-save
  fs::remove_all(directory_ / (draft_id + ".blobs"), ec);
  if (ec) return Fail(IoError("remove", ec.value()));
  return {};
}

Result<std::vector<std::string>> FileDraftStore::List() {
  std::lock_guard lock(mutex_);
  std::vector<std::string> ids;
  std::error_code ec;
  if (!fs::exists(directory_, ec)) return ids;
  for (const auto& entry : fs::directory_iterator(directory_, ec)) {
    if (entry.path().extension() == ".json") ids.push_back(entry.path().stem().string());
  }
  if (ec) return Fail(IoError("list", ec.value()));
  std::sort(ids.begin(), ids.end());
  return ids;
}

}  // namespace kiosk::enrollment
