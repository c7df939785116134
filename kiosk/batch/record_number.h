#pragma once
// Record numbers (số hồ sơ): what the citizen's receipt shows, what the supervisor and the
// central server call a record by (it is the sync packet's id). Two stations must never issue the
// same number, so it carries the station id:
//
//   <station-id>-<YYYYMMDD>-<NNNNN>      e.g. ST-HN-0001-20261129-00042
//
// station id: see store::IsValidStationId (1–32 of A–Z a–z 0–9 - _ . ; may itself contain '-',
// so a number is read from the right); YYYYMMDD: the station day (UTC+7) of sealing; NNNNN: the
// 1-based sequence of that station's records that day, five digits (at most 99999 a day).
// At most 32 + 15 = 47 characters: a valid packet id (64).
//
// Records sealed before station ids existed are numbered "YYYYMMDD-NNNNN"; they stay valid for
// lookups (ParseRecordNumber reports them with an empty station id).

#include <optional>
#include <string>
#include <string_view>

namespace kiosk::batch {

inline constexpr int kMaxDailySequence = 99999;

struct RecordNumberParts {
  std::string station_id;  // empty for a legacy number
  std::string day;         // YYYYMMDD
  int sequence = 0;        // 1 … kMaxDailySequence
};

// REQUIRES: station_id valid, day 8 digits, 1 <= sequence <= kMaxDailySequence.
std::string FormatRecordNumber(std::string_view station_id, std::string_view day_yyyymmdd,
                               int sequence);
// nullopt for anything that is not a record number of either form.
std::optional<RecordNumberParts> ParseRecordNumber(std::string_view number);
inline bool IsValidRecordNumber(std::string_view number) {
  return ParseRecordNumber(number).has_value();
}

}  // namespace kiosk::batch
