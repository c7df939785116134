#include "tests/biometrics_data/face_samples.h"

#include <cmath>

#include <opencv2/imgcodecs.hpp>
#include <opencv2/imgproc.hpp>
#include <opencv2/photo.hpp>

namespace kiosk::testdata {

namespace {

constexpr const char* kSource = "/usr/share/doc/opencv-doc/opencv4/html/julia_facedetect_sample.jpg";
// The head in that image, and the eye centres inside the cut patch (measured once).
const cv::Rect kHeadInSource(140, 90, 220, 260);
const cv::Point2f kLeftEyeInHead(67.5f, 113.5f);
const cv::Point2f kRightEyeInHead(115.5f, 111.5f);
const cv::Scalar kWall(190, 190, 190);

cv::Mat PlainWall(cv::Size size) {
  cv::Mat wall(size, CV_8UC3, kWall);
  cv::Mat noise(size, CV_8UC3);
  cv::RNG rng(0x5eed);  // fixed: the same picture in every run and whatever the test order
  rng.fill(noise, cv::RNG::NORMAL, cv::Scalar::all(0), cv::Scalar::all(2));  // sensor noise
  cv::Mat noisy;
  wall.convertTo(noisy, CV_16SC3);
  cv::Mat noise16;
  noise.convertTo(noise16, CV_16SC3);
  noisy += noise16;
  noisy.convertTo(wall, CV_8UC3);
  return wall;
}

}  // namespace

std::optional<std::filesystem::path> PaintedFaceSource() {
  std::error_code ec;
  if (std::filesystem::is_regular_file(kSource, ec)) return std::filesystem::path(kSource);
  return std::nullopt;
}

std::optional<FaceSampleFactory> FaceSampleFactory::Create() {
  auto source = PaintedFaceSource();
  if (!source) return std::nullopt;
  cv::Mat image = cv::imread(source->string(), cv::IMREAD_COLOR);
  if (image.empty()) return std::nullopt;
  // Paint out the detector's green box and label.
  std::vector<cv::Mat> channels;
  cv::split(image, channels);
  cv::Mat green = (channels[1] > channels[2] + 40) & (channels[1] > channels[0] + 40);
  cv::dilate(green, green, cv::Mat(), cv::Point(-1, -1), 2);
  cv::Mat clean;
  cv::inpaint(image, green, clean, 3, cv::INPAINT_TELEA);

  FaceSampleFactory factory;
  factory.head_ = clean(kHeadInSource).clone();
  factory.left_eye_ = kLeftEyeInHead;
  factory.right_eye_ = kRightEyeInHead;
  factory.Straighten();
  factory.alpha_ = cv::Mat(factory.head_.size(), CV_32F, cv::Scalar(0));
  cv::ellipse(factory.alpha_, cv::Point(110, 125), cv::Size(85, 125), 0, 0, 360, cv::Scalar(1), -1);
  cv::GaussianBlur(factory.alpha_, factory.alpha_, cv::Size(21, 21), 0);
  return factory;
}

void FaceSampleFactory::Straighten() {
  // The painted sitter's head is turned towards her right by about ten degrees (the yaw estimate
  // reads her eyes 0.19-0.25 eye distances left of her face's midline, at the edge of the check's
  // 0.18), which a passport portrait should not be. A smooth sideways shift of the middle of the
  // face (eyes, nose, mouth) against its outline turns it most of the way back (0.10-0.16); the
  // outline and the hair stay where they are.
  constexpr double shift = 12;  // pixels of the patch, at the middle of the face
  const cv::Point2f middle(92, 145);
  const double sigma_x = 30, sigma_y = 50;
  auto displacement = [&](cv::Point2f p) {
    const double dx = p.x - middle.x, dy = p.y - middle.y;
    return static_cast<float>(shift * std::exp(-(dx * dx) / (2 * sigma_x * sigma_x) - (dy * dy) / (2 * sigma_y * sigma_y)));
  };
  cv::Mat map_x(head_.size(), CV_32F), map_y(head_.size(), CV_32F);
  for (int y = 0; y < head_.rows; ++y) {
    for (int x = 0; x < head_.cols; ++x) {
      const cv::Point2f p(static_cast<float>(x), static_cast<float>(y));
      map_x.at<float>(y, x) = p.x - displacement(p);
      map_y.at<float>(y, x) = p.y;
    }
  }
  cv::Mat straight;
  cv::remap(head_, straight, map_x, map_y, cv::INTER_LINEAR, cv::BORDER_REPLICATE);
  head_ = straight;
  // Where the eyes went: the point q with q - displacement(q) = eye.
  for (cv::Point2f* eye : {&left_eye_, &right_eye_}) {
    cv::Point2f q = *eye;
    for (int i = 0; i < 10; ++i) q.x = eye->x + displacement(q);
    *eye = q;
  }
}

void FaceSampleFactory::DrawMask(cv::Mat& head, cv::Scalar colour) const {
  // Placed from the eyes, in eye distances d: the top edge 0.42 d below the eye line over the
  // nose and 0.6 d at the cheeks, the bottom under the chin (1.75 d), 1.2 d to each side.
  const cv::Point2f mid = (left_eye_ + right_eye_) * 0.5f;
  const float d = static_cast<float>(cv::norm(right_eye_ - left_eye_));
  auto at = [&](double across, double down) {
    return cv::Point(static_cast<int>(mid.x + across * d), static_cast<int>(mid.y + down * d));
  };
  std::vector<cv::Point> outline;
  for (double x = -1.2; x <= 1.2001; x += 0.1) outline.push_back(at(x, 0.42 + 0.18 * std::min(1.0, x * x / 0.5)));
  for (double a = 0; a <= 3.1416; a += 0.1) outline.push_back(at(1.2 * std::cos(a), 0.6 + 1.15 * std::sin(a)));
  cv::fillPoly(head, std::vector<std::vector<cv::Point>>{outline}, colour, cv::LINE_AA);
  for (double y : {0.95, 1.25, 1.5}) {  // the pleats
    cv::line(head, at(-0.95, y), at(0.95, y), colour * 0.86, 2, cv::LINE_AA);
  }
}

std::pair<cv::Point2f, cv::Point2f> FaceSampleFactory::PlaceHead(cv::Mat& frame, const Placement& p,
                                                                 const cv::Mat& head) const {
  const cv::Point2f head_centre(head.cols / 2.0f, head.rows / 2.0f);
  cv::Mat transform = cv::getRotationMatrix2D(head_centre, p.angle, p.scale);
  transform.at<double>(0, 2) += p.centre.x - head_centre.x;
  transform.at<double>(1, 2) += p.centre.y - head_centre.y;
  cv::Mat warped, alpha;
  cv::warpAffine(head, warped, transform, frame.size(), cv::INTER_LINEAR, cv::BORDER_CONSTANT);
  cv::warpAffine(alpha_, alpha, transform, frame.size(), cv::INTER_LINEAR, cv::BORDER_CONSTANT);
  for (int y = 0; y < frame.rows; ++y) {
    const float* a = alpha.ptr<float>(y);
    const cv::Vec3b* s = warped.ptr<cv::Vec3b>(y);
    cv::Vec3b* d = frame.ptr<cv::Vec3b>(y);
    for (int x = 0; x < frame.cols; ++x) {
      if (a[x] <= 0) continue;
      for (int c = 0; c < 3; ++c) d[x][c] = cv::saturate_cast<uchar>(a[x] * s[x][c] + (1 - a[x]) * d[x][c]);
    }
  }
  auto map = [&transform](cv::Point2f q) {
    return cv::Point2f(static_cast<float>(transform.at<double>(0, 0) * q.x + transform.at<double>(0, 1) * q.y +
                                          transform.at<double>(0, 2)),
                       static_cast<float>(transform.at<double>(1, 0) * q.x + transform.at<double>(1, 1) * q.y +
                                          transform.at<double>(1, 2)));
  };
  return {map(left_eye_), map(right_eye_)};
}

FaceSample FaceSampleFactory::Make(FaceVariant variant, cv::Size size) const {
  FaceSample sample;
  sample.name = Name(variant);
  sample.frame = PlainWall(size);
  const double base_scale = 1.3 * size.height / 480.0;
  Placement placement{{size.width / 2.0f, 0.45f * size.height}, base_scale, 0};
  cv::Mat head = head_.clone();

  switch (variant) {
    case FaceVariant::kNoFace:
      sample.faces = 0;
      return sample;
    case FaceVariant::kTwoFaces: {
      sample.faces = 2;
      Placement left = placement, right = placement;
      left.centre.x = 0.28f * size.width;
      right.centre.x = 0.72f * size.width;
      left.scale = right.scale = base_scale * 0.8;
      std::tie(sample.left_eye, sample.right_eye) = PlaceHead(sample.frame, left, head);
      PlaceHead(sample.frame, right, head);
      return sample;
    }
    case FaceVariant::kOffCentre: placement.centre.x = 0.78f * size.width; break;
    case FaceVariant::kTooSmall: placement.scale = base_scale * 0.6; break;
    case FaceVariant::kTilted: placement.angle = 20; break;
    case FaceVariant::kBusyBackground: {
      cv::Mat noise(size, CV_8UC3);
      cv::RNG rng(0xb05e);
      rng.fill(noise, cv::RNG::UNIFORM, cv::Scalar::all(0), cv::Scalar::all(255));
      cv::GaussianBlur(noise, noise, cv::Size(0, 0), 4);
      cv::normalize(noise, sample.frame, 40, 230, cv::NORM_MINMAX);
      break;
    }
    case FaceVariant::kEyesClosed: {
      // Skin over each eye, then a dark lid line: what a closed eye looks like from the front.
      cv::Scalar skin = cv::mean(head(cv::Rect(75, 140, 30, 15)));
      for (cv::Point2f eye : {left_eye_, right_eye_}) {
        cv::ellipse(head, eye, cv::Size(15, 9), 0, 0, 360, skin, -1, cv::LINE_AA);
        cv::ellipse(head, eye, cv::Size(11, 4), 0, 0, 180, skin * 0.45, 2, cv::LINE_AA);
      }
      cv::GaussianBlur(head, head, cv::Size(3, 3), 0);
      break;
    }
    case FaceVariant::kDarkGlasses:
      for (cv::Point2f eye : {left_eye_, right_eye_}) {
        cv::ellipse(head, eye, cv::Size(24, 16), 0, 0, 360, cv::Scalar(20, 20, 20), -1, cv::LINE_AA);
      }
      cv::line(head, left_eye_, right_eye_, cv::Scalar(20, 20, 20), 3, cv::LINE_AA);
      break;
    case FaceVariant::kMask:
    case FaceVariant::kWhiteMask:
      DrawMask(head, variant == FaceVariant::kMask ? cv::Scalar(226, 204, 168) : cv::Scalar(238, 240, 240));
      break;
    default: break;
  }
  std::tie(sample.left_eye, sample.right_eye) = PlaceHead(sample.frame, placement, head);

  switch (variant) {
    case FaceVariant::kTooDark: sample.frame.convertTo(sample.frame, -1, 0.22, 0); break;
    case FaceVariant::kOverExposed: sample.frame.convertTo(sample.frame, -1, 1.9, 70); break;
    case FaceVariant::kBlurred: cv::GaussianBlur(sample.frame, sample.frame, cv::Size(0, 0), 4.0); break;
    default: break;
  }
  return sample;
}

std::string FaceSampleFactory::Name(FaceVariant v) {
  switch (v) {
    case FaceVariant::kGood: return "good";
    case FaceVariant::kNoFace: return "no_face";
    case FaceVariant::kTwoFaces: return "two_faces";
    case FaceVariant::kOffCentre: return "off_centre";
    case FaceVariant::kTooSmall: return "too_small";
    case FaceVariant::kTooDark: return "too_dark";
    case FaceVariant::kOverExposed: return "over_exposed";
    case FaceVariant::kBlurred: return "blurred";
    case FaceVariant::kEyesClosed: return "eyes_closed";
    case FaceVariant::kTilted: return "tilted";
    case FaceVariant::kBusyBackground: return "busy_background";
    case FaceVariant::kDarkGlasses: return "dark_glasses";
    case FaceVariant::kMask: return "mask";
    case FaceVariant::kWhiteMask: return "white_mask";
  }
  return "?";
}

std::vector<FaceVariant> FaceSampleFactory::AllVariants() {
  return {FaceVariant::kGood, FaceVariant::kNoFace, FaceVariant::kTwoFaces, FaceVariant::kOffCentre,
          FaceVariant::kTooSmall, FaceVariant::kTooDark, FaceVariant::kOverExposed, FaceVariant::kBlurred,
          FaceVariant::kEyesClosed, FaceVariant::kTilted, FaceVariant::kBusyBackground,
          FaceVariant::kDarkGlasses, FaceVariant::kMask, FaceVariant::kWhiteMask};
}

}  // namespace kiosk::testdata
