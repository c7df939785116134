#pragma once
// DG15 (tag 6F): the Active Authentication public key as a SubjectPublicKeyInfo.

#include "kiosk/emrtd/lds/openssl_ptr.h"
#include "kiosk/emrtd/lds/tlv.h"

namespace kiosk::emrtd {

// RSA or EC public key; kParse if the content is not a SubjectPublicKeyInfo.
Result<EvpPkeyPtr> ParseDg15(ByteView file);
// 6F { SubjectPublicKeyInfo of key }; empty on failure.
Bytes BuildDg15(EVP_PKEY* key);

}  // namespace kiosk::emrtd
