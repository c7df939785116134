#pragma once
// Calendar dates as printed on Vietnamese papers. The cards and QR codes use DDMMYYYY
// (CCCD QR) or dd/MM/yyyy (DG13, BHYT); officers sometimes type ISO. Every parser here checks
// that the date exists (no 31/02, 29/02 only in leap years).

#include <compare>
#include <optional>
#include <string>
#include <string_view>

#include "kiosk/core/result.h"

namespace kiosk::identity {

struct CivilDate {
  int year = 0;
  int month = 0;
  int day = 0;

  friend auto operator<=>(const CivilDate&, const CivilDate&) = default;

  std::string ToIso() const;       // 2001-03-09
  std::string ToDdMmYyyy() const;  // 09032001 (the CCCD QR form)
  std::string ToSlashed() const;   // 09/03/2001 (DG13, BHYT)
  std::string ToYymmdd() const;    // 010309 (MRZ)
};

bool IsLeapYear(int year);
int DaysInMonth(int year, int month);
bool IsRealDate(int year, int month, int day);

// Accepts DDMMYYYY, dd/MM/yyyy (also d/M/yyyy, '-' or '.' as separator) and yyyy-MM-dd.
// Surrounding spaces are ignored. Errors name the problem (format, or a day that does not exist).
Result<CivilDate> ParseDate(std::string_view text);

// The same day `years` later; 29 February becomes 28 February in a non-leap year.
CivilDate AddYears(const CivilDate& date, int years);

// Whole years between birth and on (the age on that day).
int AgeOn(const CivilDate& birth, const CivilDate& on);

}  // namespace kiosk::identity
