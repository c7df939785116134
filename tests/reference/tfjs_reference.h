#pragma once
// Test support: the station's face-recognition executor against TensorFlow.js itself.
// A fixed set of model inputs (drawn faces aligned as the matcher aligns them, the opencv-doc
// painting when installed, noise, a gradient, zeros) goes through tests/reference/tfjs/embed.js
// (pure-JavaScript TF.js, offline) and through the C++ executor; the caller compares.
// Used by the ctest face_recognition_test (TfjsReference.*) and by `make bench`.

#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include <opencv2/core.hpp>

#include "kiosk/biometrics/face/face_detector.h"

namespace kiosk::testref {

struct NamedInput {
  std::string name;
  cv::Mat input;  // 112×112 CV_32FC3, as EmbeddingFaceMatcher::ModelInput makes it
};

std::vector<NamedInput> ReferenceInputs(biometrics::face::FaceDetector& detector);

// The checkout (tests/reference/tfjs lives there), from the build's KIOSK_SOURCE_DIR.
std::filesystem::path SourceDir();

struct TfjsRun {
  bool node_missing = false;           // no `node` on PATH: the ctest skips, make bench fails
  std::string error;                   // set when the run failed
  std::vector<std::vector<float>> outputs;
};

// Installs the pinned TF.js packages when needed (setup.sh, from the npm cache) and runs them.
TfjsRun RunTfjs(const std::filesystem::path& model_json, const std::vector<NamedInput>& inputs);

double Cosine(const std::vector<float>& a, const std::vector<float>& b);

}  // namespace kiosk::testref
