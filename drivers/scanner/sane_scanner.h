#pragma once
// DocumentScanner over SANE (libsane). SANE's global state (sane_init/sane_exit) is owned by one
// SaneScanner at a time and every call is serialised by a process-wide mutex, because SANE
// backends are not thread-safe. Vendor codes are converted in SaneStatusToError only.

#include <memory>

#include "kiosk/documents/document_scanner.h"

namespace kiosk::drivers {

// The one place SANE_Status values become kiosk::Errors (status as an int to keep <sane/sane.h>
// out of this header).
Error SaneStatusToError(int sane_status, std::string_view during);

// nullptr-free factory: on builds without SANE, every call returns kUnsupported.
std::unique_ptr<documents::DocumentScanner> MakeSaneScanner();

}  // namespace kiosk::drivers
