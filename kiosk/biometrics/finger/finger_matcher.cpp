#include "kiosk/biometrics/finger/finger_matcher.h"

#include "kiosk/core/i18n.h"

namespace kiosk::biometrics::finger {

namespace {

// The default template: the print itself, compared through SameFinger(image, image).
class ImageTemplate final : public PrintTemplate {
 public:
  explicit ImageTemplate(cv::Mat image) : image_(std::move(image)) {}
  const cv::Mat& image() const { return image_; }

 private:
  cv::Mat image_;
};

}  // namespace

Result<std::shared_ptr<const PrintTemplate>> FingerMatcher::MakeTemplate(const cv::Mat& image) {
  if (image.empty()) return Fail(Error::InvalidArgument(N_("No fingerprint image to compare."), "template"));
  // A deep copy: the template outlives the caller's buffer and crosses threads.
  return std::shared_ptr<const PrintTemplate>(std::make_shared<ImageTemplate>(image.clone()));
}

Result<bool> FingerMatcher::SameFingerTemplates(const PrintTemplate& a, const PrintTemplate& b) {
  const auto* image_a = dynamic_cast<const ImageTemplate*>(&a);
  const auto* image_b = dynamic_cast<const ImageTemplate*>(&b);
  if (image_a == nullptr || image_b == nullptr) {
    return Fail(Error::Internal("fingerprint template made by another matcher"));
  }
  return SameFinger(image_a->image(), image_b->image());
}

}  // namespace kiosk::biometrics::finger
