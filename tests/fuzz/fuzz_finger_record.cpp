// libFuzzer target: an ISO/IEC 19794-4 finger image record as the intake server reads it
// (kiosk/biometrics/records/finger_image_record.h). A record that parses must write back to the
// same bytes.
#include <cstddef>
#include <cstdint>
#include <algorithm>
#include <cstdlib>

#include "kiosk/biometrics/records/finger_image_record.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using namespace kiosk::biometrics::records;
  auto record = ParseFingerImageRecord(std::span<const uint8_t>(data, size));
  if (!record) return 0;
  auto again = WriteFingerImageRecord(*record);
  if (!again || again->size() != size || !std::equal(again->begin(), again->end(), data)) std::abort();
  return 0;
}
