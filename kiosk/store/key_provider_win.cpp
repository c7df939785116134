#include "kiosk/store/key_provider_win.h"

#include <windows.h>
#include <dpapi.h>

namespace kiosk::store {
namespace {

constexpr char kEntropy[] = "kiosk-store-data-key-v1";

DATA_BLOB Blob(const uint8_t* data, size_t size) {
  DATA_BLOB blob;
  blob.pbData = const_cast<BYTE*>(reinterpret_cast<const BYTE*>(data));
  blob.cbData = static_cast<DWORD>(size);
  return blob;
}

}  // namespace

Result<crypto::Bytes> DpapiKeyProvider::Wrap(const SecretBytes& data_key) {
  DATA_BLOB in = Blob(data_key.data(), data_key.size());
  DATA_BLOB entropy = Blob(reinterpret_cast<const uint8_t*>(kEntropy), sizeof kEntropy - 1);
  DATA_BLOB out{};
  if (!CryptProtectData(&in, L"kiosk-station data key", &entropy, nullptr, nullptr,
                        CRYPTPROTECT_UI_FORBIDDEN, &out)) {
    return Fail(Error(ErrorCode::kCrypto, "The data key cannot be protected.",
                      "CryptProtectData " + std::to_string(GetLastError())));
  }
  crypto::Bytes wrapped(out.pbData, out.pbData + out.cbData);
  LocalFree(out.pbData);
  return wrapped;
}

Result<SecretBytes> DpapiKeyProvider::Unwrap(std::span<const uint8_t> wrapped) {
  DATA_BLOB in = Blob(wrapped.data(), wrapped.size());
  DATA_BLOB entropy = Blob(reinterpret_cast<const uint8_t*>(kEntropy), sizeof kEntropy - 1);
  DATA_BLOB out{};
  if (!CryptUnprotectData(&in, nullptr, &entropy, nullptr, nullptr, CRYPTPROTECT_UI_FORBIDDEN,
                          &out)) {
    return Fail(Error(ErrorCode::kCrypto,
                      "Wrong key: this database was protected by another Windows account or "
                      "computer.",
                      "CryptUnprotectData " + std::to_string(GetLastError())));
  }
  SecretBytes key(out.pbData, out.cbData);
  SecureZeroMemory(out.pbData, out.cbData);
  LocalFree(out.pbData);
  return key;
}

std::unique_ptr<KeyProvider> MakeDefaultKeyProvider(const std::filesystem::path&) {
  return std::make_unique<DpapiKeyProvider>();
}

}  // namespace kiosk::store
