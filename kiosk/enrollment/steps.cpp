#include "kiosk/enrollment/steps.h"

#include "kiosk/core/i18n.h"

namespace kiosk::enrollment {

std::string_view Title(Step step) {
  switch (step) {
    case Step::kIdentifyCard: return N_("Identify the card");
    case Step::kReadChip: return N_("Read the chip");
    case Step::kPortrait: return N_("Portrait");
    case Step::kFingerprints: return N_("Fingerprints");
    case Step::kPapers: return N_("Papers to integrate");
    case Step::kContactConsent: return N_("Contact and consent");
    case Step::kReviewSeal: return N_("Review and seal");
  }
  return "";
}

std::string_view Id(Step step) {
  switch (step) {
    case Step::kIdentifyCard: return "identify_card";
    case Step::kReadChip: return "read_chip";
    case Step::kPortrait: return "portrait";
    case Step::kFingerprints: return "fingerprints";
    case Step::kPapers: return "papers";
    case Step::kContactConsent: return "contact_consent";
    case Step::kReviewSeal: return "review_seal";
  }
  return "";
}

}  // namespace kiosk::enrollment
