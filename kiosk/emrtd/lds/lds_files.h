#pragma once
// The LDS 1.7 elementary files: their file identifiers (FID), short EF identifiers (SFI) and
// the tags their content starts with (ICAO 9303 part 10 §4.6).

#include <cstdint>
#include <optional>

namespace kiosk::emrtd {

inline constexpr uint16_t kFidCardAccess = 0x011C;
inline constexpr uint16_t kFidCom = 0x011E;
inline constexpr uint16_t kFidSod = 0x011D;
inline constexpr uint32_t kTagCom = 0x60;
inline constexpr uint32_t kTagSod = 0x77;

// DG n (1..16): FID 0x0100 + n, SFI n.
inline constexpr uint16_t DataGroupFid(int dg) { return static_cast<uint16_t>(0x0100 + dg); }
inline constexpr uint8_t DataGroupSfi(int dg) { return static_cast<uint8_t>(dg); }
inline constexpr uint8_t kSfiCom = 0x1E;
inline constexpr uint8_t kSfiSod = 0x1D;
inline constexpr uint8_t kSfiCardAccess = 0x1C;

// The DG number of a FID 0x0101..0x0110, if it is one.
std::optional<int> DataGroupFromFid(uint16_t fid);

// The first tag of DG n: 61, 75, 63, 76, 65, 66, 67, 68, 69, 6A, 6B, 6C, 6D, 6E, 6F, 70.
std::optional<uint32_t> DataGroupTag(int dg);
std::optional<int> DataGroupFromTag(uint32_t tag);

}  // namespace kiosk::emrtd
