#pragma once
// Small owning wrappers and file helpers over OpenSSL, shared by the packet, the client, the
// station provisioning and the intake server. Every OpenSSL failure becomes a kiosk::Error here,
// with OpenSSL's error queue in the detail (never key material).

#include <openssl/evp.h>
#include <openssl/x509.h>

#include <filesystem>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "kiosk/core/result.h"
#include "kiosk/core/secret.h"

namespace kiosk::sync {

struct OpenSslDeleter {
  void operator()(X509* p) const { X509_free(p); }
  void operator()(EVP_PKEY* p) const { EVP_PKEY_free(p); }
  void operator()(X509_STORE* p) const { X509_STORE_free(p); }
  void operator()(X509_REQ* p) const { X509_REQ_free(p); }
  void operator()(BIO* p) const { BIO_free_all(p); }
};
using X509Ptr = std::unique_ptr<X509, OpenSslDeleter>;
using PKeyPtr = std::unique_ptr<EVP_PKEY, OpenSslDeleter>;
using StorePtr = std::unique_ptr<X509_STORE, OpenSslDeleter>;
using ReqPtr = std::unique_ptr<X509_REQ, OpenSslDeleter>;
using BioPtr = std::unique_ptr<BIO, OpenSslDeleter>;

// Drains OpenSSL's thread-local error queue into one line.
std::string OpenSslErrors();
// An Error of `code` with OpenSSL's queue as detail.
Error OpenSslFailure(ErrorCode code, std::string message_key);

// A certificate and its private key (the station's or the server's).
struct Credentials {
  X509Ptr cert;
  PKeyPtr key;
};

Result<std::string> ReadTextFile(const std::filesystem::path& file);
Result<std::vector<uint8_t>> ReadBinaryFile(const std::filesystem::path& file);
// Writes atomically (temporary file + rename). `private_file`: permissions 0600 from creation,
// for private keys.
Result<void> WriteFileAtomic(const std::filesystem::path& file, std::string_view content,
                             bool private_file = false);

Result<X509Ptr> LoadCertificate(const std::filesystem::path& pem_file);
Result<X509Ptr> ParseCertificatePem(std::string_view pem);
Result<PKeyPtr> LoadPrivateKey(const std::filesystem::path& pem_file);
Result<Credentials> LoadCredentials(const std::filesystem::path& cert_file,
                                    const std::filesystem::path& key_file);
// A trust store holding the certificates of `ca_file` (PEM, one or more).
Result<StorePtr> LoadTrustStore(const std::filesystem::path& ca_file);

std::string CertificateToPem(X509* cert);
SecretString PrivateKeyToPem(EVP_PKEY* key);
// The subject's common name (the station id for station certificates).
std::string CommonName(X509* cert);
// Whether `cert` and `key` form a pair.
bool KeyMatchesCertificate(X509* cert, EVP_PKEY* key);
// A new ECDSA P-256 key.
Result<PKeyPtr> GenerateEcKey();

std::string Sha256Hex(const uint8_t* data, size_t size);
inline std::string Sha256Hex(std::string_view text) {
  return Sha256Hex(reinterpret_cast<const uint8_t*>(text.data()), text.size());
}
std::string Base64Encode(const uint8_t* data, size_t size);
Result<std::vector<uint8_t>> Base64Decode(std::string_view text);

}  // namespace kiosk::sync
