#pragma once
// CMS (RFC 5652) with OpenSSL: SignedData (attached content, binary, signer certificate
// included) and EnvelopedData/AuthEnvelopedData (AES-256-GCM, ECDH key agreement to the
// recipient's certificate). Standard formats any central system can open with OpenSSL,
// Bouncy Castle or .NET's SignedCms/EnvelopedCms.

#include <cstdint>
#include <vector>

#include "kiosk/core/result.h"
#include "kiosk/core/secret.h"
#include "sync/packet/openssl_util.h"

namespace kiosk::sync {

// Which extended key usage the signer's certificate must carry: a station signs packets with
// its client-authentication certificate, the server signs receipts with its server one.
enum class SignerRole { kStation, kServer };

Result<std::vector<uint8_t>> SignCms(const uint8_t* data, size_t size, const Credentials& signer);

struct VerifiedContent {
  SecretBytes content;
  X509Ptr signer;  // chains to the trust store, right role, valid now
};
// Verifies the signature and the signer's chain up to `trust` (built by LoadTrustStore).
// kVerificationFailed when the signature, the chain or the role does not hold.
Result<VerifiedContent> VerifyCms(const std::vector<uint8_t>& der, X509_STORE* trust,
                                  SignerRole role);

Result<std::vector<uint8_t>> EncryptCms(const uint8_t* data, size_t size, X509* recipient);
// kCrypto when the packet is not for `recipient` or was altered (GCM tag).
Result<SecretBytes> DecryptCms(const std::vector<uint8_t>& der, const Credentials& recipient);

}  // namespace kiosk::sync
