#pragma once
// The layout of a sealed record: the names and kinds of its items in the record store
// (batch::Records), decided here once for the wizard, kiosk-cli and the review. Field names are
// [a-z0-9._-]; an image item's name is also the name in its "draft:<name>" reference inside
// record.json, so a reviewer can follow the record to its images.
//
//   record.json              the canonical Enrollment (canonical.h)            personal
//   portrait.jpg             the ICAO token crop                                biometric
//   finger.<finger>.png      one per captured finger ("finger.right_index.png") biometric
//   paper.<n>.front.jpg      a paper's scanned page (n: the page's own number)   document
//   chip.<fid>               the chip's files as read ("chip.011d" = EF.SOD)     chip
//
// Names never change once records carry them: the review, the central side and `db verify`
// read sealed records of every age.

#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "kiosk/enrollment/enrollment.h"

namespace kiosk::enrollment {

inline constexpr std::string_view kRecordItem = "record.json";
inline constexpr std::string_view kPortraitItem = "portrait.jpg";
// Images kept with the draft are referenced as "draft:<item name>".
inline constexpr std::string_view kDraftImagePrefix = "draft:";

// The chip files a record keeps (EF.COM, EF.SOD, DG1, DG2, DG13, DG14, DG15): the proof of what
// the chip said, re-verifiable centrally.
inline constexpr uint16_t kEfCom = 0x011E, kEfSod = 0x011D, kDg1 = 0x0101, kDg2 = 0x0102,
                          kDg13 = 0x010D, kDg14 = 0x010E, kDg15 = 0x010F;
inline constexpr std::array<uint16_t, 7> kKeptChipFiles = {kEfCom, kEfSod, kDg1, kDg2,
                                                           kDg13,  kDg14,  kDg15};
std::string ChipItemName(uint16_t fid);  // "chip.011d"
std::optional<uint16_t> ChipFileOfItem(std::string_view item);

std::string FingerItemName(Finger finger);  // "finger.right_index.png"
std::string PaperPageItemName(size_t number, std::string_view side);  // "paper.0.front.jpg"

// The item name an image reference points to ("draft:portrait.jpg" → "portrait.jpg"); empty
// for a reference that is not the session's.
std::string ItemOfImage(const ImageRef& ref);

}  // namespace kiosk::enrollment
