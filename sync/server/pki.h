#pragma once
// The reference server's small PKI: one central CA (ECDSA P-256) that issues the server's TLS
// certificate and the stations' certificates. A national deployment would use its own CA; the
// station only needs the CA certificate (pinned) and its own certificate.
//
// Layout of a PKI directory (`intake-server pki init DIR`):
//   ca.pem / ca.key          the central CA (key 0600)
//   server.pem / server.key  the server's certificate for 127.0.0.1 and localhost (key 0600)

#include <chrono>
#include <filesystem>
#include <string>
#include <vector>

#include "kiosk/core/result.h"
#include "sync/packet/openssl_util.h"

namespace kiosk::sync::pki {

enum class Profile {
  kCa,       // basicConstraints CA, keyCertSign
  kServer,   // serverAuth; digitalSignature + keyAgreement (TLS and CMS recipient)
  kStation,  // clientAuth; digitalSignature + keyAgreement (mTLS and CMS signer)
};

struct CertificateRequest {
  std::string common_name;
  Profile profile = Profile::kStation;
  std::vector<std::string> dns_names;  // subjectAltName DNS entries
  std::vector<std::string> ip_addresses;
  std::chrono::system_clock::time_point not_before;
  std::chrono::system_clock::time_point not_after;
};

// Issues a certificate for `subject_key` signed by `issuer` (self-signed when issuer is null:
// then `subject_signing_key` signs).
Result<X509Ptr> IssueCertificate(const CertificateRequest& request, EVP_PKEY* subject_key,
                                 const Credentials* issuer, EVP_PKEY* self_signing_key = nullptr);

// A CSR with CN = common_name, signed by key.
Result<std::string> CreateCsrPem(EVP_PKEY* key, const std::string& common_name);
// Parses a CSR and checks its self-signature. Returns the CN and the public key.
struct ParsedCsr {
  std::string common_name;
  PKeyPtr public_key;
};
Result<ParsedCsr> ParseCsrPem(std::string_view pem);

// Creates the CA and the server certificate in dir (refuses to overwrite an existing CA).
Result<void> InitPki(const std::filesystem::path& dir);
// Signs a station CSR with the CA of dir; returns the certificate PEM. The station id is the CSR's
// CN (letters, digits, '-', '_', '.').
Result<std::string> IssueStationCertificate(const std::filesystem::path& dir,
                                            std::string_view csr_pem, int valid_days = 730);

}  // namespace kiosk::sync::pki
