#include "kiosk/batch/record_number.h"

#include <algorithm>
#include <cstdio>

#include "kiosk/store/settings.h"

namespace kiosk::batch {
namespace {

bool AllDigits(std::string_view text) {
  return std::all_of(text.begin(), text.end(), [](char c) { return c >= '0' && c <= '9'; });
}

// A plausible calendar date: month 01–12, day 01–31 (the station made it; this only rejects
// text that cannot be a record number).
bool PlausibleDay(std::string_view day) {
  if (day.size() != 8 || !AllDigits(day)) return false;
  const int month = (day[4] - '0') * 10 + (day[5] - '0');
  const int dom = (day[6] - '0') * 10 + (day[7] - '0');
  return month >= 1 && month <= 12 && dom >= 1 && dom <= 31;
}

}  // namespace

std::string FormatRecordNumber(std::string_view station_id, std::string_view day_yyyymmdd,
                               int sequence) {
  char tail[16];
  std::snprintf(tail, sizeof tail, "-%05d", sequence);
  std::string number(station_id);
  number += '-';
  number += day_yyyymmdd;
  number += tail;
  return number;
}

std::optional<RecordNumberParts> ParseRecordNumber(std::string_view number) {
  // From the right: "-NNNNN", then "YYYYMMDD", then "-" + station id (or nothing: legacy).
  constexpr size_t kTail = 1 + 8 + 1 + 5;  // -YYYYMMDD-NNNNN
  if (number.size() < kTail - 1) return std::nullopt;
  const std::string_view sequence = number.substr(number.size() - 5);
  if (!AllDigits(sequence) || number[number.size() - 6] != '-') return std::nullopt;
  const std::string_view day = number.substr(number.size() - 14, 8);
  if (!PlausibleDay(day)) return std::nullopt;
  RecordNumberParts parts;
  parts.day = std::string(day);
  parts.sequence = std::stoi(std::string(sequence));
  if (parts.sequence < 1) return std::nullopt;
  if (number.size() == kTail - 1) return parts;  // legacy YYYYMMDD-NNNNN
  if (number[number.size() - kTail] != '-') return std::nullopt;
  const std::string_view station = number.substr(0, number.size() - kTail);
  if (!store::IsValidStationId(station)) return std::nullopt;
  parts.station_id = std::string(station);
  return parts;
}

}  // namespace kiosk::batch
