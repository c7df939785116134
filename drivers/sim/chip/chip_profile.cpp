#include "drivers/sim/chip/chip_profile.h"

namespace kiosk::sim {

Result<EmulatedCard> MakeEmulatedCard(const Citizen& citizen, const TestPki& pki,
                                      const ChipProfileOptions& options) {
  std::optional<TestPki> unknown;
  if (options.unknown_csca) {
    auto generated = GenerateUnknownPki();
    if (!generated) return Fail(generated.error());
    unknown.emplace(std::move(*generated));
  }
  auto lds = BuildLds(citizen, unknown ? *unknown : pki, options.lds);
  if (!lds) return Fail(lds.error());
  EmulatedCard card;
  card.content.files = std::move(lds->files);
  card.content.mrz_information = std::string(lds->access.mrz_key.KeySeedInput().view());
  card.content.aa_private_key = std::move(lds->aa_private_key);
  card.content.can = lds->access.can;
  card.content.ca_private_key = std::move(lds->ca_private_key);
  card.access = std::move(lds->access);
  return card;
}

}  // namespace kiosk::sim
