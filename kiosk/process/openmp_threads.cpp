#include "kiosk/process/openmp_threads.h"

#include <cstdlib>
#include <string>

#include "kiosk/core/i18n.h"

namespace kiosk::process {

diag::Check CheckOpenMpThreads() {
  const char* limit = std::getenv(kOpenMpThreadLimit);
  if (limit == nullptr || *limit == '\0') {
    return {"system", kOpenMpThreadLimit, diag::Status::kWarning,
            N_("OpenMP threads are not limited: reading papers may slow the station down (set "
               "OMP_THREAD_LIMIT=1)."),
            {}};
  }
  return {"system", kOpenMpThreadLimit, diag::Status::kOk, N_("OpenMP threads limited to {0}."),
          {std::string(limit)}};
}

}  // namespace kiosk::process
