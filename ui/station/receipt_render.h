#pragma once
// Draws the citizen's receipt (phiếu tiếp nhận, kiosk/documents/receipt.h) on an A4 page with
// Cairo and Pango (so Vietnamese text is shaped and its diacritics placed as in print), with the
// status-lookup QR code drawn from libqrencode. One drawing serves every use: a PDF to print or
// archive, and a bitmap for the preview window and the printer's device context.
//
// Labels are translated into the current language (kiosk::i18n) when drawn. Thread-safe: each
// call owns its surfaces.

#include <cstdint>
#include <filesystem>
#include <vector>

#include "kiosk/core/result.h"
#include "kiosk/documents/receipt.h"

namespace kiosk::ui {

inline constexpr double kReceiptPageWidthPt = 595.28;   // A4, in PostScript points
inline constexpr double kReceiptPageHeightPt = 841.89;

// Writes a one-page PDF. Errors: kIo when the file cannot be written.
Result<void> WriteReceiptPdf(const documents::Receipt& receipt, const std::filesystem::path& file);

// The page as 8-bit RGB pixels (rows of width * 3 bytes, no padding) at the given resolution.
struct ReceiptBitmap {
  int width = 0;
  int height = 0;
  std::vector<uint8_t> rgb;
};
Result<ReceiptBitmap> RenderReceiptBitmap(const documents::Receipt& receipt, double dpi);

}  // namespace kiosk::ui
