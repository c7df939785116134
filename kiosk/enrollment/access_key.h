#pragma once
// The chip access key of a visit, with one documented priority (the wizard and kiosk-cli both
// take it from here):
//   1. a card access number (CAN, the 6 digits printed on the CCCD front) typed by the officer,
//      for PACE; used for that read only, never kept, logged or audited;
//   2. else the MRZ key (BAC, or PACE with the MRZ) from the ID number and date of birth (typed
//      when the officer typed them, else the QR's) and the expiry date:
//        a. the expiry typed from the card, else
//        b. worked out by the CCCD validity rule (identity::CccdExpiry) from the QR's dates of
//           birth and issue. The officer is told it was worked out; if the chip refuses the key,
//           the officer is asked for the date printed on the card (ExplainRefusedKey).
// Nothing to build a key from (no ID, no date of birth, or a card the rule gives no expiry) is
// refused with what to type.

#include <optional>
#include <string>
#include <string_view>

#include "kiosk/core/result.h"
#include "kiosk/emrtd/lds/mrz.h"
#include "kiosk/enrollment/enrollment.h"

namespace kiosk::enrollment {

struct ChipAccessKey {
  emrtd::MrzAccessKey mrz;  // empty when a CAN is used
  std::string can;          // the CAN for PACE, or empty
  // The expiry in the MRZ key was worked out from the QR's dates, not read off the card.
  bool expiry_derived = false;
  std::optional<identity::CivilDate> expiry;
};

// The CAN the officer types must be exactly the 6 digits printed on the CCCD front.
Result<void> ValidateCccdCan(std::string_view can);

// The key for the next chip read of `enrollment` (see the priority above); `can` as typed, or
// empty for the MRZ key.
Result<ChipAccessKey> ChooseAccessKey(const Enrollment& enrollment, std::string_view can = {});

// The error to show when a chip read with `key` failed: a refused key worked out from the QR
// becomes a request for the expiry printed on the card; anything else is returned as it is.
Error ExplainRefusedKey(const Error& error, const ChipAccessKey& key);

}  // namespace kiosk::enrollment
