// Windows: the data directory lives under %ProgramData%\KioskStation with an ACL that grants the
// station's service account only (set by the installer); the key material in these files is
// additionally protected by DPAPI (see kiosk/store/key_provider_win.cpp).
#include <fstream>
#include <iterator>

#include "kiosk/crypto/secret_file.h"

namespace kiosk::crypto {

Result<SecretBytes> ReadSecretFile(const std::filesystem::path& file) {
  std::ifstream in(file, std::ios::binary);
  if (!in) return Fail(Error::NotFound("The key file is missing.", file.string()));
  std::vector<char> bytes((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  SecretBytes content(reinterpret_cast<const uint8_t*>(bytes.data()), bytes.size());
  SecureWipe(bytes.data(), bytes.size());
  return content;
}

Result<void> WriteSecretFile(const std::filesystem::path& file, const SecretBytes& content) {
  std::error_code ec;
  if (file.has_parent_path()) std::filesystem::create_directories(file.parent_path(), ec);
  std::filesystem::path temp = file;
  temp += ".tmp";
  {
    std::ofstream out(temp, std::ios::binary | std::ios::trunc);
    out.write(reinterpret_cast<const char*>(content.data()),
              static_cast<std::streamsize>(content.size()));
    out.flush();
    if (!out) return Fail(Error::Io("A key file cannot be read or written.", temp.string()));
  }
  std::filesystem::rename(temp, file, ec);
  if (ec) return Fail(Error::Io("A key file cannot be read or written.", ec.message()));
  return {};
}

}  // namespace kiosk::crypto
