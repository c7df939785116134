#include <errno.h>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cstring>

#include "kiosk/crypto/secret_file.h"

namespace kiosk::crypto {
namespace {

Error ErrnoError(int err, std::string_view what, const std::filesystem::path& file) {
  std::string detail = std::string(what) + " " + file.string() + ": " + std::strerror(err);
  if (err == ENOSPC || err == EDQUOT) {
    return Error(ErrorCode::kDiskFull, "The disk is full.", detail);
  }
  if (err == EROFS || err == EACCES || err == EPERM) {
    return Error(ErrorCode::kReadOnly, "A key file cannot be written.", detail);
  }
  return Error::Io("A key file cannot be read or written.", detail);
}

}  // namespace

Result<SecretBytes> ReadSecretFile(const std::filesystem::path& file) {
  int fd = ::open(file.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) {
    if (errno == ENOENT) {
      return Fail(Error::NotFound("The key file is missing.", file.string()));
    }
    return Fail(ErrnoError(errno, "open", file));
  }
  struct stat info {};
  if (::fstat(fd, &info) != 0) {
    int err = errno;
    ::close(fd);
    return Fail(ErrnoError(err, "stat", file));
  }
  if ((info.st_mode & (S_IRWXG | S_IRWXO)) != 0 || info.st_uid != ::geteuid()) {
    ::close(fd);
    return Fail(Error(ErrorCode::kPermissionDenied,
                      "A key file may be read by other users; it is refused. Restrict it to the "
                      "station's user (chmod 600) or replace it.",
                      file.string()));
  }
  SecretBytes content(static_cast<size_t>(info.st_size));
  size_t done = 0;
  while (done < content.size()) {
    ssize_t n = ::read(fd, content.data() + done, content.size() - done);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) {
      int err = n < 0 ? errno : EIO;
      ::close(fd);
      return Fail(ErrnoError(err, "read", file));
    }
    done += static_cast<size_t>(n);
  }
  ::close(fd);
  return content;
}

Result<void> WriteSecretFile(const std::filesystem::path& file, const SecretBytes& content) {
  std::error_code ec;
  if (file.has_parent_path()) {
    const bool created = std::filesystem::create_directories(file.parent_path(), ec);
    if (ec) return Fail(ErrnoError(ec.value(), "mkdir", file.parent_path()));
    if (created) ::chmod(file.parent_path().c_str(), 0700);
  }
  std::filesystem::path temp = file;
  temp += ".tmp";
  ::unlink(temp.c_str());
  int fd = ::open(temp.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
  if (fd < 0) return Fail(ErrnoError(errno, "create", temp));
  size_t done = 0;
  while (done < content.size()) {
    ssize_t n = ::write(fd, content.data() + done, content.size() - done);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) {
      int err = n < 0 ? errno : EIO;
      ::close(fd);
      ::unlink(temp.c_str());
      return Fail(ErrnoError(err, "write", temp));
    }
    done += static_cast<size_t>(n);
  }
  if (::fsync(fd) != 0) {
    int err = errno;
    ::close(fd);
    ::unlink(temp.c_str());
    return Fail(ErrnoError(err, "fsync", temp));
  }
  ::close(fd);
  if (::rename(temp.c_str(), file.c_str()) != 0) {
    int err = errno;
    ::unlink(temp.c_str());
    return Fail(ErrnoError(err, "rename", file));
  }
  // The rename itself must survive a power cut.
  int dir = ::open(file.has_parent_path() ? file.parent_path().c_str() : ".",
                   O_RDONLY | O_DIRECTORY | O_CLOEXEC);
  if (dir >= 0) {
    ::fsync(dir);
    ::close(dir);
  }
  return {};
}

}  // namespace kiosk::crypto
