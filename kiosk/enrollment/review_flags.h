#pragma once
// Review flags: why a sealed record needs the supervisor's own decision. Bulk approval
// (batch::Records::ApproveAllUnflagged) never includes a flagged record.
//
// Flags are computed by the core when the record is sealed, from what is sealed: record.json
// (the Enrollment) and the chip's own files (EF.SOD's signed list of data groups, DG14's keys).
// batch::Records::Seal calls ReviewFlagsOfSealedItems; no caller can add or drop one. A record
// whose record.json is missing or unreadable is flagged too: the station cannot vouch for it.
//
// Each flag has a stable code (kept in the sealed "review.flags" item, one per line) and a reason
// in plain words (an English msgid; Vietnamese in resources/i18n/vi/enrollment.po).

#include <cstdint>
#include <map>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "kiosk/enrollment/enrollment.h"

namespace kiosk::enrollment {

namespace flags {
inline constexpr std::string_view kRecordUnreadable = "record_unreadable";
// Passive Authentication: the chip was not read, its signature failed, or could not be checked.
inline constexpr std::string_view kChipNotRead = "chip_not_read";
inline constexpr std::string_view kChipInvalid = "chip_invalid";
inline constexpr std::string_view kChipNotVerifiable = "chip_not_verifiable";
// A clone check did not pass while EF.SOD says the chip has the key (DG15: AA; DG14: CA).
inline constexpr std::string_view kActiveAuthNotPassed = "active_authentication_not_passed";
inline constexpr std::string_view kChipAuthNotPassed = "chip_authentication_not_passed";
// The QR, the typed data and the chip disagreed; the officer chose.
inline constexpr std::string_view kIdentityMismatchResolved = "identity_mismatch_resolved";
inline constexpr std::string_view kPortraitNotCompared = "portrait_not_compared";
inline constexpr std::string_view kFaceMismatch = "face_mismatch";  // below the matcher's threshold
inline constexpr std::string_view kFingerException = "biometric_exception";
inline constexpr std::string_view kFingerLowQuality = "finger_low_quality";  // best attempt kept
inline constexpr std::string_view kPaperUncheckedFields = "paper_unchecked_fields";
inline constexpr std::string_view kPaperHolderMismatch = "paper_holder_mismatch";
// Written by records sealed before the core computed flags; still shown.
inline constexpr std::string_view kLegacyChipWarning = "chip_warning";
}  // namespace flags

// The chip's files as sealed, by FID (EF.SOD 0x011D, DG14 0x010E…); absent when not read.
using ChipFiles = std::map<uint16_t, std::span<const uint8_t>>;

// The flags of a record, in a fixed order (the codes above).
std::vector<std::string> ReviewFlagsOf(const Enrollment& record, const ChipFiles& chip_files);

// The flags of the items about to be sealed (item name → bytes): record.json parsed as an
// Enrollment, the chip files by their layout names (sealed_layout.h).
using SealedItemBytes = std::map<std::string, std::span<const uint8_t>, std::less<>>;
std::vector<std::string> ReviewFlagsOfSealedItems(const SealedItemBytes& items);

// The flag's reason in plain words (an English msgid, translate with i18n::tr).
std::string_view ReviewFlagReason(std::string_view code);

}  // namespace kiosk::enrollment
