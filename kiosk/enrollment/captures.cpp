#include "kiosk/enrollment/captures.h"

#include <spdlog/spdlog.h>

#include <algorithm>

#include <opencv2/imgcodecs.hpp>

#include "kiosk/biometrics/face/portrait.h"
#include "kiosk/core/i18n.h"

namespace kiosk::enrollment {

namespace face = biometrics::face;
namespace finger = biometrics::finger;

namespace {

// 0-1 for the record: every check passed (so at least 0.5), and sharper pictures score higher,
// up to four times the sharpness threshold.
double PortraitQuality(const face::FrameReport& report, const face::FaceCheckOptions& options) {
  const double sharp = options.min_sharpness > 0 ? report.sharpness / (4 * options.min_sharpness) : 1;
  return 0.5 + 0.5 * std::clamp(sharp, 0.0, 1.0);
}

}  // namespace

Result<PortraitCapture> MakePortraitCapture(const cv::Mat& frame, const face::FrameReport& report,
                                            const face::FaceCheckOptions& options) {
  if (!report.Acceptable()) {
    for (const auto& check : report.checks) {
      if (!check.pass) {
        Error refused(ErrorCode::kPolicyViolation, check.message_key, "portrait " + check.name);
        for (const auto& arg : check.args) std::move(refused).WithArg(arg);
        return Fail(std::move(refused));
      }
    }
    return Fail(Error(ErrorCode::kPolicyViolation, N_("Take the portrait."), "no single face"));
  }
  auto token = face::CropToToken(frame, report.eyes);
  if (!token) return Fail(token.error());
  auto jpeg = face::EncodePortrait(*token, face::PortraitFormat::kJpeg, kPortraitJpegQuality);
  if (!jpeg) return Fail(jpeg.error());
  return PortraitCapture{*token, std::move(*jpeg), PortraitQuality(report, options)};
}

Result<FingerPrintCheck> CheckFingerPrint(const cv::Mat& grey, double ppi, int good_score,
                                          finger::FingerMatcher* matcher,
                                          const FingerTemplates& others) {
  if (grey.empty()) return Fail(Error::InvalidArgument(N_("No fingerprint image to compare."), "empty print"));
  FingerPrintCheck check;
  finger::FingerQualityOptions options;
  options.ppi = ppi;
  options.good_score = good_score;
  check.quality = finger::ScoreFingerprint(grey, options);
  std::vector<uint8_t> encoded;
  try {
    if (!cv::imencode(".png", grey, encoded)) return Fail(Error::Internal("png encode"));
  } catch (const cv::Exception& e) {
    return Fail(Error::Internal(std::string("png encode: ") + e.what()));
  }
  check.png = SecretBytes(encoded.data(), encoded.size());
  SecureWipe(encoded.data(), encoded.size());
  if (!check.quality.acceptable || matcher == nullptr) return check;

  auto made = matcher->MakeTemplate(grey);
  if (!made) {
    // The error's code and technical detail only: never the print.
    spdlog::warn("fingers: duplicate check skipped, no template of the new print: {}",
                 made.error().ToLogString());
    check.duplicate_check_failed = true;
    return check;
  }
  check.print_template = *made;
  for (const auto& [other, kept] : others) {
    if (!kept) continue;
    auto same = matcher->SameFingerTemplates(*check.print_template, *kept);
    if (!same) {
      spdlog::warn("fingers: duplicate check against {} failed: {}", ToString(other),
                   same.error().ToLogString());
      check.duplicate_check_failed = true;
      continue;
    }
    if (*same) {
      check.duplicate_of = other;
      check.duplicate_template = kept;
      break;
    }
  }
  return check;
}

PaperEntry PaperEntryFromReading(const documents::PaperReading& reading) {
  PaperEntry entry;
  for (const auto& field : reading.fields) {
    entry[field.name] = {field.value, {field.source, field.confidence}};
  }
  return entry;
}

identity::IdentityFields FieldsFromChip(const emrtd::ChipIdentity& chip) {
  identity::IdentityFields f;
  f.id_number = chip.id_number;
  f.full_name = chip.full_name;
  if (auto dob = identity::ParseDate(chip.date_of_birth)) f.date_of_birth = *dob;
  if (!chip.expiry_date.empty()) {
    if (auto expiry = identity::ParseDate(chip.expiry_date)) f.expiry = *expiry;
  }
  if (!chip.issue_date.empty()) {
    if (auto issued = identity::ParseDate(chip.issue_date)) f.issue_date = *issued;
  }
  if (auto gender = identity::ParseGender(chip.gender)) f.gender = *gender;
  return f;
}

}  // namespace kiosk::enrollment
