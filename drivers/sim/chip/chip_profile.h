#pragma once
// Puts a synthetic citizen on an emulated chip: the LDS built and signed by drivers/sim/lds, the
// BAC key from the card's MRZ, the Active Authentication key. The file-level faults (a corrupted
// data group, a document signer from an unknown CSCA) are chosen here.

#include <optional>

#include "drivers/sim/chip/chip_emulator.h"
#include "drivers/sim/lds/citizen.h"
#include "drivers/sim/lds/lds_builder.h"
#include "drivers/sim/lds/test_pki.h"

namespace kiosk::sim {

struct ChipProfileOptions {
  LdsBuildOptions lds;
  // Sign the LDS with a PKI nobody trusts (GenerateUnknownPki) instead of the given one.
  bool unknown_csca = false;
};

struct EmulatedCard {
  ChipContent content;
  AccessData access;  // what `card sim` prints: ID, MRZ key, CAN
};

Result<EmulatedCard> MakeEmulatedCard(const Citizen& citizen, const TestPki& pki,
                                      const ChipProfileOptions& options = {});

}  // namespace kiosk::sim
