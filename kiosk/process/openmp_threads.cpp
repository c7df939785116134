#include "kiosk/process/openmp_threads.h"

#include <cstdlib>
#include <string>

#include "kiosk/core/i18n.h"

namespace kiosk::process {

namespace {

const char* ThreadLimitFromEnvironment() {
  const char* limit = std::getenv(kOpenMpThreadLimit);
  return limit != nullptr && *limit != '\0' ? limit : nullptr;
}

}  // namespace

// Platform file: sets max-active-levels to 0 through the loaded OpenMP runtime, if any.
void SetNoActiveOpenMpLevelsHere();

void SingleThreadOpenMpHere() {
  if (ThreadLimitFromEnvironment() != nullptr) return;
  SetNoActiveOpenMpLevelsHere();
}

diag::Check CheckOpenMpThreads() {
  if (const char* limit = ThreadLimitFromEnvironment()) {
    return {"system", kOpenMpThreadLimit, diag::Status::kOk,
            N_("OpenMP threads limited to {0} (OMP_THREAD_LIMIT)."), {std::string(limit)}};
  }
  return {"system", kOpenMpThreadLimit, diag::Status::kOk,
          N_("Reading papers runs on one thread (OpenMP kept off where OCR runs)."), {}};
}

}  // namespace kiosk::process
