#include "kiosk/emrtd/protocol/verification.h"

#include <algorithm>

#include "kiosk/core/error.h"
#include "kiosk/core/i18n.h"

namespace kiosk::emrtd {
namespace {

constexpr const char* kNoSod =
    N_("the chip carries no security object (EF.SOD): nothing on it can be checked");
constexpr const char* kComMismatch =
    N_("the chip's list of contents (EF.COM) does not match its signed security object");
constexpr const char* kWithheld =
    N_("the chip withheld data group {0}, which its security object lists");
constexpr const char* kAaMustPass =
    N_("the chip has an Active Authentication key (DG15) but did not prove it holds it; it may be a copy");
constexpr const char* kCaMustPass =
    N_("the chip has a Chip Authentication key (DG14) but did not prove it holds it; it may be a copy");
constexpr const char* kAaUnsupported =
    N_("this station cannot run the chip's Active Authentication (its key type)");
constexpr const char* kCaUnsupported =
    N_("this station cannot run the chip's Chip Authentication (its variant)");
constexpr const char* kCloneCheckOff = N_("the clone check was switched off for this read");
constexpr const char* kProvedKey =
    N_("the data is signed by a trusted authority and the chip proved its own key");
constexpr const char* kNoCloneCheck =
    N_("the data is signed by a trusted authority; no clone check was possible (this chip has no key to prove)");

// Passive Authentication's outcomes as verdict reasons: the same facts as PassiveAuthReport's
// sentences, without their "Failed:" / "Not verifiable:" lead (the verdict says that).
const char* PassiveReasonKey(const PassiveAuthReport& passive) {
  static const std::map<std::string, const char*> kKeys = {
      {"bad_security_object", N_("the chip's security data cannot be read")},
      {"bad_signature", N_("the signature of the chip data is not valid")},
      {"data_group_altered", N_("data group {0} was altered after signing")},
      {"data_group_unsigned", N_("data group {0} is not signed")},
      {"bad_chain", N_("the signing certificate is not valid for a trusted authority")},
      {"signer_revoked", N_("the signing certificate has been revoked by its authority")},
      {"signer_expired_at_signing", N_("the signing certificate was not valid when the data was signed")},
      {"signer_key_usage", N_("the signing certificate is not allowed to sign documents")},
      {"not_a_document_signer", N_("the data is not signed by a document signer of a trusted authority")},
      {"no_trusted_csca", N_("no trusted CSCA certificate for this card in the trust store")},
      {"no_signer_certificate", N_("the chip does not contain its signing certificate")},
      {"hash_unsupported", N_("the chip uses an unsupported hash algorithm")},
  };
  auto it = kKeys.find(passive.code);
  return it == kKeys.end() ? passive.reason_key.c_str() : it->second;
}

int Severity(ChipVerdict verdict) {
  switch (verdict) {
    case ChipVerdict::kNotGenuine: return 2;
    case ChipVerdict::kNotVerifiable: return 1;
    case ChipVerdict::kGenuine: return 0;
  }
  return 2;
}

// The rule for one clone check whose key the SOD lists: only "passed" is good enough.
void RequireProof(std::vector<VerdictReason>& reasons, const AuthReport& auth, bool requested,
                  const char* code, const char* must_pass, const char* unsupported) {
  if (auth.status == AuthStatus::kPassed) return;
  if (!requested) {
    reasons.push_back({"clone_check_off", ChipVerdict::kNotVerifiable, kCloneCheckOff, {}});
    return;
  }
  // Not supported here means the station cannot run the variant of a key the SOD signed: a
  // limit of the station, not something a copy can choose (a hidden file is withheld instead).
  if (auth.status == AuthStatus::kNotSupported) {
    reasons.push_back({std::string(code) + "_unsupported", ChipVerdict::kNotVerifiable, unsupported, {}});
    return;
  }
  reasons.push_back({code, ChipVerdict::kNotGenuine, must_pass, {}});
}

}  // namespace

const char* ToString(AuthStatus status) {
  switch (status) {
    case AuthStatus::kPassed: return "passed";
    case AuthStatus::kFailed: return "failed";
    case AuthStatus::kNotSupported: return "not_supported";
    case AuthStatus::kNotChecked: return "not_checked";
  }
  return "not_checked";
}

const char* ToString(ChipVerdict verdict) {
  switch (verdict) {
    case ChipVerdict::kGenuine: return "genuine";
    case ChipVerdict::kNotGenuine: return "not_genuine";
    case ChipVerdict::kNotVerifiable: return "not_verifiable";
  }
  return "not_genuine";
}

std::string VerdictReason::Message() const { return FormatMessage(i18n::tr(message_key), args); }
std::string VerdictReason::EnglishMessage() const { return FormatMessage(message_key, args); }

bool VerificationReport::SodLists(int data_group) const {
  return std::find(sod_data_groups.begin(), sod_data_groups.end(), data_group) !=
         sod_data_groups.end();
}

std::string VerificationReport::VerdictMessage() const {
  const std::string first = reasons.empty() ? std::string() : reasons.front().Message();
  switch (overall) {
    case ChipVerdict::kGenuine: return FormatMessage(i18n::tr(N_("Genuine chip: {0}")), {first});
    case ChipVerdict::kNotGenuine:
      return FormatMessage(i18n::tr(N_("Not genuine: {0}")), {first});
    case ChipVerdict::kNotVerifiable:
      return FormatMessage(i18n::tr(N_("Not verifiable: {0}")), {first});
  }
  return first;
}

void DecideVerdict(VerificationReport& r) {
  std::vector<VerdictReason> reasons;
  if (!r.sod_present) {
    reasons.push_back({"no_security_object", ChipVerdict::kNotGenuine, kNoSod, {}});
  } else if (r.passive.overall != CheckStatus::kValid) {
    const ChipVerdict weight = r.passive.overall == CheckStatus::kInvalid ? ChipVerdict::kNotGenuine
                                                                          : ChipVerdict::kNotVerifiable;
    reasons.push_back({"passive_" + r.passive.code, weight, PassiveReasonKey(r.passive),
                       r.passive.reason_args});
  }
  // Compared only against a SOD that parsed: without one there is nothing signed to compare.
  if (!r.sod_data_groups.empty() && (!r.com_read || r.com_data_groups != r.sod_data_groups)) {
    reasons.push_back({"com_mismatch", ChipVerdict::kNotGenuine, kComMismatch, {}});
  }
  for (const auto& [group, detail] : r.withheld) {
    reasons.push_back({"data_group_withheld", ChipVerdict::kNotGenuine, kWithheld,
                       {std::to_string(group)}});
  }
  // A failed proof condemns the chip whatever the SOD says; a listed key must be proved. A
  // withheld key group already has its reason.
  const bool aa_expected = r.SodLists(15) && !r.withheld.contains(15);
  const bool ca_expected = r.SodLists(14) && !r.withheld.contains(14) && r.dg14_has_chip_auth_key;
  if (aa_expected || r.active.status == AuthStatus::kFailed) {
    RequireProof(reasons, r.active, r.active_requested, "active_authentication", kAaMustPass,
                 kAaUnsupported);
  }
  if (ca_expected || r.chip.status == AuthStatus::kFailed) {
    RequireProof(reasons, r.chip, r.chip_auth_requested, "chip_authentication", kCaMustPass,
                 kCaUnsupported);
  }
  std::stable_sort(reasons.begin(), reasons.end(), [](const VerdictReason& a, const VerdictReason& b) {
    return Severity(a.weight) > Severity(b.weight);
  });
  if (reasons.empty()) {
    const bool proved = (aa_expected && r.active.status == AuthStatus::kPassed) ||
                        (ca_expected && r.chip.status == AuthStatus::kPassed);
    if (proved) {
      reasons.push_back({"proved_key", ChipVerdict::kGenuine, kProvedKey, {}});
    } else {
      reasons.push_back({"no_clone_check", ChipVerdict::kGenuine, kNoCloneCheck, {}});
    }
  }
  r.overall = reasons.front().weight;
  r.reasons = std::move(reasons);
}

}  // namespace kiosk::emrtd
