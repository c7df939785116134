#include "kiosk/emrtd/lds/dg15.h"

#include <openssl/x509.h>

namespace kiosk::emrtd {

Result<EvpPkeyPtr> ParseDg15(ByteView file) {
  auto top = ParseSingleTlv(file, 0x6F);
  if (!top) return Fail(std::move(top).error().WithContext("DG15"));
  const unsigned char* p = top->value.data();
  EvpPkeyPtr key(d2i_PUBKEY(nullptr, &p, static_cast<long>(top->value.size())));
  if (!key || p != top->value.data() + top->value.size()) {
    return Fail(Error::Parse("The chip returned malformed data.", "DG15: not a public key"));
  }
  return key;
}

Bytes BuildDg15(EVP_PKEY* key) {
  unsigned char* der = nullptr;
  const int size = i2d_PUBKEY(key, &der);
  if (size <= 0) return {};
  const Bytes spki(der, der + size);
  OPENSSL_free(der);
  return EncodeTlv(0x6F, spki);
}

}  // namespace kiosk::emrtd
