#pragma once
// Tesseract (the papers' OCR) runs OpenMP parallel regions whose idle threads busy-wait: on a
// 2-core desk PC they take the cores from the camera preview and the GUI. The station keeps
// OpenMP to one thread where OCR runs: SingleThreadOpenMpHere() sets libgomp's
// max-active-levels to 0 for the calling thread (each thread holds this setting for itself), so
// every parallel region that thread starts runs on it alone and no thread team is ever made.
// Unlike OMP_THREAD_LIMIT, which libgomp reads once when it is loaded, before main(), this needs
// nothing from the environment and no re-execution of the program. A technician who sets
// OMP_THREAD_LIMIT chooses the parallelism himself: then nothing is changed.
//
// Thread safety: affects the calling thread only; call it on the thread that runs Tesseract,
// before each recognition (it costs a symbol lookup).

#include "kiosk/diagnostics/check.h"

namespace kiosk::process {

inline constexpr const char* kOpenMpThreadLimit = "OMP_THREAD_LIMIT";

// No effect when no OpenMP runtime is loaded (Tesseract built without OpenMP) or when
// OMP_THREAD_LIMIT is set.
void SingleThreadOpenMpHere();

// The doctor's line: OCR kept to one thread, or the technician's OMP_THREAD_LIMIT.
diag::Check CheckOpenMpThreads();

}  // namespace kiosk::process
