#include <dlfcn.h>

#include "kiosk/process/openmp_threads.h"

namespace kiosk::process {

// Looked up, not linked: the OpenMP runtime comes with Tesseract (libgomp on Debian) and the
// station must not depend on one being there.
void SetNoActiveOpenMpLevelsHere() {
  using SetMaxActiveLevels = void (*)(int);
  void* symbol = dlsym(RTLD_DEFAULT, "omp_set_max_active_levels");
  if (symbol != nullptr) reinterpret_cast<SetMaxActiveLevels>(symbol)(0);
}

}  // namespace kiosk::process
