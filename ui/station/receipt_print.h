#pragma once
// The receipt on screen and on paper, from the one Cairo/Pango drawing (receipt_render.h):
// a preview window, and printing through wxPrinter. When KIOSK_RECEIPT_PRINT_DIR is set (UI
// tests, demos without a printer) "printing" writes <dir>/<record number>.pdf instead.

#include <wx/window.h>

#include <string>

#include "kiosk/core/result.h"
#include "kiosk/documents/receipt.h"
#include "ui/controllers/ui_text.h"

namespace kiosk::ui {

// Opens a window (named "receipt-preview") showing the receipt; it closes with Esc or its button.
Result<void> ShowReceiptPreview(wxWindow* parent, const documents::Receipt& receipt);

// Prints the receipt; returns what happened in words for the officer.
Result<UiText> PrintReceipt(wxWindow* parent, const documents::Receipt& receipt);

}  // namespace kiosk::ui
