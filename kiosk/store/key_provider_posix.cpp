#include "kiosk/store/key_provider.h"

namespace kiosk::store {

std::unique_ptr<KeyProvider> MakeDefaultKeyProvider(const std::filesystem::path& data_dir) {
  return std::make_unique<FileKeyProvider>(FileKeyProvider::DefaultPath(data_dir));
}

}  // namespace kiosk::store
