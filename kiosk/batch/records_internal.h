#pragma once
// Shared between the Records translation units; not part of the module's interface.
#include <string>

#include "kiosk/batch/record.h"
#include "kiosk/store/sqlite.h"

namespace kiosk::batch::internal {

inline constexpr std::string_view kSummaryColumns =
    "SELECT id, record_number, status, batch_id, needs_decision, created_at, sealed_at, "
    "updated_at, sealed_by, purged_at";

RecordSummary ReadSummary(const store::Statement& q);
std::string ReasonField(RecordStatus status, int64_t at);

}  // namespace kiosk::batch::internal
