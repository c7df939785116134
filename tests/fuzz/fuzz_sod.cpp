// libFuzzer target: EF.SOD (CMS SignedData through OpenSSL, LDSSecurityObject through our TLV
// reader) and Passive Authentication against an empty trust store (never "valid").
#include <cstddef>
#include <cstdint>
#include <cstdlib>

#include "kiosk/emrtd/lds/passive_auth.h"
#include "kiosk/emrtd/lds/sod.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using namespace kiosk::emrtd;
  const ByteView input(data, size);
  (void)ParseLdsSecurityObject(input);
  static const TrustStore kEmptyTrust;
  const PassiveAuthReport report = VerifyPassive(input, {{1, Bytes{0x61, 0x00}}}, kEmptyTrust);
  if (report.overall == CheckStatus::kValid) std::abort();  // no CSCA: valid is impossible
  return 0;
}
