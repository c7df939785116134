#pragma once
// Files that hold keys: written atomically and readable only by the station's user (0600 on
// POSIX), refused when group or others could read them (a key another account has seen is no
// longer a key). On Windows the data directory's ACL does this job (see key_provider_win.cpp).

#include <filesystem>

#include "kiosk/core/result.h"
#include "kiosk/core/secret.h"

namespace kiosk::crypto {

// Errors: kNotFound when the file does not exist; kPermissionDenied when group or others may read
// it, or it belongs to another user; kIo otherwise.
Result<SecretBytes> ReadSecretFile(const std::filesystem::path& file);

// Creates parent directories (0700), writes to a temporary file with mode 0600, fsyncs it and
// renames it over `file`. Errors: kIo, kDiskFull, kReadOnly.
Result<void> WriteSecretFile(const std::filesystem::path& file, const SecretBytes& content);

}  // namespace kiosk::crypto
