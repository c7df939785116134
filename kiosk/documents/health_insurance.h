#pragma once
// BHYT (bảo hiểm y tế = health insurance card). The 15-character card code:
//   GG   beneficiary group (DN employees, HS pupils, TE children under 6, HT retirees, …)
//   L    benefit level 1–5
//   PP   province code (of the insurance fund, not the CCCD list)
//   NNNNNNNNNN  social insurance (BHXH) number, 10 digits
// The card QR (unverified field list): code|hex(UTF-8 name)|dd/MM/yyyy|sex|hex(address)|
// clinic code|valid from|valid to|…|$

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "kiosk/core/result.h"
#include "kiosk/identity/cccd_id.h"
#include "kiosk/identity/date.h"

namespace kiosk::documents {

struct BhytCode {
  std::string code;  // normalised: upper case, no spaces
  std::string beneficiary_group;
  int benefit_level = 0;
  std::string province_code;
  std::string social_insurance_number;  // mã số BHXH
};

Result<BhytCode> ValidateBhytCode(std::string_view text);

struct BhytQrData {
  BhytCode code;
  std::string full_name;  // NFC
  identity::CivilDate date_of_birth;
  std::optional<identity::Gender> gender;
  std::string address;       // NFC, may be empty
  std::string clinic_code;   // registered first-contact clinic (nơi ĐKKCB ban đầu)
  std::optional<identity::CivilDate> valid_from;
  std::optional<identity::CivilDate> valid_to;
  std::vector<std::string> extra_fields;
};

// Refuses a QR of another kind (a CCCD QR is named as such), bad hex or UTF-8, missing fields,
// impossible dates, a validity that ends before it starts.
Result<BhytQrData> ParseBhytQr(std::string_view payload);

}  // namespace kiosk::documents
