#pragma once
// The support bundle a technician sends when something is wrong with a station: a gzip'd POSIX
// tar of text files only (logs, configuration without secrets, doctor output, versions). What
// goes in is decided by the caller (sync/station/provisioning.cpp); this file only packs,
// unpacks (for tests and for checking a bundle before it leaves) and strips secrets.

#include <filesystem>
#include <string>
#include <vector>

#include "kiosk/core/config.h"
#include "kiosk/core/result.h"

namespace kiosk::station {

struct BundleMember {
  std::string name;     // path inside the archive, at most 99 bytes, no ".."
  std::string content;
};

// Writes the members as a .tar.gz (ustar, mode 0644, mtime given). Returns the file's size.
Result<size_t> WriteTarGz(const std::filesystem::path& file, const std::vector<BundleMember>& members,
                          long long mtime_seconds);
// Reads a .tar.gz written by WriteTarGz (regular files only).
Result<std::vector<BundleMember>> ReadTarGz(const std::filesystem::path& file);

// The configuration as JSON for the bundle: credentials in the proxy URL ("user:pass@") and the
// server URL removed; everything else as doctor shows it.
std::string ConfigWithoutSecrets(const Config& config);

// True for a file name that must never leave the station in a bundle: the database, keys,
// drafts, certificates' private parts, biometric images.
bool IsForbiddenInBundle(const std::filesystem::path& name);

}  // namespace kiosk::station
