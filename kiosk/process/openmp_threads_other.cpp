#include "kiosk/process/openmp_threads.h"

namespace kiosk::process {

// Without /proc/self/exe there is no sure way to execute the same program again: the limit must
// come from the environment the program is started with.
void LimitOpenMpThreads(char** /*argv*/) {}

}  // namespace kiosk::process
