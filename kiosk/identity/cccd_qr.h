#pragma once
// The QR code on a CCCD (front on most cards, back on newer ones): text fields separated by '|':
//   ID12 | old CMND (9 digits, may be empty) | full name | DOB DDMMYYYY | Nam/Nữ |
//   permanent address | issue date DDMMYYYY [| more fields on newer cards]
// Fields are read by position; extra fields are kept, never an error. Text is validated as UTF-8
// and normalised to NFC (NFD occurs). The QR carries no expiry date: the chip access key needs the
// expiry typed by the officer, read from the card's back (MRZ), or guessed with CccdExpiry().

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "kiosk/core/result.h"
#include "kiosk/identity/cccd_id.h"
#include "kiosk/identity/date.h"

namespace kiosk::identity {

struct CccdQrData {
  CccdId id;
  std::string old_cmnd;        // empty when the QR has none
  std::string full_name;       // NFC, single spaces
  CivilDate date_of_birth;
  Gender gender = Gender::kMale;
  std::string address;         // NFC
  CivilDate issue_date;
  std::vector<std::string> extra_fields;  // fields after the seventh, as read (NFC)
};

// Refuses, with a message saying what to do: text that is not UTF-8, a QR of another kind of
// document (a URL, a BHYT card QR, …), missing fields, an invalid ID, an impossible date, an
// unknown gender, an ID that disagrees with the DOB or gender.
Result<CccdQrData> ParseCccdQr(std::string_view payload);

}  // namespace kiosk::identity
