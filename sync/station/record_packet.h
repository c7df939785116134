#pragma once
// From a sealed record in the store to the packet's input (sync/packet): the manifest fields
// the central side checks (id_number, full_name, date_of_birth, taken from the record's
// identity as the officer resolved it), the seal's own hash and signature so the centre can
// check the station's seal too, and every sealed item as a blob under its field name.

#include <string>

#include "kiosk/batch/record.h"
#include "kiosk/core/result.h"
#include "sync/packet/packet.h"

namespace kiosk::sync {

Result<RecordPacketInput> PacketInputFor(const batch::SealedRecord& record,
                                         const std::string& station_id);

}  // namespace kiosk::sync
