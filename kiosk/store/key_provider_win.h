#pragma once
// Windows: the data key wrapped with DPAPI (CryptProtectData) under the station's service
// account, with an entropy string binding the blob to this use. Compiled only on WIN32.

#include "kiosk/store/key_provider.h"

namespace kiosk::store {

class DpapiKeyProvider final : public KeyProvider {
 public:
  Result<crypto::Bytes> Wrap(const SecretBytes& data_key) override;
  Result<SecretBytes> Unwrap(std::span<const uint8_t> wrapped) override;
  std::string Describe() const override { return "Windows DPAPI (station account)"; }
};

}  // namespace kiosk::store
