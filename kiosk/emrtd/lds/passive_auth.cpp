#include "kiosk/emrtd/lds/passive_auth.h"

#include <algorithm>

#include <openssl/bio.h>
#include <openssl/cms.h>
#include <openssl/crypto.h>
#include <openssl/err.h>
#include <openssl/evp.h>
#include <openssl/x509.h>
#include <openssl/x509_vfy.h>
#include <openssl/x509v3.h>

#include "kiosk/core/i18n.h"

namespace kiosk::emrtd {
namespace {

std::string SubjectText(X509* cert) {
  char buffer[256];
  X509_NAME_oneline(X509_get_subject_name(cert), buffer, sizeof buffer);
  return buffer;
}

// The SignerInfo's certificate among the SOD's certificates.
X509* FindSignerCertificate(CMS_ContentInfo* cms, const std::vector<X509*>& certs) {
  STACK_OF(CMS_SignerInfo)* signers = CMS_get0_SignerInfos(cms);
  if (signers == nullptr || sk_CMS_SignerInfo_num(signers) != 1) return nullptr;
  CMS_SignerInfo* signer = sk_CMS_SignerInfo_value(signers, 0);
  for (X509* cert : certs) {
    if (CMS_SignerInfo_cert_cmp(signer, cert) == 0) return cert;
  }
  return nullptr;
}

CheckStatus VerifySignature(const Sod& sod, std::string& detail) {
  struct BioFree {
    void operator()(BIO* b) const { BIO_free(b); }
  };
  std::unique_ptr<BIO, BioFree> sink(BIO_new(BIO_s_null()));
  ERR_clear_error();
  // The signer certificate's chain is checked separately against our own trust store.
  if (CMS_verify(sod.cms(), nullptr, nullptr, nullptr, sink.get(),
                 CMS_NO_SIGNER_CERT_VERIFY | CMS_BINARY) == 1) {
    return CheckStatus::kValid;
  }
  detail += "signature: " + DrainOpenSslErrors() + ". ";
  return CheckStatus::kInvalid;
}

// The SignerInfo's signingTime, when the SOD has one.
const ASN1_TIME* SigningTime(const Sod& sod) {
  STACK_OF(CMS_SignerInfo)* signers = CMS_get0_SignerInfos(sod.cms());
  if (signers == nullptr || sk_CMS_SignerInfo_num(signers) != 1) return nullptr;
  CMS_SignerInfo* signer = sk_CMS_SignerInfo_value(signers, 0);
  const int index = CMS_signed_get_attr_by_NID(signer, NID_pkcs9_signingTime, -1);
  if (index < 0) return nullptr;
  X509_ATTRIBUTE* attribute = CMS_signed_get_attr(signer, index);
  ASN1_TYPE* value = X509_ATTRIBUTE_get0_type(attribute, 0);
  if (value == nullptr) return nullptr;
  if (value->type == V_ASN1_UTCTIME) return value->value.utctime;
  if (value->type == V_ASN1_GENERALIZEDTIME) return value->value.generalizedtime;
  return nullptr;
}

CheckStatus Problem(PassiveAuthReport& report, const char* code, const char* key, std::string detail) {
  report.code = code;
  report.reason_key = key;
  report.detail += detail + ". ";
  return CheckStatus::kInvalid;
}

// What the document signer itself must be, before its chain is looked at.
CheckStatus CheckSignerCertificate(X509* signer, const Sod& sod, PassiveAuthReport& report) {
  const uint32_t flags = X509_get_extension_flags(signer);
  if ((flags & EXFLAG_INVALID) || !(flags & EXFLAG_KUSAGE) ||
      !(X509_get_key_usage(signer) & KU_DIGITAL_SIGNATURE)) {
    return Problem(report, "signer_key_usage", kPaSignerKeyUsage,
                   "signer: keyUsage without digitalSignature");
  }
  if (const ASN1_TIME* signed_at = SigningTime(sod)) {
    // ASN1_TIME_compare: -1 / 0 / 1, or -2 when a time cannot be read (refused too).
    const int after_start = ASN1_TIME_compare(signed_at, X509_get0_notBefore(signer));
    const int before_end = ASN1_TIME_compare(X509_get0_notAfter(signer), signed_at);
    if (after_start < 0 || before_end < 0) {
      return Problem(report, "signer_expired_at_signing", kPaSignerExpiredAtSigning,
                     "signer: signingTime outside its validity");
    }
  }
  return CheckStatus::kValid;
}

CheckStatus VerifyChain(X509* signer, const std::vector<X509*>& certs, const TrustStore& trust,
                        const PassiveAuthOptions& options, PassiveAuthReport& report) {
  if (trust.size() == 0) {
    report.detail += "chain: empty trust store. ";
    return CheckStatus::kNotVerifiable;
  }
  struct StoreFree {
    void operator()(X509_STORE* s) const { X509_STORE_free(s); }
  };
  struct CtxFree {
    void operator()(X509_STORE_CTX* c) const { X509_STORE_CTX_free(c); }
  };
  struct StackFree {
    void operator()(STACK_OF(X509) * s) const { sk_X509_free(s); }
  };
  std::unique_ptr<X509_STORE, StoreFree> store(trust.NewX509Store());
  std::unique_ptr<STACK_OF(X509), StackFree> untrusted(sk_X509_new_null());
  for (X509* cert : certs) {
    if (cert != signer) sk_X509_push(untrusted.get(), cert);
  }
  std::unique_ptr<X509_STORE_CTX, CtxFree> ctx(X509_STORE_CTX_new());
  if (!store || !ctx || X509_STORE_CTX_init(ctx.get(), store.get(), signer, untrusted.get()) != 1) {
    report.detail += "chain: context: " + DrainOpenSslErrors() + ". ";
    return CheckStatus::kNotVerifiable;
  }
  // Every certificate of the trust store is an anchor, including CSCA link certificates from
  // master lists; the store holds nothing but CSCAs (TrustStore), and the checks after a
  // success keep a chain from ending anywhere else.
  X509_STORE_CTX_set_flags(ctx.get(), X509_V_FLAG_PARTIAL_CHAIN);
  if (options.verification_time) {
    X509_STORE_CTX_set_time(ctx.get(), 0,
                            std::chrono::system_clock::to_time_t(*options.verification_time));
  }
  if (X509_verify_cert(ctx.get()) == 1) {
    STACK_OF(X509)* chain = X509_STORE_CTX_get0_chain(ctx.get());
    const int length = chain == nullptr ? 0 : sk_X509_num(chain);
    X509* anchor = length > 0 ? sk_X509_value(chain, length - 1) : nullptr;
    if (length < 2 || !trust.IsAnchor(anchor) || !CscaAnchorProblem(anchor, false).empty()) {
      return Problem(report, "not_a_document_signer", kPaNotADocumentSigner,
                     "chain: the signer is itself an anchor or the chain ends outside the CSCAs");
    }
    report.csca_subject = SubjectText(anchor);
    // Revocation of every certificate below the anchor, by CRLs its own issuer signed.
    for (int i = 0; i + 1 < length; ++i) {
      const auto revoked = trust.RevokedBy(sk_X509_value(chain, i), sk_X509_value(chain, i + 1));
      if (i == 0) report.revocation_checked = revoked.has_value();
      if (revoked.value_or(false)) {
        report.signer_revoked = true;
        return Problem(report, "signer_revoked", kPaSignerRevoked,
                       "chain: certificate " + std::to_string(i) + " is revoked");
      }
    }
    return CheckStatus::kValid;
  }
  const int error = X509_STORE_CTX_get_error(ctx.get());
  ERR_clear_error();
  report.detail += std::string("chain: ") + X509_verify_cert_error_string(error) + ". ";
  switch (error) {
    case X509_V_ERR_UNABLE_TO_GET_ISSUER_CERT:
    case X509_V_ERR_UNABLE_TO_GET_ISSUER_CERT_LOCALLY:
    case X509_V_ERR_DEPTH_ZERO_SELF_SIGNED_CERT:
    case X509_V_ERR_SELF_SIGNED_CERT_IN_CHAIN:
    case X509_V_ERR_UNABLE_TO_VERIFY_LEAF_SIGNATURE:
      return CheckStatus::kNotVerifiable;
    default:
      report.code = "bad_chain";
      report.reason_key = kPaBadChain;
      return CheckStatus::kInvalid;
  }
}

Bytes Digest(const std::string& name, const Bytes& data) {
  EVP_MD* md = EVP_MD_fetch(nullptr, name.c_str(), nullptr);
  if (md == nullptr) return {};
  Bytes out(static_cast<size_t>(EVP_MD_get_size(md)));
  unsigned int size = 0;
  const bool ok = EVP_Digest(data.data(), data.size(), out.data(), &size, md, nullptr) == 1;
  EVP_MD_free(md);
  if (!ok) return {};
  out.resize(size);
  return out;
}

void Conclude(PassiveAuthReport& report) {
  auto conclude = [&report](CheckStatus overall, const char* code, const char* key,
                            std::vector<std::string> args = {}) {
    report.overall = overall;
    report.code = code;
    report.reason_key = key;
    report.reason_args = std::move(args);
  };
  if (report.signature == CheckStatus::kInvalid) {
    return conclude(CheckStatus::kInvalid, "bad_signature", kPaBadSignature);
  }
  bool hash_unsupported = false;
  for (const auto& [number, status] : report.data_groups) {
    if (status == CheckStatus::kInvalid) {
      return conclude(CheckStatus::kInvalid, "data_group_altered", kPaDataGroupAltered,
                      {std::to_string(number)});
    }
    if (status == CheckStatus::kNotVerifiable) {
      const bool unsigned_group =
          std::find(report.failed_data_groups.begin(), report.failed_data_groups.end(),
                    number) != report.failed_data_groups.end();
      if (unsigned_group) {
        return conclude(CheckStatus::kInvalid, "data_group_unsigned", kPaDataGroupUnsigned,
                        {std::to_string(number)});
      }
      hash_unsupported = true;
    }
  }
  // The chain's own problem (revoked, expired at signing, key usage, not a signer, bad chain)
  // was written by the check that found it.
  if (report.chain == CheckStatus::kInvalid) {
    report.overall = CheckStatus::kInvalid;
    return;
  }
  if (report.signature != CheckStatus::kValid) {
    return conclude(CheckStatus::kNotVerifiable, "no_signer_certificate", kPaNoSigner);
  }
  if (report.chain != CheckStatus::kValid) {
    return conclude(CheckStatus::kNotVerifiable, "no_trusted_csca", kPaNotVerifiable);
  }
  if (hash_unsupported) {
    return conclude(CheckStatus::kNotVerifiable, "hash_unsupported", kPaHashUnsupported);
  }
  conclude(CheckStatus::kValid, "valid", kPaGenuine);
}

}  // namespace

const char* ToString(CheckStatus status) {
  switch (status) {
    case CheckStatus::kValid: return "valid";
    case CheckStatus::kInvalid: return "invalid";
    case CheckStatus::kNotVerifiable: return "not_verifiable";
    case CheckStatus::kNotChecked: break;
  }
  return "not_checked";
}

std::string PassiveAuthReport::Message() const {
  return FormatMessage(i18n::tr(reason_key), reason_args);
}

PassiveAuthReport VerifyPassive(ByteView ef_sod, const std::map<int, Bytes>& data_groups,
                                const TrustStore& trust, const PassiveAuthOptions& options) {
  auto sod = Sod::Parse(ef_sod);
  if (!sod) {
    PassiveAuthReport report;
    report.overall = CheckStatus::kInvalid;
    report.signature = CheckStatus::kInvalid;
    report.code = "bad_security_object";
    report.reason_key = kPaBadSod;
    report.detail = sod.error().detail();
    return report;
  }
  return VerifyPassive(*sod, data_groups, trust, options);
}

PassiveAuthReport VerifyPassive(const Sod& sod, const std::map<int, Bytes>& data_groups,
                                const TrustStore& trust, const PassiveAuthOptions& options) {
  PassiveAuthReport report;
  const LdsSecurityObject& lso = sod.security_object();
  report.hash_algorithm = DigestNameForOid(lso.hash_algorithm_oid);

  const std::vector<X509*> certs = sod.Certificates();
  X509* signer = FindSignerCertificate(sod.cms(), certs);
  if (signer == nullptr) {
    report.signature = CheckStatus::kNotVerifiable;
    report.chain = CheckStatus::kNotVerifiable;
    report.detail += "no document signer certificate in the SOD. ";
  } else {
    report.signer_subject = SubjectText(signer);
    report.signature = VerifySignature(sod, report.detail);
    if (report.signature != CheckStatus::kValid) {
      report.chain = CheckStatus::kNotChecked;
    } else if (CheckSignerCertificate(signer, sod, report) != CheckStatus::kValid) {
      report.chain = CheckStatus::kInvalid;
    } else {
      report.chain = VerifyChain(signer, certs, trust, options, report);
    }
  }

  for (const auto& [number, file] : data_groups) {
    auto expected = lso.data_group_hashes.find(number);
    if (expected == lso.data_group_hashes.end()) {
      report.data_groups[number] = CheckStatus::kNotVerifiable;
      report.failed_data_groups.push_back(number);
      report.detail += "DG" + std::to_string(number) + " not in the SOD. ";
      continue;
    }
    if (report.hash_algorithm.empty()) {
      report.data_groups[number] = CheckStatus::kNotVerifiable;
      report.detail += "unsupported hash " + lso.hash_algorithm_oid + ". ";
      continue;
    }
    const Bytes actual = Digest(report.hash_algorithm, file);
    const bool same = !actual.empty() && actual.size() == expected->second.size() &&
                      CRYPTO_memcmp(actual.data(), expected->second.data(), actual.size()) == 0;
    report.data_groups[number] = same ? CheckStatus::kValid : CheckStatus::kInvalid;
    if (!same) {
      report.failed_data_groups.push_back(number);
      report.detail += "DG" + std::to_string(number) + " hash mismatch. ";
    }
  }
  Conclude(report);
  return report;
}

}  // namespace kiosk::emrtd
