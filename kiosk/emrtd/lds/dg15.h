#pragma once
// DG15 (tag 6F): the Active Authentication public key as a SubjectPublicKeyInfo.

#include <memory>

#include <openssl/evp.h>

#include "kiosk/emrtd/lds/tlv.h"

namespace kiosk::emrtd {

struct EvpPkeyDeleter {
  void operator()(EVP_PKEY* key) const { EVP_PKEY_free(key); }
};
using EvpPkeyPtr = std::unique_ptr<EVP_PKEY, EvpPkeyDeleter>;

// RSA or EC public key; kParse if the content is not a SubjectPublicKeyInfo.
Result<EvpPkeyPtr> ParseDg15(ByteView file);
// 6F { SubjectPublicKeyInfo of key }; empty on failure.
Bytes BuildDg15(EVP_PKEY* key);

}  // namespace kiosk::emrtd
