#include "kiosk/process/openmp_threads.h"

namespace kiosk::process {

// vcpkg's Tesseract is built without OpenMP: nothing to keep off.
void SetNoActiveOpenMpLevelsHere() {}

}  // namespace kiosk::process
