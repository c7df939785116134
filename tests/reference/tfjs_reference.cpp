#include "tests/reference/tfjs_reference.h"

#include <unistd.h>

#include <nlohmann/json.hpp>

#include <cmath>
#include <cstdlib>
#include <fstream>
#include <iterator>

#include <opencv2/imgproc.hpp>

#include "drivers/sim/camera/synthetic_face.h"
#include "kiosk/biometrics/face/embedding_face_matcher.h"
#include "kiosk/biometrics/face/face_alignment.h"
#include "tests/biometrics_data/face_samples.h"

namespace kiosk::testref {

namespace face = biometrics::face;

namespace {

// Aligned as the matcher aligns; when no face is found, the centre square (still a fixed input).
cv::Mat AlignedInput(const cv::Mat& frame, face::FaceDetector& detector) {
  auto aligned = face::AlignFace(frame, detector);
  cv::Mat image;
  if (aligned) {
    image = aligned->image;
  } else {
    const int side = std::min(frame.cols, frame.rows);
    cv::resize(frame(cv::Rect((frame.cols - side) / 2, (frame.rows - side) / 2, side, side)), image,
               cv::Size(face::kAlignedFaceSize, face::kAlignedFaceSize), 0, 0, cv::INTER_AREA);
  }
  return face::EmbeddingFaceMatcher::ModelInput(image);
}

std::string Quote(const std::filesystem::path& p) {
  std::string out = "'";
  for (char c : p.string()) out += c == '\'' ? std::string("'\\''") : std::string(1, c);
  return out + "'";
}

}  // namespace

std::filesystem::path SourceDir() { return KIOSK_SOURCE_DIR; }

std::vector<NamedInput> ReferenceInputs(face::FaceDetector& detector) {
  std::vector<NamedInput> out;
  sim::SyntheticCameraOptions camera;
  camera.approach_frames = 0;
  camera.frame_size = {640, 480};
  out.push_back({"drawn_straight", AlignedInput(sim::RenderSyntheticFaceFrame(camera, 1), detector)});
  camera.yaw_degrees = 15;
  out.push_back({"drawn_turned", AlignedInput(sim::RenderSyntheticFaceFrame(camera, 2), detector)});
  camera.yaw_degrees = 0;
  camera.accessory = sim::SyntheticAccessory::kMask;
  out.push_back({"drawn_mask", AlignedInput(sim::RenderSyntheticFaceFrame(camera, 3), detector)});
  camera.accessory = sim::SyntheticAccessory::kSunglasses;
  out.push_back({"drawn_sunglasses", AlignedInput(sim::RenderSyntheticFaceFrame(camera, 4), detector)});
  if (auto painted = testdata::FaceSampleFactory::Create()) {
    out.push_back({"painted", AlignedInput(painted->Make(testdata::FaceVariant::kGood).frame, detector)});
    out.push_back({"painted_tilted", AlignedInput(painted->Make(testdata::FaceVariant::kTilted).frame, detector)});
  }
  const cv::Size size(face::kAlignedFaceSize, face::kAlignedFaceSize);
  cv::Mat noise(size, CV_32FC3);
  cv::RNG rng(0xFACE);
  rng.fill(noise, cv::RNG::UNIFORM, cv::Scalar::all(-1), cv::Scalar::all(1));
  out.push_back({"noise", noise});
  cv::Mat gradient(size, CV_32FC3);
  for (int y = 0; y < size.height; ++y) {
    for (int x = 0; x < size.width; ++x) {
      gradient.at<cv::Vec3f>(y, x) = {x / 56.0f - 1, y / 56.0f - 1, (x + y) / 112.0f - 1};
    }
  }
  out.push_back({"gradient", gradient});
  out.push_back({"zeros", cv::Mat(size, CV_32FC3, cv::Scalar::all(0))});
  return out;
}

TfjsRun RunTfjs(const std::filesystem::path& model_json, const std::vector<NamedInput>& inputs) {
  TfjsRun run;
  if (std::system("command -v node >/dev/null 2>&1") != 0) {
    run.node_missing = true;
    run.error = "node is not installed";
    return run;
  }
  const auto dir = std::filesystem::temp_directory_path() /
                   ("kiosk-tfjs-" + std::to_string(::getpid()) + "-" + std::to_string(std::rand()));
  std::filesystem::create_directories(dir);
  std::string files;
  for (size_t i = 0; i < inputs.size(); ++i) {
    const auto file = dir / (std::to_string(i) + ".f32");
    std::ofstream out(file, std::ios::binary);
    const cv::Mat& m = inputs[i].input;
    out.write(reinterpret_cast<const char*>(m.ptr<float>()), static_cast<std::streamsize>(m.total() * 12));
    files += " " + Quote(file);
  }
  const auto tfjs = SourceDir() / "tests" / "reference" / "tfjs";
  const auto result = dir / "out.json";
  const std::string command = "NODE_PATH=\"$(bash " + Quote(tfjs / "setup.sh") + ")\" node " + Quote(tfjs / "embed.js") +
                              " " + Quote(model_json) + " " + Quote(result) + files + " 2>" + Quote(dir / "err.txt");
  if (std::system(command.c_str()) != 0) {
    std::ifstream err(dir / "err.txt");
    run.error = "TF.js reference failed: " + std::string(std::istreambuf_iterator<char>(err), {});
  } else {
    std::ifstream in(result);
    const auto parsed = nlohmann::json::parse(in, nullptr, false);
    if (!parsed.is_object() || !parsed.contains("outputs")) {
      run.error = "TF.js reference wrote no outputs";
    } else {
      run.outputs = parsed["outputs"].get<std::vector<std::vector<float>>>();
    }
  }
  std::error_code ec;
  std::filesystem::remove_all(dir, ec);
  return run;
}

double Cosine(const std::vector<float>& a, const std::vector<float>& b) {
  return face::EmbeddingFaceMatcher::Cosine(a, b);
}

}  // namespace kiosk::testref
