#include "tests/biometrics_data/face_samples.h"

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
  factory.alpha_ = cv::Mat(factory.head_.size(), CV_32F, cv::Scalar(0));
  cv::ellipse(factory.alpha_, cv::Point(110, 125), cv::Size(85, 125), 0, 0, 360, cv::Scalar(1), -1);
  cv::GaussianBlur(factory.alpha_, factory.alpha_, cv::Size(21, 21), 0);
  return factory;
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
  return {map(kLeftEyeInHead), map(kRightEyeInHead)};
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
      for (cv::Point2f eye : {kLeftEyeInHead, kRightEyeInHead}) {
        cv::ellipse(head, eye, cv::Size(15, 9), 0, 0, 360, skin, -1, cv::LINE_AA);
        cv::ellipse(head, eye, cv::Size(11, 4), 0, 0, 180, skin * 0.45, 2, cv::LINE_AA);
      }
      cv::GaussianBlur(head, head, cv::Size(3, 3), 0);
      break;
    }
    case FaceVariant::kDarkGlasses:
      for (cv::Point2f eye : {kLeftEyeInHead, kRightEyeInHead}) {
        cv::ellipse(head, eye, cv::Size(24, 16), 0, 0, 360, cv::Scalar(20, 20, 20), -1, cv::LINE_AA);
      }
      cv::line(head, kLeftEyeInHead, kRightEyeInHead, cv::Scalar(20, 20, 20), 3, cv::LINE_AA);
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
  }
  return "?";
}

std::vector<FaceVariant> FaceSampleFactory::AllVariants() {
  return {FaceVariant::kGood, FaceVariant::kNoFace, FaceVariant::kTwoFaces, FaceVariant::kOffCentre,
          FaceVariant::kTooSmall, FaceVariant::kTooDark, FaceVariant::kOverExposed, FaceVariant::kBlurred,
          FaceVariant::kEyesClosed, FaceVariant::kTilted, FaceVariant::kBusyBackground,
          FaceVariant::kDarkGlasses};
}

}  // namespace kiosk::testdata
