#pragma once
// A test PKI for the CCCD chip emulator: a CSCA (self-signed country signing CA) and a document
// signer (DS) it issued, made with OpenSSL. Never use it for anything but tests and demos.
//
// On disk (WriteTestPki / LoadTestPki):
//   DIR/csca/csca.pem      the CSCA certificate: DIR/csca is the folder to pass to --trust
//   DIR/private/csca.key   the CSCA private key (PEM, unencrypted: test only)
//   DIR/ds/ds.pem          the document-signer certificate
//   DIR/ds/ds.key          the document-signer private key

#include <chrono>
#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include "kiosk/core/result.h"
#include "kiosk/emrtd/lds/openssl_ptr.h"
#include "kiosk/emrtd/lds/tlv.h"

namespace kiosk::sim {

enum class PkiKeyType { kEcdsaP256, kRsa2048 };

struct TestPkiOptions {
  PkiKeyType key_type = PkiKeyType::kEcdsaP256;
  std::string country = "VN";
  std::string csca_name = "Test CSCA Viet Nam (synthetic)";
  std::string ds_name = "Test Document Signer (synthetic)";
  // Validity start; now - 1 day when empty. The CSCA lasts 15 years, the DS 10.
  std::optional<std::chrono::system_clock::time_point> not_before;
  int ds_validity_days = 3650;
};

struct TestPki {
  emrtd::X509Ptr csca_cert;
  emrtd::EvpPkeyPtr csca_key;
  emrtd::X509Ptr ds_cert;
  emrtd::EvpPkeyPtr ds_key;
};

Result<TestPki> GenerateTestPki(const TestPkiOptions& options = {});
// A second, unrelated CSCA + DS ("Unknown CSCA"), for untrusted-chain tests.
Result<TestPki> GenerateUnknownPki();

Result<void> WriteTestPki(const TestPki& pki, const std::filesystem::path& dir);
Result<TestPki> LoadTestPki(const std::filesystem::path& dir);
// Loads DIR if it holds a PKI, else generates one and writes it there.
Result<TestPki> LoadOrCreateTestPki(const std::filesystem::path& dir);

// Another signer below the PKI's CSCA (a second document signer, a master-list signer): a
// non-CA certificate with keyUsage digitalSignature. REQUIRES: pki.csca_key.
struct IssuedSigner {
  emrtd::X509Ptr cert;
  emrtd::EvpPkeyPtr key;
};
struct SignerOptions {
  std::string name = "Test Signer (synthetic)";
  // Validity start (now - 1 day when empty) and length.
  std::optional<std::chrono::system_clock::time_point> not_before;
  int validity_days = 3650;
  std::string key_usage = "critical,digitalSignature";
};
Result<IssuedSigner> IssueSigner(const TestPki& pki, const SignerOptions& options = {});

// A CRL of the PKI's CSCA listing `revoked` (DER), valid from yesterday for 30 days.
// REQUIRES: pki.csca_key.
Result<emrtd::Bytes> BuildCrl(const TestPki& pki, const std::vector<X509*>& revoked);

// A new key pair of the type (used for the Active Authentication key too).
Result<emrtd::EvpPkeyPtr> GenerateKey(PkiKeyType type);

}  // namespace kiosk::sim
