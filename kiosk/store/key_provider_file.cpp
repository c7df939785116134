#include <filesystem>

#include "kiosk/crypto/secret_file.h"
#include "kiosk/store/key_provider.h"

namespace kiosk::store {
namespace {

constexpr uint8_t kWrapFormatVersion = 1;
constexpr std::string_view kWrapAad = "kiosk-store-data-key-v1";

Error MissingKeyFile(const std::filesystem::path& file) {
  return Error(ErrorCode::kCrypto,
               "The key file of this database is missing, so the database cannot be opened. "
               "Restore the key file from the station's key backup.",
               "key file missing: " + file.string());
}

Error WrongKey(const std::filesystem::path& file) {
  return Error(ErrorCode::kCrypto,
               "Wrong key: the key file does not belong to this database.",
               "wrong key: " + file.string());
}

std::filesystem::path NextFile(const std::filesystem::path& file) {
  std::filesystem::path next = file;
  next += ".next";
  return next;
}

}  // namespace

std::filesystem::path FileKeyProvider::DefaultPath(const std::filesystem::path& data_dir) {
  return data_dir / "keys" / "store.kek";
}

FileKeyProvider::FileKeyProvider(std::filesystem::path key_file) : key_file_(std::move(key_file)) {}

std::string FileKeyProvider::Describe() const { return "key file " + key_file_.string(); }

Result<SecretBytes> FileKeyProvider::LoadKey(const std::filesystem::path& file) const {
  auto key = crypto::ReadSecretFile(file);
  if (!key) return key;
  if (key->size() != crypto::kAes256KeySize) {
    return Fail(Error(ErrorCode::kCrypto, "The key file is damaged.",
                      "key file size: " + file.string()));
  }
  return key;
}

Result<crypto::Bytes> FileKeyProvider::Wrap(const SecretBytes& data_key) {
  auto kek = LoadKey(key_file_);
  if (!kek && kek.error().code() == ErrorCode::kNotFound) {
    auto fresh = crypto::RandomKey();
    if (!fresh) return Fail(fresh.error());
    if (auto w = crypto::WriteSecretFile(key_file_, *fresh); !w) return Fail(w.error());
    kek = std::move(fresh);
  }
  if (!kek) return Fail(kek.error());
  auto sealed = crypto::Seal(*kek, crypto::AsBytes(data_key), kWrapAad);
  if (!sealed) return sealed;
  sealed->insert(sealed->begin(), kWrapFormatVersion);
  return sealed;
}

Result<SecretBytes> FileKeyProvider::Unwrap(std::span<const uint8_t> wrapped) {
  if (wrapped.empty() || wrapped[0] != kWrapFormatVersion) {
    return Fail(Error(ErrorCode::kCorrupt, "The database's key record is damaged.",
                      "wrapped data key format"));
  }
  auto try_key = [&](const std::filesystem::path& file) -> Result<SecretBytes> {
    auto kek = LoadKey(file);
    if (!kek) {
      if (kek.error().code() == ErrorCode::kNotFound) return Fail(MissingKeyFile(file));
      return kek;
    }
    auto plain = crypto::Open(*kek, wrapped.subspan(1), kWrapAad);
    if (!plain) {
      if (plain.error().code() == ErrorCode::kVerificationFailed) return Fail(WrongKey(file));
      return plain;
    }
    return plain;
  };
  auto primary = try_key(key_file_);
  if (primary) return primary;
  // A rotation that committed the re-wrapped key but did not rename the new key file yet.
  std::error_code ec;
  const auto next = NextFile(key_file_);
  if (std::filesystem::exists(next, ec)) {
    auto rotated = try_key(next);
    if (rotated) {
      std::filesystem::rename(next, key_file_, ec);
      return rotated;
    }
  }
  return primary;
}

}  // namespace kiosk::store
