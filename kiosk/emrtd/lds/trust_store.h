#pragma once
// The CSCA certificates the station trusts, and the CRLs it applies: loaded from a folder of
// PEM / DER certificates, CRLs (*.crl, PEM or DER, and "X509 CRL" blocks in PEM files) and ICAO
// master lists (.ml: CMS SignedData whose content is
// CscaMasterList ::= SEQUENCE { version INTEGER, certList SET OF Certificate }).
//
// Only CSCA certificates become trust anchors: basicConstraints CA:TRUE and a keyUsage with
// keyCertSign, and self-signed unless the certificate comes from a master list (which also
// carries CSCA link certificates). Anything else found in the folder (a document-signer
// certificate dropped there by mistake or on purpose) is set aside and listed in rejected():
// Passive Authentication accepts any anchor as the end of a chain, so a document signer in the
// store would otherwise make every card it signed look genuine.
//
// A master list is accepted only when its signer chains to a CSCA the store already trusts, or
// is one of the configured master-list signers (certificates in the folder's
// master-list-signers/ subfolder, which are never anchors). Copying a list into the folder is
// not enough: anyone can sign a list of their own CSCAs.
//
// A CRL is kept whoever signed it; it counts for a certificate only when it is signed by that
// certificate's issuer (checked when used, in RevokedBy).

#include <filesystem>
#include <memory>
#include <optional>
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

  // Loads every *.pem, *.crt, *.cer, *.der (certificates), *.crl (CRLs) and *.ml (master lists)
  // in the folder, recursively; master-list-signers/ holds master-list signers. Certificates,
  // CRLs and signers first, then the master lists (a list may vouch for the signer of another).
  // Returns the number of CSCA certificates added. A file that does not parse is an error (a
  // broken trust store must not silently shrink); a master list whose signer is not trusted is
  // listed in rejected() and skipped.
  Result<size_t> LoadDirectory(const std::filesystem::path& dir);
  Result<size_t> LoadFile(const std::filesystem::path& file);
  // One or more PEM certificates (CRL blocks in the same PEM are kept as CRLs), or one DER
  // certificate.
  Result<size_t> AddCertificates(ByteView pem_or_der);
  // One or more PEM CRLs, or one DER CRL. Returns how many were added.
  Result<size_t> AddCrls(ByteView pem_or_der);
  // An ICAO master list: its CMS signature must verify and its signer must chain to a CSCA
  // trusted here (or by a store given to VouchMasterListsWith) or be a configured master-list
  // signer: else kVerificationFailed and nothing is added. Its CSCA certificates are added, and
  // the CRLs its SignedData carries.
  Result<size_t> AddMasterList(ByteView cms_der);
  // Adds a self-signed CSCA; returns false (and records why in rejected()) for anything else.
  bool Add(X509Ptr cert);
  // A master-list signer trusted as such (never a trust anchor for chips).
  void AddMasterListSigner(X509Ptr cert);
  // Lets master lists whose signer chains to `other`'s CSCAs or signers be accepted here too
  // (checking one file against the folder it will join), without making them anchors here.
  void VouchMasterListsWith(const TrustStore& other);

  size_t size() const { return certificates_.size(); }
  size_t crl_count() const { return crls_.size(); }
  // "subject: reason" of each certificate (or master list) that was not taken.
  const std::vector<std::string>& rejected() const { return rejected_; }
  const std::vector<X509Ptr>& certificates() const { return certificates_; }
  const std::vector<X509CrlPtr>& crls() const { return crls_; }
  // Whether cert is one of the anchors (same certificate, byte for byte).
  bool IsAnchor(X509* cert) const;

  // A new X509_STORE holding every certificate as a trust anchor (caller frees it). No CRLs and
  // no master-list signers in it.
  X509_STORE* NewX509Store() const;

  // CRLs signed by `issuer` (name and signature checked): none → nullopt (revocation unknown);
  // else whether one of them lists `cert` (true: revoked).
  std::optional<bool> RevokedBy(X509* cert, X509* issuer) const;

 private:
  bool AddAnchor(X509Ptr cert, bool from_master_list);
  // Empty when the master list's signer is trusted, else why not.
  std::string MasterListSignerProblem(CMS_ContentInfo* cms) const;

  std::vector<X509Ptr> certificates_;
  std::vector<X509CrlPtr> crls_;
  std::vector<X509Ptr> master_list_signers_;
  std::vector<X509Ptr> vouchers_;  // another store's anchors and signers (VouchMasterListsWith)
  std::vector<std::string> rejected_;
};

// Why the certificate cannot be a CSCA trust anchor; empty when it can. require_self_signed:
// false for master-list entries (link certificates are signed by the previous CSCA key).
std::string CscaAnchorProblem(X509* cert, bool require_self_signed);

// Builds a master list CMS (for tests and the emulator's PKI): signed by signer_cert/key.
Result<Bytes> BuildMasterList(const std::vector<X509*>& cscas, X509* signer_cert, EVP_PKEY* key);

}  // namespace kiosk::emrtd
