#pragma once
// The CCCD personal ID number (số định danh cá nhân), 12 digits:
//   PPP  province code of birth registration (see province.h)
//   G    century and gender: 0/1 = male/female born 1900–1999, 2/3 = 2000–2099,
//        4/5 = 2100–2199, 6/7 = 2200s, 8/9 = 1800s
//   YY   the last two digits of the birth year
//   NNNNNN  a serial number
// There is no check digit: a typo is only caught through the province code and by agreeing with
// the date of birth and gender when those are known.

#include <optional>
#include <string>
#include <string_view>

#include "kiosk/core/result.h"
#include "kiosk/identity/date.h"

namespace kiosk::identity {

enum class Gender { kMale, kFemale };

std::string_view ToString(Gender gender);  // "male" / "female"
// "Nam" / "Nữ" (as on the card and its QR), also "male"/"female", "M"/"F", "1"/"2".
std::optional<Gender> ParseGender(std::string_view text);

struct CccdId {
  std::string digits;          // normalised: exactly 12 ASCII digits
  int province_code = 0;
  std::string province_name;   // NFC
  Gender gender = Gender::kMale;
  int birth_century = 1900;    // first year of the century the digit encodes
  int birth_year = 0;          // century + the two year digits

  // ICAO document number in the MRZ and the BAC key: the last 9 digits.
  std::string DocumentNumber() const { return digits.substr(3); }
  // PACE CAN reported for newer cards (unverified): the last 6 digits.
  std::string CardAccessNumber() const { return digits.substr(6); }
};

// What else is known about the holder, to cross-check the ID against.
struct CccdIdContext {
  std::optional<CivilDate> date_of_birth;
  std::optional<Gender> gender;
};

// Spaces, dots and dashes between digit groups are ignored ("001 0 90 123456").
Result<CccdId> ValidateCccdId(std::string_view text, const CccdIdContext& context = {});

// The CCCD expiry rule (Luật Căn cước công dân 2014, art. 21): the card must be renewed at 25, 40
// and 60; a card issued in the two years before one of those ages stays valid until the next one;
// a card issued from age 58 on has no expiry (nullopt). The expiry is the birthday itself.
std::optional<CivilDate> CccdExpiry(const CivilDate& date_of_birth, const CivilDate& issue_date);

// The key material for BAC (ICAO 9303 part 11 §4.3): document number, DOB and expiry, each with
// its 7-3-1 check digit, concatenated ("MRZ information"). The QR carries no expiry, so expiry
// comes from the typed data, the chip's DG13, or CccdExpiry() as a first guess the officer confirms.
struct ChipAccessKey {
  std::string document_number;  // 9 digits
  CivilDate date_of_birth;
  CivilDate expiry;

  std::string MrzInformation() const;
};

ChipAccessKey DeriveChipAccessKey(const CccdId& id, const CivilDate& date_of_birth,
                                  const CivilDate& expiry);

// ICAO 9303 check digit (weights 7, 3, 1; '<' and letters per the standard).
int MrzCheckDigit(std::string_view field);

}  // namespace kiosk::identity
