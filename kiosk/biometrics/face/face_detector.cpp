#include "kiosk/biometrics/face/face_detector.h"

#include <algorithm>
#include <cmath>

#include <opencv2/dnn.hpp>
#include <opencv2/imgproc.hpp>
#include <opencv2/objdetect.hpp>

#include "kiosk/core/i18n.h"
#include "kiosk/core/paths.h"

namespace kiosk::biometrics::face {

namespace {

constexpr const char* kModelFile = "opencv_face_detector_uint8.pb";
constexpr const char* kGraphFile = "opencv_face_detector.pbtxt";
constexpr const char* kEyeCascadeFile = "haarcascade_eye.xml";

// Where the eyes sit in an SSD face box (fractions of its width and height), measured on
// frontal faces; used to pick the right cascade hit when there are several.
constexpr float kExpectedEyeX[2] = {0.30f, 0.70f};
constexpr float kExpectedEyeY = 0.40f;
// The band of the face box searched for eyes.
constexpr float kEyeBandTop = 0.15f;
constexpr float kEyeBandBottom = 0.68f;
constexpr float kEyeSideWidth = 0.6f;  // each eye's side of the band, as a fraction of the box

}  // namespace

struct FaceDetector::Impl {
  cv::dnn::Net net;
  cv::CascadeClassifier eye_cascade;
  DetectorOptions options;
};

FaceDetector::FaceDetector(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}
FaceDetector::FaceDetector(FaceDetector&&) noexcept = default;
FaceDetector& FaceDetector::operator=(FaceDetector&&) noexcept = default;
FaceDetector::~FaceDetector() = default;

const DetectorOptions& FaceDetector::options() const { return impl_->options; }

std::filesystem::path FaceDetector::DefaultCascadeDir() {
  if (auto dir = paths::GetEnv("KIOSK_HAARCASCADE_DIR")) return *dir;
  return "/usr/share/opencv4/haarcascades";
}

Result<FaceDetector> FaceDetector::LoadDefault(DetectorOptions options) {
  return Load(paths::ResourceDir() / "models", DefaultCascadeDir(), options);
}

Result<FaceDetector> FaceDetector::Load(const std::filesystem::path& model_dir,
                                        const std::filesystem::path& cascade_dir,
                                        DetectorOptions options) {
  auto impl = std::make_unique<Impl>();
  impl->options = options;
  for (const auto& file : {model_dir / kModelFile, model_dir / kGraphFile, cascade_dir / kEyeCascadeFile}) {
    std::error_code ec;
    if (!std::filesystem::is_regular_file(file, ec)) {
      return Fail(Error::NotFound(N_("The face detection model {0} is missing."), file.string())
                      .WithArg(file.filename().string()));
    }
  }
  try {
    impl->net = cv::dnn::readNetFromTensorflow((model_dir / kModelFile).string(),
                                               (model_dir / kGraphFile).string());
    impl->net.setPreferableBackend(cv::dnn::DNN_BACKEND_OPENCV);
    impl->net.setPreferableTarget(cv::dnn::DNN_TARGET_CPU);
  } catch (const cv::Exception& e) {
    return Fail(Error(ErrorCode::kCorrupt, N_("The face detection model cannot be loaded."), e.what()));
  }
  if (impl->net.empty() || !impl->eye_cascade.load((cascade_dir / kEyeCascadeFile).string())) {
    return Fail(Error(ErrorCode::kCorrupt, N_("The face detection model cannot be loaded."),
                      model_dir.string()));
  }
  return FaceDetector(std::move(impl));
}

Result<std::vector<DetectedFace>> FaceDetector::DetectFaces(const cv::Mat& frame) {
  if (frame.empty() || (frame.type() != CV_8UC3 && frame.type() != CV_8UC1)) {
    return Fail(Error::InvalidArgument(N_("The picture is empty or not an 8-bit image."), "DetectFaces"));
  }
  std::vector<DetectedFace> faces;
  try {
    cv::Mat bgr = frame;
    if (frame.channels() == 1) cv::cvtColor(frame, bgr, cv::COLOR_GRAY2BGR);
    // Resizing with INTER_AREA before blobFromImage is both faster and less aliased than
    // letting blobFromImage scale a 1280×720 frame down with bilinear sampling. The area
    // averaging is done in two steps: first by the largest whole factor (OpenCV's fast path for
    // integer ratios, e.g. 1280×720 → 320×180), then the small remainder: the same averaging
    // for a third of the time of one resize with a fractional ratio over the full frame.
    const int side = impl_->options.network_input;
    cv::Mat small;
    const int factor = std::min(bgr.cols, bgr.rows) / side;
    if (factor >= 2 && bgr.cols % factor == 0 && bgr.rows % factor == 0) {
      cv::Mat reduced;
      cv::resize(bgr, reduced, cv::Size(bgr.cols / factor, bgr.rows / factor), 0, 0, cv::INTER_AREA);
      cv::resize(reduced, small, cv::Size(side, side), 0, 0, cv::INTER_AREA);
    } else {
      cv::resize(bgr, small, cv::Size(side, side), 0, 0, cv::INTER_AREA);
    }
    cv::Mat blob = cv::dnn::blobFromImage(small, 1.0, cv::Size(side, side),
                                          cv::Scalar(104, 177, 123), false, false);
    impl_->net.setInput(blob);
    cv::Mat out = impl_->net.forward();
    // Output: 1×1×N×7 rows of [image, class, confidence, x0, y0, x1, y1] (relative coordinates).
    cv::Mat rows(out.size[2], out.size[3], CV_32F, out.ptr<float>());
    const cv::Rect2f whole(0, 0, static_cast<float>(frame.cols), static_cast<float>(frame.rows));
    for (int r = 0; r < rows.rows; ++r) {
      float confidence = rows.at<float>(r, 2);
      if (confidence < impl_->options.min_confidence) continue;
      cv::Point2f p0(rows.at<float>(r, 3) * frame.cols, rows.at<float>(r, 4) * frame.rows);
      cv::Point2f p1(rows.at<float>(r, 5) * frame.cols, rows.at<float>(r, 6) * frame.rows);
      cv::Rect2f box = cv::Rect2f(p0, p1) & whole;
      if (box.width < 4 || box.height < 4) continue;
      faces.push_back({box, confidence});
    }
  } catch (const cv::Exception& e) {
    return Fail(Error(ErrorCode::kInternal, N_("Face detection failed."), e.what()));
  }
  std::sort(faces.begin(), faces.end(),
            [](const DetectedFace& a, const DetectedFace& b) { return a.confidence > b.confidence; });
  return faces;
}

EyePair FaceDetector::DetectEyes(const cv::Mat& grey, const cv::Rect2f& face_box) {
  EyePair pair;
  // Each eye is searched in its own side of the eye band, equalised on its own: one histogram
  // over the whole band lets a bright cheek or a dark fringe wash out the other eye. The sides
  // overlap in the middle and reach the box's edges: the box sits off to one side of the face
  // (about 8 % of its width) and a head turned the other way moves the eyes further from it.
  for (int side = 0; side < 2; ++side) {
    const float x0 = side == 0 ? 0.0f : 1.0f - kEyeSideWidth;
    cv::Rect half(cv::Point(static_cast<int>(face_box.x + x0 * face_box.width),
                            static_cast<int>(face_box.y + kEyeBandTop * face_box.height)),
                  cv::Point(static_cast<int>(face_box.x + (x0 + kEyeSideWidth) * face_box.width),
                            static_cast<int>(face_box.y + kEyeBandBottom * face_box.height)));
    half &= cv::Rect(0, 0, grey.cols, grey.rows);
    if (half.width < 8 || half.height < 8) continue;
    // The cascade is sensitive to scale on eyes in shadow: try a second, larger scale when the
    // first finds nothing (cheap: the region is small).
    double scale = 0;
    cv::Mat roi;
    std::vector<cv::Rect> hits;
    for (double width : {impl_->options.eye_search_width / 2.0, impl_->options.eye_search_width * 0.75}) {
      scale = width / half.width;
      cv::resize(grey(half), roi, cv::Size(), scale, scale, scale < 1 ? cv::INTER_AREA : cv::INTER_LINEAR);
      cv::equalizeHist(roi, roi);
      const int min_eye = std::max(8, roi.cols / 5);
      try {
        impl_->eye_cascade.detectMultiScale(roi, hits, 1.1, 3, 0, cv::Size(min_eye, min_eye),
                                            cv::Size(roi.cols, roi.cols));
      } catch (const cv::Exception&) {
        hits.clear();  // treated as "eye not found": the checks then fail with a message
      }
      if (!hits.empty()) break;
    }
    // The expected eye position, in roi pixels.
    const cv::Point2f expected(
        static_cast<float>((kExpectedEyeX[side] - x0) * face_box.width * scale),
        static_cast<float>((kExpectedEyeY - kEyeBandTop) * face_box.height * scale));
    double best = 1e18;
    for (const auto& hit : hits) {
      cv::Point2f centre(hit.x + hit.width / 2.0f, hit.y + hit.height / 2.0f);
      double distance = cv::norm(centre - expected);
      if (distance < best) {
        best = distance;
        (side == 0 ? pair.left : pair.right) =
            cv::Point2f(static_cast<float>(half.x + centre.x / scale), static_cast<float>(half.y + centre.y / scale));
      }
    }
  }
  return pair;
}

}  // namespace kiosk::biometrics::face
