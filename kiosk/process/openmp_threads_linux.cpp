#include <unistd.h>

#include <cstdlib>

#include "kiosk/process/openmp_threads.h"

namespace kiosk::process {

void LimitOpenMpThreads(char** argv) {
  if (std::getenv(kReexecutedMarker) != nullptr) {
    // The second start: never a third, even if something dropped the limit on the way.
    unsetenv(kReexecutedMarker);
    return;
  }
  if (argv == nullptr || argv[0] == nullptr) return;
  const char* limit = std::getenv(kOpenMpThreadLimit);
  if (limit != nullptr && *limit != '\0') return;
  if (setenv(kOpenMpThreadLimit, "1", 1) != 0 || setenv(kReexecutedMarker, "1", 1) != 0) return;
  execv("/proc/self/exe", argv);
  // Still here: no /proc, or the program file was replaced by an upgrade. Run on unlimited; the
  // variable stays set for the programs this one starts.
  unsetenv(kReexecutedMarker);
}

}  // namespace kiosk::process
