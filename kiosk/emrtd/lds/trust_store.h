#pragma once
// The CSCA certificates the station trusts: loaded from a folder of PEM / DER certificates and
// ICAO master lists (.ml: CMS SignedData whose content is
// CscaMasterList ::= SEQUENCE { version INTEGER, certList SET OF Certificate }).
//
// Only CSCA certificates become trust anchors: basicConstraints CA:TRUE and a keyUsage with
// keyCertSign, and self-signed unless the certificate comes from a master list (which also
// carries CSCA link certificates). Anything else found in the folder (a document-signer
// certificate dropped there by mistake or on purpose) is set aside and listed in rejected():
// Passive Authentication accepts any anchor as the end of a chain, so a document signer in the
// store would otherwise make every card it signed look genuine.

#include <filesystem>
#include <memory>
#include <string>
#include <vector>

#include "kiosk/emrtd/lds/openssl_ptr.h"
#include "kiosk/emrtd/lds/tlv.h"

namespace kiosk::emrtd {

class TrustStore {
 public:
  TrustStore() = default;
  TrustStore(TrustStore&&) noexcept = default;
  TrustStore& operator=(TrustStore&&) noexcept = default;

  // Loads every *.pem, *.crt, *.cer, *.der (certificates) and *.ml (master lists) in the folder,
  // recursively. Returns the number of certificates added; a file that does not parse is an
  // error (a broken trust store must not silently shrink).
  Result<size_t> LoadDirectory(const std::filesystem::path& dir);
  Result<size_t> LoadFile(const std::filesystem::path& file);
  // One or more PEM certificates, or one DER certificate.
  Result<size_t> AddCertificates(ByteView pem_or_der);
  // An ICAO master list: its CMS signature is checked for integrity (signed by the master list
  // signer it embeds) and its CSCA certificates added.
  Result<size_t> AddMasterList(ByteView cms_der);
  // Adds a self-signed CSCA; returns false (and records why in rejected()) for anything else.
  bool Add(X509Ptr cert);

  size_t size() const { return certificates_.size(); }
  // "subject: reason" of each certificate that was not taken as an anchor.
  const std::vector<std::string>& rejected() const { return rejected_; }
  const std::vector<X509Ptr>& certificates() const { return certificates_; }

  // A new X509_STORE holding every certificate as a trust anchor (caller frees it).
  X509_STORE* NewX509Store() const;

 private:
  bool AddAnchor(X509Ptr cert, bool from_master_list);

  std::vector<X509Ptr> certificates_;
  std::vector<std::string> rejected_;
};

// Why the certificate cannot be a CSCA trust anchor; empty when it can. require_self_signed:
// false for master-list entries (link certificates are signed by the previous CSCA key).
std::string CscaAnchorProblem(X509* cert, bool require_self_signed);

// Builds a master list CMS (for tests and the emulator's PKI): signed by signer_cert/key.
Result<Bytes> BuildMasterList(const std::vector<X509*>& cscas, X509* signer_cert, EVP_PKEY* key);

}  // namespace kiosk::emrtd
