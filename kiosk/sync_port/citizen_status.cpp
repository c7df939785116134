#include "kiosk/sync_port/citizen_status.h"

#include "kiosk/core/error.h"
#include "kiosk/core/i18n.h"

namespace kiosk::sync {

std::string CitizenStatusText(CentralStatus status, const std::string& reason) {
  switch (status) {
    case CentralStatus::kReceived:
    case CentralStatus::kProcessing:
      return i18n::tr(N_("Sent for processing"));
    case CentralStatus::kApproved:
      return i18n::tr(N_("Application approved"));
    case CentralStatus::kNotAccepted:
      if (reason.empty()) return i18n::tr(N_("Application not accepted"));
      return FormatMessage(i18n::tr(N_("Application not accepted: {0}")), {i18n::tr(reason)});
  }
  return {};
}

}  // namespace kiosk::sync
