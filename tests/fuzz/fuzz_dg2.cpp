// libFuzzer target: DG2 and its ISO/IEC 19794-5 record. Only the OpenCV-free parser is fuzzed;
// image decoding is OpenCV's own business.
#include <cstddef>
#include <cstdint>

#include "kiosk/emrtd/lds/dg2.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using namespace kiosk::emrtd;
  if (auto dg2 = ParseDg2(ByteView(data, size))) {
    for (const FaceImage& face : dg2->faces) (void)DetectImageFormat(face.data);
  }
  return 0;
}
