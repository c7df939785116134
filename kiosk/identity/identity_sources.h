#pragma once
// The holder's identity as each source gives it: the CCCD QR, the officer's typing (manual entry
// when the QR will not read), and the chip (DG13/DG1). Where two sources disagree the officer must
// choose, and the choice is recorded with the enrollment (see kiosk/enrollment).

#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "kiosk/core/result.h"
#include "kiosk/identity/cccd_id.h"
#include "kiosk/identity/cccd_qr.h"
#include "kiosk/identity/date.h"

namespace kiosk::identity {

enum class IdentitySource { kQr, kTyped, kChip };
std::string_view ToString(IdentitySource source);  // "qr", "typed", "chip"
std::optional<IdentitySource> ParseIdentitySource(std::string_view text);

// Fields compared across sources; a source fills what it has.
struct IdentityFields {
  std::string id_number;  // 12 digits
  std::string full_name;  // NFC
  std::optional<CivilDate> date_of_birth;
  std::optional<Gender> gender;
  std::optional<CivilDate> expiry;  // typed or chip; the QR has none
  // QR or chip (DG13). Not compared across sources: it only serves the CCCD validity rule
  // (CccdExpiry) when the expiry must be worked out from the QR.
  std::optional<CivilDate> issue_date;

  static IdentityFields FromQr(const CccdQrData& qr);
};

// What the officer types when the QR does not read: the ID, DOB and expiry are needed for the
// chip access key; name and gender are optional (the chip supplies them).
struct ManualEntry {
  std::string id_number;
  std::string date_of_birth;  // any format ParseDate accepts
  std::string expiry;         // idem; empty = compute with CccdExpiry() later
  std::string full_name;
  std::string gender;         // "Nam", "Nữ" or empty
};

// Validates each field and cross-checks the ID against DOB and gender. The error names the field
// (its message says which one) so the form can focus it.
Result<IdentityFields> ValidateManualEntry(const ManualEntry& entry);

struct Mismatch {
  std::string field;  // "id_number", "full_name", "date_of_birth", "gender", "expiry"
  std::map<IdentitySource, std::string> values;
};

// Compares every field that at least two sources have. Names are compared in NFC, upper case,
// single-spaced, so "Nguyễn  văn A" and "NGUYỄN VĂN A" agree.
std::vector<Mismatch> FindMismatches(const std::map<IdentitySource, IdentityFields>& sources);

// The officer's decision on one mismatch.
struct MismatchResolution {
  std::string field;
  IdentitySource chosen = IdentitySource::kChip;
  std::string officer_note;  // why; required
};

}  // namespace kiosk::identity
