// libFuzzer target: EF.CardAccess (SecurityInfos) comes from the chip before any authentication.
// The parser must never crash; what parses must choose a PACE variant consistently and re-encode
// to something that parses to the same PACEInfos.
#include <cstddef>
#include <cstdint>

#include "kiosk/emrtd/lds/card_access.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using namespace kiosk::emrtd;
  auto parsed = ParseCardAccess(ByteView(data, size));
  if (!parsed) return 0;
  auto chosen = ChoosePace(*parsed);
  if (chosen && (chosen->mapping != PaceMapping::kGeneric || !chosen->parameter_id)) __builtin_trap();
  if (parsed->pace.empty()) return 0;
  auto again = ParseCardAccess(EncodeCardAccess(parsed->pace));
  if (!again || again->pace.size() != parsed->pace.size()) __builtin_trap();
  for (size_t i = 0; i < again->pace.size(); ++i) {
    if (again->pace[i].protocol_oid != parsed->pace[i].protocol_oid ||
        again->pace[i].parameter_id != parsed->pace[i].parameter_id) {
      __builtin_trap();
    }
  }
  return 0;
}
