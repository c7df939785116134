#pragma once
// Puts a synthetic citizen on an emulated chip: the LDS built and signed by drivers/sim/lds, the
// BAC key from the card's MRZ, the Active Authentication key. The file-level faults (a corrupted
// data group, a document signer from an unknown CSCA or a revoked one) are chosen here, and the
// named attacks the tests, the demo and `kiosk-cli card sim --attack` share.

#include <optional>
#include <string_view>
#include <vector>

#include "drivers/sim/chip/chip_emulator.h"
#include "drivers/sim/lds/citizen.h"
#include "drivers/sim/lds/lds_builder.h"
#include "drivers/sim/lds/test_pki.h"

namespace kiosk::sim {

struct ChipProfileOptions {
  LdsBuildOptions lds;
  // Sign the LDS with a PKI nobody trusts (GenerateUnknownPki) instead of the given one.
  bool unknown_csca = false;
  // Sign with a second document signer of the given PKI's CSCA, and revoke it: the card comes
  // with the CSCA's CRL listing it, for the reader's trust folder. REQUIRES: pki.csca_key.
  bool revoked_document_signer = false;
};

struct EmulatedCard {
  ChipContent content;
  AccessData access;  // what `card sim` prints: ID, MRZ key, CAN
  // CRLs (DER) the reader's trust folder must hold for this card's story (revoked_document_signer).
  std::vector<emrtd::Bytes> trust_crls;
};

Result<EmulatedCard> MakeEmulatedCard(const Citizen& citizen, const TestPki& pki,
                                      const ChipProfileOptions& options = {});

// The attacks a clone or a forgery may try, each of which the chip verdict must call
// "not genuine" with the reason code given here (VerificationReport::reasons).
struct ChipAttack {
  std::string_view name;         // for --attack and tests
  std::string_view description;  // for --help and the docs
  std::string_view reason_code;  // the verdict's reason
};
const std::vector<ChipAttack>& ChipAttacks();

// Sets the behaviour and profile switches of the named attack. kInvalidArgument for an unknown
// name.
Result<void> ApplyChipAttack(std::string_view name, ChipBehaviour& behaviour,
                             ChipProfileOptions& profile);

}  // namespace kiosk::sim
