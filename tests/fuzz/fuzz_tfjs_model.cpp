// libFuzzer target: a TF.js graph model (model.json + its weights manifest and weight bytes) as
// the face recognition executor reads it (kiosk/biometrics/face/tfjs_model.h). Input: 4 bytes
// (little-endian) giving the JSON's length, the JSON, then the weights. A model that parses is
// also built into the runner and run once on a zero input: a wrong shape must be an error there
// too, never a crash.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include <opencv2/core.hpp>

#include "kiosk/biometrics/face/tfjs_model.h"
#include "kiosk/biometrics/face/tfjs_runner.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using namespace kiosk::biometrics::face::tfjs;
  if (size < 4) return 0;
  const size_t json_size = size_t{data[0]} | size_t{data[1]} << 8 | size_t{data[2]} << 16 | size_t{data[3]} << 24;
  if (json_size > size - 4) return 0;
  const std::string_view text(reinterpret_cast<const char*>(data + 4), json_size);
  auto model = ParseModel(text, std::span<const uint8_t>(data + 4 + json_size, size - 4 - json_size));
  if (!model) return 0;
  // Small inputs only: a fuzzed 4096×4096 input is legal but would only measure OpenCV.
  if (static_cast<int64_t>(model->input.h) * model->input.w * model->input.c > 4096) return 0;
  auto runner = GraphRunner::Build(*model);
  if (!runner) return 0;
  cv::Mat input(model->input.h, model->input.w, CV_MAKETYPE(CV_32F, model->input.c), cv::Scalar::all(0));
  (void)runner->Run(input);
  return 0;
}
