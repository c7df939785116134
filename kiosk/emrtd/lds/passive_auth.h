#pragma once
// Passive Authentication (ICAO 9303 part 11 §5.1): the SOD's signature with the document-signer
// (DS) certificate, the DS certificate's chain to a CSCA of the trust store, and the hash of
// every data group that was read. "Valid" is never reported without a chain to a trusted CSCA.
//
// The document signer must also: carry the digitalSignature key usage (ICAO 9303 part 12); not
// be revoked by a CRL of its CSCA in the trust store; have been within its validity when it
// signed (the SOD's signingTime, when present); and be a signer below a CSCA, never the anchor
// itself (X509_V_FLAG_PARTIAL_CHAIN makes every trust-store certificate an anchor, so a chain of
// one is refused).

#include <chrono>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "kiosk/emrtd/lds/sod.h"
#include "kiosk/emrtd/lds/trust_store.h"

namespace kiosk::emrtd {

enum class CheckStatus {
  kValid,          // verified
  kInvalid,        // verified and wrong
  kNotVerifiable,  // could not be decided (no matching CSCA, missing certificate)
  kNotChecked,     // not attempted (an earlier step failed)
};
const char* ToString(CheckStatus status);  // "valid", "invalid", "not_verifiable", "not_checked"

struct PassiveAuthOptions {
  // The time certificates are checked at; now when empty. Injected by tests.
  std::optional<std::chrono::system_clock::time_point> verification_time;
};

struct PassiveAuthReport {
  CheckStatus overall = CheckStatus::kNotChecked;
  CheckStatus signature = CheckStatus::kNotChecked;  // SOD signature by the DS certificate
  CheckStatus chain = CheckStatus::kNotChecked;      // DS certificate → trusted CSCA
  // Whether a CRL of the DS's CSCA was in the trust store (revocation could be checked).
  bool revocation_checked = false;
  bool signer_revoked = false;
  std::map<int, CheckStatus> data_groups;            // per DG that was given
  std::vector<int> failed_data_groups;               // hash mismatches or not covered by the SOD
  std::string hash_algorithm;                        // "SHA256"
  std::string signer_subject;                        // DS certificate subject (an authority)
  std::string csca_subject;                          // the trust anchor it chained to
  // Stable code of the outcome: valid, bad_security_object, bad_signature, data_group_altered,
  // data_group_unsigned, bad_chain, signer_revoked, signer_expired_at_signing,
  // signer_key_usage, not_a_document_signer (not invalid: no_signer_certificate,
  // no_trusted_csca, hash_unsupported; not_checked before VerifyPassive ran).
  std::string code = "not_checked";
  // Officer-facing explanation (English msgid with {0} placeholders; see Message()).
  std::string reason_key;
  std::vector<std::string> reason_args;
  std::string detail;  // technical detail for logs (never citizen data)

  // The reason in the current language, placeholders filled in.
  std::string Message() const;
};

// Never fails: every problem ends up in the report. data_groups: DG number → file as read.
PassiveAuthReport VerifyPassive(ByteView ef_sod, const std::map<int, Bytes>& data_groups,
                                const TrustStore& trust, const PassiveAuthOptions& options = {});
PassiveAuthReport VerifyPassive(const Sod& sod, const std::map<int, Bytes>& data_groups,
                                const TrustStore& trust, const PassiveAuthOptions& options = {});

// The officer-facing sentences (marked for translation).
inline constexpr const char* kPaGenuine =
    "Genuine chip: the data is signed by a trusted authority";
inline constexpr const char* kPaNotVerifiable =
    "Not verifiable: no trusted CSCA certificate for this card";
inline constexpr const char* kPaNoSigner =
    "Not verifiable: the chip does not contain its signing certificate";
inline constexpr const char* kPaDataGroupAltered = "Failed: data group {0} was altered";
inline constexpr const char* kPaDataGroupUnsigned = "Failed: data group {0} is not signed";
inline constexpr const char* kPaBadSignature =
    "Failed: the signature of the chip data is not valid";
inline constexpr const char* kPaBadChain =
    "Failed: the signing certificate is not valid for a trusted authority";
inline constexpr const char* kPaHashUnsupported =
    "Not verifiable: the chip uses an unsupported hash algorithm";
inline constexpr const char* kPaBadSod = "Failed: the chip's security data cannot be read";
inline constexpr const char* kPaSignerRevoked =
    "Failed: the signing certificate has been revoked by its authority";
inline constexpr const char* kPaSignerExpiredAtSigning =
    "Failed: the signing certificate was not valid when the chip data was signed";
inline constexpr const char* kPaSignerKeyUsage =
    "Failed: the signing certificate is not allowed to sign documents";
inline constexpr const char* kPaNotADocumentSigner =
    "Failed: the chip data is not signed by a document signer of a trusted authority";

}  // namespace kiosk::emrtd
