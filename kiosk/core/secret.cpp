#include "kiosk/core/secret.h"

#include <openssl/crypto.h>

namespace kiosk {

void SecureWipe(void* data, size_t size) {
  if (data != nullptr && size > 0) OPENSSL_cleanse(data, size);
}

}  // namespace kiosk
