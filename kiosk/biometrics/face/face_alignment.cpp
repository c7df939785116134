#include "kiosk/biometrics/face/face_alignment.h"

#include <cmath>
#include <complex>

#include <opencv2/imgproc.hpp>

#include "kiosk/biometrics/face/face_cues.h"
#include "kiosk/core/i18n.h"

namespace kiosk::biometrics::face {

namespace {

// A cascade pair is used only when it looks like two eyes of this face: apart by 25-60 % of the
// box width (frontal faces read about 40 %) and tilted by less than about 25 degrees.
bool PlausibleEyes(const EyePair& eyes, const cv::Rect2f& box) {
  if (!eyes.Both()) return false;
  const cv::Point2f d = *eyes.right - *eyes.left;
  const double distance = std::hypot(d.x, d.y);
  return d.x > 0 && distance >= 0.25 * box.width && distance <= 0.6 * box.width && std::abs(d.y) < 0.45 * d.x;
}

}  // namespace

cv::Mat EyeAlignment(cv::Point2f left, cv::Point2f right) {
  // z' = a·z + b in complex numbers: a = (T_r − T_l) / (r − l), b = T_l − a·l.
  const std::complex<double> l(left.x, left.y), r(right.x, right.y);
  const std::complex<double> tl(kTemplateLeftEye.x, kTemplateLeftEye.y), tr(kTemplateRightEye.x, kTemplateRightEye.y);
  const std::complex<double> a = (tr - tl) / (r - l);
  const std::complex<double> b = tl - a * l;
  cv::Mat m = (cv::Mat_<double>(2, 3) << a.real(), -a.imag(), b.real(), a.imag(), a.real(), b.imag());
  return m;
}

Result<AlignedFace> AlignFace(const cv::Mat& bgr, FaceDetector& detector) {
  if (bgr.empty() || bgr.type() != CV_8UC3) {
    return Fail(Error::InvalidArgument(N_("The picture is empty or not an 8-bit image."), "AlignFace"));
  }
  auto faces = detector.DetectFaces(bgr);
  if (!faces) return Fail(faces.error());
  if (faces->empty()) return Fail(Error::NotFound(N_("No face was found in the picture."), "AlignFace"));
  const cv::Rect2f box = faces->front().box;
  cv::Mat grey;
  cv::cvtColor(bgr, grey, cv::COLOR_BGR2GRAY);
  const EyePair eyes = detector.DetectEyes(grey, box);
  AlignedFace out;
  cv::Point2f left, right;
  if (PlausibleEyes(eyes, box)) {
    left = *eyes.left;
    right = *eyes.right;
    out.eyes_found = true;
  } else {
    const EyeAnchors anchors = AnchorsFromBox(box);
    left = anchors.left;
    right = anchors.right;
  }
  if (std::hypot(right.x - left.x, right.y - left.y) < 2) {
    return Fail(Error::NotFound(N_("No face was found in the picture."), "eyes coincide"));
  }
  // Scaling down inside warpAffine samples without averaging (aliasing on a sharp 480 px token):
  // shrink the picture with area averaging first, so the warp itself scales by about 1.
  const double scale = std::abs(std::complex<double>(EyeAlignment(left, right).at<double>(0, 0),
                                                     EyeAlignment(left, right).at<double>(1, 0)));
  cv::Mat source = bgr;
  if (scale < 0.9) {
    cv::resize(bgr, source, cv::Size(), scale, scale, cv::INTER_AREA);
    const float fx = static_cast<float>(source.cols) / static_cast<float>(bgr.cols);
    const float fy = static_cast<float>(source.rows) / static_cast<float>(bgr.rows);
    left = {left.x * fx, left.y * fy};
    right = {right.x * fx, right.y * fy};
  }
  try {
    cv::warpAffine(source, out.image, EyeAlignment(left, right), cv::Size(kAlignedFaceSize, kAlignedFaceSize),
                   cv::INTER_LINEAR, cv::BORDER_REPLICATE);
  } catch (const cv::Exception& e) {
    return Fail(Error::Internal(std::string("warpAffine: ") + e.what()));
  }
  return out;
}

}  // namespace kiosk::biometrics::face
