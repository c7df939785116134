#pragma once
// The KeyProvider port: protects the database's data key (32 random bytes, created with the
// database) by wrapping it with a key the provider keeps elsewhere. The store keeps only the
// wrapped form; losing the provider's key makes the database unreadable, by design.
//
//  - FileKeyProvider (all platforms, the default on Linux): a key-encryption key in a 0600 file
//    in the data directory, owned by the station's user.
//  - DpapiKeyProvider (Windows, key_provider_win.h): DPAPI, bound to the station's account.
//  - a TPM provider can come later behind the same port.
//
// Rotation: Store::RewrapDataKey wraps the same data key under a new provider; sealed blobs are
// not re-encrypted.
//
// Thread safety: implementations need not be thread-safe; the store calls them while opening and
// rotating only.

#include <filesystem>
#include <memory>
#include <span>
#include <string>

#include "kiosk/core/result.h"
#include "kiosk/core/secret.h"
#include "kiosk/crypto/crypto.h"

namespace kiosk::store {

class KeyProvider {
 public:
  KeyProvider() = default;
  KeyProvider(const KeyProvider&) = delete;
  KeyProvider& operator=(const KeyProvider&) = delete;
  virtual ~KeyProvider() = default;

  // Wraps the data key. May create the provider's own key on first use.
  virtual Result<crypto::Bytes> Wrap(const SecretBytes& data_key) = 0;
  // Errors (all kCrypto, with a message for the technician): the provider's key is missing
  // ("key file missing"), or it is not the key that wrapped this data key ("wrong key").
  virtual Result<SecretBytes> Unwrap(std::span<const uint8_t> wrapped) = 0;
  // For messages and `doctor` (a path or a mechanism; never key material).
  virtual std::string Describe() const = 0;
};

// A key-encryption key (32 random bytes) in a file readable only by the station's user.
class FileKeyProvider final : public KeyProvider {
 public:
  static std::filesystem::path DefaultPath(const std::filesystem::path& data_dir);

  explicit FileKeyProvider(std::filesystem::path key_file);

  // Creates the key file when it does not exist yet.
  Result<crypto::Bytes> Wrap(const SecretBytes& data_key) override;
  // Never creates the key file. When the key does not fit but a pending rotation file
  // (<key_file>.next) does, finishes that rotation (see RotateKeyFile in store.h).
  Result<SecretBytes> Unwrap(std::span<const uint8_t> wrapped) override;
  std::string Describe() const override;

  const std::filesystem::path& key_file() const { return key_file_; }

 private:
  Result<SecretBytes> LoadKey(const std::filesystem::path& file) const;
  std::filesystem::path key_file_;
};

// The platform's default provider for a data directory (FileKeyProvider on Linux, DPAPI on
// Windows).
std::unique_ptr<KeyProvider> MakeDefaultKeyProvider(const std::filesystem::path& data_dir);

}  // namespace kiosk::store
