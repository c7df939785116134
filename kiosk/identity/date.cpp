#include "kiosk/identity/date.h"

#include <cstdio>
#include <regex>

#include "kiosk/core/i18n.h"

namespace kiosk::identity {

namespace {

std::string Format(const char* pattern, int a, int b, int c) {
  char buffer[32];
  std::snprintf(buffer, sizeof buffer, pattern, a, b, c);
  return buffer;
}

std::string_view Trim(std::string_view text) {
  while (!text.empty() && (text.front() == ' ' || text.front() == '\t')) text.remove_prefix(1);
  while (!text.empty() && (text.back() == ' ' || text.back() == '\t' || text.back() == '\r' ||
                           text.back() == '\n')) {
    text.remove_suffix(1);
  }
  return text;
}

}  // namespace

std::string CivilDate::ToIso() const { return Format("%04d-%02d-%02d", year, month, day); }
std::string CivilDate::ToDdMmYyyy() const { return Format("%02d%02d%04d", day, month, year); }
std::string CivilDate::ToSlashed() const { return Format("%02d/%02d/%04d", day, month, year); }
std::string CivilDate::ToYymmdd() const { return Format("%02d%02d%02d", year % 100, month, day); }

bool IsLeapYear(int year) { return (year % 4 == 0 && year % 100 != 0) || year % 400 == 0; }

int DaysInMonth(int year, int month) {
  static constexpr int kDays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  if (month < 1 || month > 12) return 0;
  return month == 2 && IsLeapYear(year) ? 29 : kDays[month - 1];
}

bool IsRealDate(int year, int month, int day) {
  return year >= 1800 && year <= 2199 && month >= 1 && month <= 12 && day >= 1 &&
         day <= DaysInMonth(year, month);
}

Result<CivilDate> ParseDate(std::string_view raw) {
  static const std::regex kCompact(R"((\d{2})(\d{2})(\d{4}))");
  static const std::regex kSeparated(R"((\d{1,2})[/.\-](\d{1,2})[/.\-](\d{4}))");
  static const std::regex kIso(R"((\d{4})-(\d{2})-(\d{2}))");
  const std::string text(Trim(raw));
  std::smatch m;
  CivilDate date;
  if (std::regex_match(text, m, kIso)) {
    date = {std::stoi(m[1]), std::stoi(m[2]), std::stoi(m[3])};
  } else if (std::regex_match(text, m, kCompact) || std::regex_match(text, m, kSeparated)) {
    date = {std::stoi(m[3]), std::stoi(m[2]), std::stoi(m[1])};
  } else {
    return Fail(Error::InvalidArgument(
        N_("The date must be written DDMMYYYY, dd/MM/yyyy or yyyy-MM-dd.")));
  }
  if (!IsRealDate(date.year, date.month, date.day)) {
    return Fail(Error::InvalidArgument(N_("This date does not exist in the calendar.")));
  }
  return date;
}

CivilDate AddYears(const CivilDate& date, int years) {
  CivilDate out{date.year + years, date.month, date.day};
  if (out.day > DaysInMonth(out.year, out.month)) out.day = DaysInMonth(out.year, out.month);
  return out;
}

int AgeOn(const CivilDate& birth, const CivilDate& on) {
  int age = on.year - birth.year;
  if (on.month < birth.month || (on.month == birth.month && on.day < birth.day)) --age;
  return age;
}

}  // namespace kiosk::identity
