#pragma once
// Machine readable zone (ICAO 9303 part 3 check digits, part 5 TD1, part 4 TD3) and the MRZ
// access key that BAC and PACE-with-MRZ derive their keys from.
//
// Vietnamese CCCD (TD1): line 1 "IDVNM" + document number (the last 9 digits of the 12-digit ID)
// + check digit + the full ID in the optional field; line 2 DOB, sex, expiry, "VNM", composite
// check digit; line 3 the name "SURNAME<<GIVEN<NAMES".

#include <string>
#include <string_view>
#include <vector>

#include "kiosk/core/result.h"
#include "kiosk/core/secret.h"

namespace kiosk::emrtd {

// True for the MRZ alphabet: A-Z, 0-9 and the filler '<'.
bool IsMrzChar(char c);

// The 7-3-1 weighted check digit (0..9) of an MRZ field, '<' counting 0 and A..Z 10..35;
// -1 if the field contains a character outside the MRZ alphabet.
int MrzCheckDigit(std::string_view field);
// The same as a character '0'..'9' ('\0' on an invalid field).
char MrzCheckDigitChar(std::string_view field);

enum class MrzFormat { kTd1, kTd3 };

struct MrzData {
  MrzFormat format = MrzFormat::kTd1;
  std::string document_code;    // "ID", "I<", "P<"… (fillers kept)
  std::string issuing_state;    // "VNM" (fillers kept)
  std::string document_number;  // without trailing fillers, long TD1 numbers joined
  std::string date_of_birth;    // YYMMDD (may contain '<' for unknown parts)
  char sex = '<';               // 'M', 'F' or '<'
  std::string date_of_expiry;   // YYMMDD
  std::string nationality;      // "VNM"
  std::string optional_data1;   // TD1 line 1 / TD3 personal number (trailing fillers removed)
  std::string optional_data2;   // TD1 line 2 (trailing fillers removed)
  std::string primary_identifier;    // surname, fillers as spaces
  std::string secondary_identifier;  // given names, fillers as spaces
  std::vector<std::string> lines;    // the raw lines
};

// Parses a TD1 (3 × 30) or TD3 (2 × 44) MRZ, given as lines separated by '\n' (optional '\r')
// or as the concatenated 90 / 88 characters (as DG1 holds it). Every check digit is verified;
// a wrong one is a kParse error naming the field.
Result<MrzData> ParseMrz(std::string_view text);

// The BAC / PACE(MRZ) access key: document number, date of birth and date of expiry (YYMMDD).
// Its text form is DOCNO:YYMMDD:YYMMDD (what `kiosk-cli card sim` prints and `--mrz-key` takes).
struct MrzAccessKey {
  std::string document_number;
  std::string date_of_birth;   // YYMMDD
  std::string date_of_expiry;  // YYMMDD

  std::string ToString() const;
  // "DOCNO:YYMMDD:YYMMDD": document number 1..22 MRZ characters, dates 6 digits.
  static Result<MrzAccessKey> Parse(std::string_view text);
  // From a 12-digit CCCD ID (document number = last 9 digits) and the two dates, each either
  // YYMMDD, YYYY-MM-DD, dd/MM/yyyy or DDMMYYYY (the QR code's form).
  static Result<MrzAccessKey> FromCccdId(std::string_view id12, std::string_view date_of_birth,
                                         std::string_view date_of_expiry);
  static MrzAccessKey FromMrz(const MrzData& mrz);

  // The "MRZ information" hashed into K_seed (ICAO 9303 part 11 §9.7.2 / PACE password):
  // document number (padded with '<' to 9) + cd + DOB + cd + expiry + cd.
  SecretString KeySeedInput() const;
};

// YYMMDD from YYMMDD, YYYY-MM-DD, dd/MM/yyyy or DDMMYYYY; kInvalidArgument otherwise.
Result<std::string> ToYymmdd(std::string_view date);

// Checks a 12-digit CCCD ID: digits only, and when birth_year is given (e.g. 1990) the century /
// gender digit (4th) and the two year digits (5th-6th) agree with it; gender 'M'/'F' or '\0' for
// "do not check".
Result<void> ValidateCccdId(std::string_view id12, int birth_year = 0, char gender = '\0');

}  // namespace kiosk::emrtd
