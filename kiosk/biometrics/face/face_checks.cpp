#include "kiosk/biometrics/face/face_checks.h"

#include <algorithm>
#include <cmath>
#include <numbers>

#include <opencv2/imgproc.hpp>

#include "kiosk/biometrics/face/face_cues.h"
#include "kiosk/core/i18n.h"

namespace kiosk::biometrics::face {

namespace {

// The face is rescaled to this width before measuring sharpness, so the figure does not depend
// on how close the citizen stands.
constexpr int kSharpnessWidth = 128;
// Border bands used for the background check, as fractions of the frame.
constexpr double kBorderBand = 0.08;
constexpr double kSideBandHeight = 0.60;

Check Pass(std::string name, std::string key, std::vector<std::string> args = {}) {
  return {std::move(name), true, std::move(key), std::move(args)};
}
Check Failed(std::string name, std::string key, std::vector<std::string> args = {}) {
  return {std::move(name), false, std::move(key), std::move(args)};
}

std::string Fixed(double value, int decimals) {
  char buffer[32];
  std::snprintf(buffer, sizeof buffer, "%.*f", decimals, value);
  return buffer;
}

// A sub-rectangle of the face box given in fractions of its size, clipped to the frame.
cv::Rect FacePart(const cv::Rect2f& box, double x0, double y0, double x1, double y1, const cv::Mat& frame) {
  cv::Rect part(cv::Point(static_cast<int>(box.x + x0 * box.width), static_cast<int>(box.y + y0 * box.height)),
                cv::Point(static_cast<int>(box.x + x1 * box.width), static_cast<int>(box.y + y1 * box.height)));
  return part & cv::Rect(0, 0, frame.cols, frame.rows);
}

double LaplacianStdDev(const cv::Mat& grey) {
  cv::Mat laplacian;
  cv::Laplacian(grey, laplacian, CV_32F);
  cv::Scalar mean, stddev;
  cv::meanStdDev(laplacian, mean, stddev);
  return stddev[0];
}

double Sharpness(const cv::Mat& grey, const cv::Rect& face) {
  cv::Mat scaled;
  double scale = static_cast<double>(kSharpnessWidth) / face.width;
  cv::resize(grey(face), scaled, cv::Size(), scale, scale, scale < 1 ? cv::INTER_AREA : cv::INTER_LINEAR);
  double s = LaplacianStdDev(scaled);
  return s * s;
}

// The border bands as disjoint rectangles: the top band, then the two sides below it.
std::vector<cv::Rect> BorderBands(cv::Size size) {
  const int band_w = std::max(2, static_cast<int>(size.width * kBorderBand));
  const int band_h = std::max(2, static_cast<int>(size.height * kBorderBand));
  const int side_h = static_cast<int>(size.height * kSideBandHeight);
  std::vector<cv::Rect> bands = {cv::Rect(0, 0, size.width, band_h)};
  if (side_h > band_h) {
    bands.emplace_back(0, band_h, band_w, side_h - band_h);
    bands.emplace_back(size.width - band_w, band_h, band_w, side_h - band_h);
  }
  const cv::Rect whole(0, 0, size.width, size.height);
  for (auto& band : bands) band &= whole;
  return bands;
}

// The grey-level spread of the border bands, hair and ears kept out. Computed band by band with
// a mask the size of the band (not of the frame): the same figure for a tenth of the pixels.
double BackgroundStdDev(const cv::Mat& grey, const cv::Rect2f& face_box) {
  // Hair and ears reach beyond the detector's box: keep a margin around it out of the bands.
  cv::Rect2f around(face_box.x - 0.35f * face_box.width, face_box.y - 0.6f * face_box.height,
                    1.7f * face_box.width, 2.2f * face_box.height);
  const cv::Rect keep_out = cv::Rect(around) & cv::Rect(0, 0, grey.cols, grey.rows);
  double count = 0, sum = 0, sum_squares = 0;
  for (const cv::Rect& band : BorderBands(grey.size())) {
    if (band.area() == 0) continue;
    cv::Mat mask(band.size(), CV_8U, cv::Scalar(255));
    const cv::Rect hidden = keep_out & band;
    if (hidden.area() > 0) mask(hidden - band.tl()).setTo(0);
    const int n = cv::countNonZero(mask);
    if (n == 0) continue;
    cv::Scalar mean, stddev;
    cv::meanStdDev(grey(band), mean, stddev, mask);
    count += n;
    sum += mean[0] * n;
    sum_squares += (stddev[0] * stddev[0] + mean[0] * mean[0]) * n;
  }
  if (count < 100) return 0;  // the face fills the frame: nothing to judge
  const double mean = sum / count;
  return std::sqrt(std::max(0.0, sum_squares / count - mean * mean));
}

// Only the face box and the border bands are read by the checks: convert just those to grey,
// into a buffer kept between frames (a full 1280x720 conversion and allocation per frame cost
// more than every check together).
void ConvertNeededToGrey(const cv::Mat& frame, const cv::Rect2f& face_box, cv::Mat& grey) {
  if (grey.size() != frame.size() || grey.type() != CV_8U) grey.create(frame.size(), CV_8U);
  const cv::Rect whole(0, 0, frame.cols, frame.rows);
  std::vector<cv::Rect> regions = BorderBands(frame.size());
  regions.push_back(cv::Rect(static_cast<int>(face_box.x) - 1, static_cast<int>(face_box.y) - 1,
                             static_cast<int>(face_box.width) + 3, static_cast<int>(face_box.height) + 3) &
                    whole);
  for (const cv::Rect& region : regions) {
    if (region.area() == 0) continue;
    cv::Mat target = grey(region);
    cv::cvtColor(frame(region), target, cv::COLOR_BGR2GRAY);
  }
}

}  // namespace

std::string Check::Message() const { return FormatMessage(i18n::tr(message_key), args); }
std::string Check::EnglishMessage() const { return FormatMessage(message_key, args); }

bool FrameReport::Acceptable() const {
  return faces == 1 && !checks.empty() &&
         std::all_of(checks.begin(), checks.end(), [](const Check& c) { return c.pass; });
}

const Check* FrameReport::Find(const std::string& name) const {
  for (const auto& c : checks) {
    if (c.name == name) return &c;
  }
  return nullptr;
}

FaceChecker::FaceChecker(FaceDetector detector, FaceCheckOptions options)
    : detector_(std::move(detector)), options_(options) {}

Result<FaceChecker> FaceChecker::LoadDefault(FaceCheckOptions options, DetectorOptions detector) {
  auto loaded = FaceDetector::LoadDefault(detector);
  if (!loaded) return Fail(std::move(loaded).error());
  return FaceChecker(std::move(*loaded), options);
}

Result<FrameReport> FaceChecker::Analyze(const cv::Mat& frame) {
  auto faces = detector_.DetectFaces(frame);
  if (!faces) return Fail(std::move(faces).error());
  FrameReport report;
  report.faces = static_cast<int>(faces->size());
  if (report.faces == 0) {
    report.checks.push_back(Failed("face_count", N_("No face found: look at the camera.")));
    return report;
  }
  if (report.faces > 1) {
    report.checks.push_back(Failed("face_count", N_("{0} faces found: only the citizen may be in the picture."),
                                   {std::to_string(report.faces)}));
    return report;
  }
  report.checks.push_back(Pass("face_count", N_("One face found.")));

  const FaceCheckOptions& o = options_;
  const cv::Rect2f box = faces->front().box;
  cv::Mat grey;
  if (frame.channels() == 3) {
    ConvertNeededToGrey(frame, box, grey_buffer_);
    grey = grey_buffer_;
  } else {
    grey = frame;
  }
  report.face_box = box;
  report.eyes = detector_.DetectEyes(grey, box);
  const EyePair& eyes = report.eyes;
  const double eye_distance = eyes.Both() ? cv::norm(*eyes.right - *eyes.left) : 0;

  // Size: the face box against the frame, and enough pixels between the eyes for the token.
  const double height_ratio = box.height / frame.rows;
  if (height_ratio < o.min_face_height || (eyes.Both() && eye_distance < o.min_eye_distance_px)) {
    report.checks.push_back(Failed("face_size", N_("Face too small: move closer to the camera.")));
  } else if (height_ratio > o.max_face_height) {
    report.checks.push_back(Failed("face_size", N_("Face too large: move back from the camera.")));
  } else {
    report.checks.push_back(Pass("face_size", N_("Face size is good.")));
  }

  // Centring.
  const double offset_x = (box.x + box.width / 2 - frame.cols / 2.0) / frame.cols;
  const double offset_y = (box.y + box.height / 2) / frame.rows - o.target_centre_y;
  if (std::abs(offset_x) > o.max_centre_offset_x || std::abs(offset_y) > o.max_centre_offset_y) {
    report.checks.push_back(Failed("centring", N_("Face not centred: move to the middle of the picture.")));
  } else {
    report.checks.push_back(Pass("centring", N_("Face is centred.")));
  }

  // Pose, from the eye centres.
  if (!eyes.Both()) {
    report.checks.push_back(Failed("roll", N_("Head tilt cannot be measured: eyes not found.")));
    report.checks.push_back(Failed("yaw", N_("Head turn cannot be measured: eyes not found.")));
  } else {
    const cv::Point2f d = *eyes.right - *eyes.left;
    const double roll = std::atan2(d.y, d.x) * 180 / std::numbers::pi;
    if (std::abs(roll) > o.max_roll_degrees) {
      report.checks.push_back(Failed("roll", N_("Head tilted by {0}°: hold your head straight."),
                                     {Fixed(std::abs(roll), 0)}));
    } else {
      report.checks.push_back(Pass("roll", N_("Head is straight.")));
    }
    // Yaw from the picture's symmetry (face_cues.h), not from the detector's box.
    const auto yaw = YawRatio(frame, EyeAnchors{*eyes.left, *eyes.right, true});
    report.yaw_ratio = yaw.value_or(0);
    if (!yaw) {
      report.checks.push_back(Failed("yaw", N_("Head turn cannot be measured: the face is too close to the edge.")));
    } else if (std::abs(*yaw) > o.max_yaw_ratio) {
      report.checks.push_back(Failed("yaw", N_("Head turned: look straight at the camera.")));
    } else {
      report.checks.push_back(Pass("yaw", N_("Looking straight at the camera.")));
    }
  }

  report.checks.push_back(eyes.Both() ? Pass("eyes_open", N_("Eyes are open."))
                                      : Failed("eyes_open", N_("Eyes not visible: open your eyes.")));

  const cv::Rect face_px = cv::Rect(box) & cv::Rect(0, 0, frame.cols, frame.rows);
  report.sharpness = Sharpness(grey, face_px);
  report.checks.push_back(report.sharpness >= o.min_sharpness
                              ? Pass("sharpness", N_("Picture is sharp."))
                              : Failed("sharpness", N_("Picture is blurred: hold still, or clean the lens.")));

  // Exposure on the inner face (no hair, no background), from its grey-level histogram.
  const cv::Rect inner = FacePart(box, 0.2, 0.2, 0.8, 0.9, frame);
  const int channels[] = {0};
  const int bins[] = {256};
  const float range[] = {0, 256};
  const float* ranges[] = {range};
  cv::Mat histogram;
  cv::Mat inner_grey = grey(inner);
  cv::calcHist(&inner_grey, 1, channels, cv::Mat(), histogram, 1, bins, ranges);
  histogram /= static_cast<double>(inner.area());
  double mean = 0, dark = 0, bright = 0;
  for (int v = 0; v < 256; ++v) {
    double p = histogram.at<float>(v);
    mean += p * v;
    if (v <= 10) dark += p;
    if (v >= 245) bright += p;
  }
  report.brightness = mean;
  if (mean < o.min_brightness || dark > o.max_clipped) {
    report.checks.push_back(Failed("exposure", N_("Face too dark: add light in front of the citizen.")));
  } else if (mean > o.max_brightness || bright > o.max_clipped) {
    report.checks.push_back(Failed("exposure", N_("Face too bright: reduce the light or move away from it.")));
  } else {
    report.checks.push_back(Pass("exposure", N_("Exposure is good.")));
  }

  report.background_stddev = BackgroundStdDev(grey, box);
  report.checks.push_back(report.background_stddev <= o.max_background_stddev
                              ? Pass("background", N_("Background is plain."))
                              : Failed("background", N_("Background not plain: stand in front of the plain wall.")));

  // Heuristics (face_cues.h), placed from the eyes, or from where the eyes should be in the box
  // when the cascade found none (as behind dark lenses).
  const EyeAnchors anchors = eyes.Both() ? EyeAnchors{*eyes.left, *eyes.right, true} : AnchorsFromBox(box);
  const auto eye_to_skin = EyeToSkinRatio(frame, anchors);
  report.eye_to_skin_ratio = eye_to_skin.value_or(0);
  if (!eye_to_skin) {
    report.checks.push_back(Failed("dark_glasses", N_("Dark glasses cannot be checked: the eyes are not in the picture.")));
  } else if (*eye_to_skin < o.max_eye_to_skin_ratio ||
             (!anchors.detected && *eye_to_skin < o.max_eye_to_skin_ratio_eyes_unseen)) {
    report.checks.push_back(Failed("dark_glasses", N_("Dark glasses suspected (heuristic check): remove them.")));
  } else {
    report.checks.push_back(Pass("dark_glasses", N_("No dark glasses seen (heuristic check).")));
  }

  const auto lower_skin = LowerFaceSkinFraction(frame, anchors);
  report.lower_face_skin = lower_skin.value_or(0);
  if (!lower_skin) {
    report.checks.push_back(Failed("mask", N_("Face covering cannot be checked: the chin is not in the picture.")));
  } else if (*lower_skin < o.min_lower_face_skin) {
    report.checks.push_back(Failed(
        "mask", N_("Mask or face covering suspected (heuristic check): uncover the nose, mouth and chin.")));
  } else {
    report.checks.push_back(Pass("mask", N_("Nose, mouth and chin uncovered (heuristic check).")));
  }

  return report;
}

}  // namespace kiosk::biometrics::face
