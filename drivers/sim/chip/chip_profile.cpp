#include "drivers/sim/chip/chip_profile.h"

#include <openssl/x509.h>

#include "kiosk/core/i18n.h"
#include "kiosk/emrtd/lds/lds_files.h"

namespace kiosk::sim {

Result<EmulatedCard> MakeEmulatedCard(const Citizen& citizen, const TestPki& pki,
                                      const ChipProfileOptions& options) {
  std::optional<TestPki> signer_pki;
  std::vector<emrtd::Bytes> crls;
  if (options.unknown_csca) {
    auto generated = GenerateUnknownPki();
    if (!generated) return Fail(generated.error());
    signer_pki.emplace(std::move(*generated));
  } else if (options.revoked_document_signer) {
    SignerOptions signer_options;
    signer_options.name = "Revoked Document Signer (synthetic)";
    auto signer = IssueSigner(pki, signer_options);
    if (!signer) return Fail(signer.error());
    auto crl = BuildCrl(pki, {signer->cert.get()});
    if (!crl) return Fail(crl.error());
    crls.push_back(std::move(*crl));
    TestPki revoked;
    revoked.csca_cert.reset(X509_dup(pki.csca_cert.get()));
    revoked.ds_cert = std::move(signer->cert);
    revoked.ds_key = std::move(signer->key);
    signer_pki.emplace(std::move(revoked));
  }
  auto lds = BuildLds(citizen, signer_pki ? *signer_pki : pki, options.lds);
  if (!lds) return Fail(lds.error());
  EmulatedCard card;
  card.content.files = std::move(lds->files);
  card.content.mrz_information = std::string(lds->access.mrz_key.KeySeedInput().view());
  card.content.aa_private_key = std::move(lds->aa_private_key);
  card.content.can = lds->access.can;
  card.content.ca_private_key = std::move(lds->ca_private_key);
  card.access = std::move(lds->access);
  card.trust_crls = std::move(crls);
  return card;
}

const std::vector<ChipAttack>& ChipAttacks() {
  static const std::vector<ChipAttack> kAttacks = {
      {"clone-hides-keys",
       "a clone with a copied SOD that leaves DG14/DG15 out of EF.COM and answers 6A82 for them",
       "data_group_withheld"},
      {"clone-hides-keys-plain",
       "the same clone answering a bare, unauthenticated 6A82 for DG14/DG15", "data_group_withheld"},
      {"refuse-aa", "refuses INTERNAL AUTHENTICATE (6982) though DG15 has a key",
       "active_authentication"},
      {"clone-key", "signs Active Authentication and runs Chip Authentication with another key",
       "chip_authentication"},
      {"ca-bad-mac", "the answer completing Chip Authentication has a MAC that does not verify",
       "chip_authentication"},
      {"revoked-ds", "signed by a document signer its CSCA has revoked (the CRL goes in the trust folder)",
       "passive_signer_revoked"},
      {"com-mismatch", "EF.COM leaves DG15 out while the SOD lists it", "com_mismatch"},
      {"no-sod", "carries no EF.SOD", "no_security_object"},
  };
  return kAttacks;
}

Result<void> ApplyChipAttack(std::string_view name, ChipBehaviour& behaviour,
                             ChipProfileOptions& profile) {
  const std::vector<uint16_t> key_groups = {emrtd::DataGroupFid(14), emrtd::DataGroupFid(15)};
  if (name == "clone-hides-keys" || name == "clone-hides-keys-plain") {
    behaviour.withheld_files = key_groups;
    behaviour.withhold_with_plain_status = name == "clone-hides-keys-plain";
  } else if (name == "refuse-aa") {
    behaviour.refuse_internal_authenticate = true;
  } else if (name == "clone-key") {
    behaviour.clone_aa_key = true;
  } else if (name == "ca-bad-mac") {
    behaviour.chip_auth_bad_mac = true;
  } else if (name == "revoked-ds") {
    profile.revoked_document_signer = true;
  } else if (name == "com-mismatch") {
    behaviour.com_omits = {15};
  } else if (name == "no-sod") {
    behaviour.withheld_files = {emrtd::kFidSod};
  } else {
    return Fail(Error::InvalidArgument(N_("Unknown chip attack {0}."), std::string(name))
                    .WithArg(std::string(name)));
  }
  return {};
}

}  // namespace kiosk::sim
