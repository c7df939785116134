#pragma once
// Tesseract (the papers' OCR) runs OpenMP parallel regions whose idle threads busy-wait: on a
// 2-core desk PC they take the cores from the camera preview and the GUI. libgomp reads
// OMP_THREAD_LIMIT once, when it is loaded, before main() runs: setting the variable inside main
// is too late, and the installed desktop entry cannot wrap the program in `env` (lintian refuses
// it). So each main calls LimitOpenMpThreads() first thing: when OMP_THREAD_LIMIT is not set it
// sets OMP_THREAD_LIMIT=1 and executes the same program again with the same arguments, once.
// A limit already set (a technician's choice) is left alone.
//
// Thread safety: call it at the very start of main, before any thread exists (it changes the
// environment and may replace the process).

#include "kiosk/diagnostics/check.h"

namespace kiosk::process {

inline constexpr const char* kOpenMpThreadLimit = "OMP_THREAD_LIMIT";
// Set for the re-executed program only: it never re-executes again, whatever its environment.
inline constexpr const char* kReexecutedMarker = "KIOSK_OMP_REEXECUTED";

// Linux: may not return (the process image is replaced). Returns when nothing was needed, or when
// the re-execution failed (the program then runs on without the limit). Elsewhere: does nothing.
void LimitOpenMpThreads(char** argv);

// The doctor's line: whether this process runs with OpenMP's threads limited.
diag::Check CheckOpenMpThreads();

}  // namespace kiosk::process
