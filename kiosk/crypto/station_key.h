#pragma once
// The station's signing key (ECDSA P-256). It signs sealed records, batches and audit
// checkpoints. Until the station is provisioned (the sync issue: CSR, certificate import) the key
// is created on first run as a 0600 PEM file in the data directory; provisioning certifies that
// same key, so signatures made before provisioning stay valid.
//
// Thread safety: Sign/Verify are safe to call concurrently on one StationKey.

#include <filesystem>
#include <memory>
#include <span>

#include "kiosk/core/result.h"
#include "kiosk/crypto/crypto.h"

namespace kiosk::crypto {

class StationKey {
 public:
  // The usual place of the key below a data directory.
  static std::filesystem::path DefaultPath(const std::filesystem::path& data_dir);

  // Loads the key at `file`, or creates one there when it does not exist. A key file readable by
  // group or others is refused (kPermissionDenied).
  static Result<StationKey> LoadOrCreate(const std::filesystem::path& file);
  // Loads an existing key (kNotFound when missing).
  static Result<StationKey> Load(const std::filesystem::path& file);
  // An in-memory key (tests).
  static Result<StationKey> Generate();

  StationKey(StationKey&&) noexcept;
  StationKey& operator=(StationKey&&) noexcept;
  ~StationKey();

  // ECDSA-SHA256 over data, DER-encoded.
  Result<Bytes> Sign(std::span<const uint8_t> data) const;
  // kVerificationFailed when the signature does not match.
  Result<void> Verify(std::span<const uint8_t> data, std::span<const uint8_t> signature) const;
  // SubjectPublicKeyInfo, DER.
  Bytes PublicKeyDer() const;

 private:
  struct Impl;
  explicit StationKey(std::unique_ptr<Impl> impl);
  std::unique_ptr<Impl> impl_;
};

}  // namespace kiosk::crypto
