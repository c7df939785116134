#pragma once
// The steps of an enrollment, in the order of DESIGN.md's wizard.

#include <array>
#include <string_view>

namespace kiosk::enrollment {

enum class Step {
  kIdentifyCard,    // QR on the CCCD, or typed ID + dates
  kReadChip,        // BAC/PACE, data groups, Passive/Active Authentication
  kPortrait,        // live capture with quality guidance
  kFingerprints,    // per-finger capture or exception
  kPapers,          // GPLX, BHYT, vehicle registration, MST
  kContactConsent,  // phone, email, consent
  kReviewSeal,      // summary, seal, receipt (phiếu tiếp nhận)
};

inline constexpr std::array<Step, 7> kAllSteps = {
    Step::kIdentifyCard, Step::kReadChip,       Step::kPortrait,   Step::kFingerprints,
    Step::kPapers,       Step::kContactConsent, Step::kReviewSeal,
};

// The step's title for people, as an English msgid (translate with i18n::tr).
std::string_view Title(Step step);
std::string_view Id(Step step);  // "identify_card", … for logs, files and tests

}  // namespace kiosk::enrollment
