#pragma once
// UTF-8 checks and normalisation for text read from cards, QR codes and OCR. CCCD QR codes are
// seen in both NFC and NFD (decomposed diacritics); everything the station stores and compares
// is NFC. Normalisation uses ICU (libicu), the reference implementation of Unicode's algorithm.

#include <string>
#include <string_view>
#include <vector>

#include "kiosk/core/result.h"

namespace kiosk::identity {

// True when bytes are well-formed UTF-8 (no overlongs, no surrogates, nothing above U+10FFFF).
bool IsValidUtf8(std::string_view bytes);

// NFC form of valid UTF-8 text; a Parse error when the bytes are not UTF-8.
Result<std::string> ToNfc(std::string_view utf8);

// Collapses runs of spaces and trims both ends (names typed or OCR'd with stray spaces).
std::string CollapseSpaces(std::string_view text);

// Splits positional QR payloads ("a|b||c") at every separator, keeping empty fields: n separators
// give n + 1 fields. The separator is one ASCII byte, which never occurs inside a multi-byte
// UTF-8 sequence, so splitting the bytes is safe for Vietnamese text.
std::vector<std::string> SplitFields(std::string_view text, char separator);

// Upper case of NFC Vietnamese text ("Nguyễn Văn A" → "NGUYỄN VĂN A"), for comparing names.
std::string ToUpperVietnamese(std::string_view utf8);

}  // namespace kiosk::identity
