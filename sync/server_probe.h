#pragma once
// Checks that the configured central server answers over HTTPS (for doctor). The station's
// client certificate is not needed to see that the server is reachable and its certificate
// chains to the pinned CA.

#include <vector>

#include "kiosk/diagnostics/check.h"

namespace kiosk::sync {

std::vector<diag::Check> ProbeServer(const Config& config);

}  // namespace kiosk::sync
