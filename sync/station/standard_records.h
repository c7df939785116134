#pragma once
// The standard biometric records a packet carries beside the sealed images (docs/
// biometric-records.md): "fingers.iso19794-4" (ISO/IEC 19794-4:2005, one view per sealed
// fingerprint, its station quality 0-100 from record.json) and "portrait.iso19794-5" (ISO/IEC
// 19794-5:2005 token frontal, JPEG 2000). Built from the sealed items when the packet is made;
// the packet's signature covers them, the sealed images stay as they were sealed.

#include "kiosk/batch/record.h"
#include "kiosk/core/result.h"
#include "sync/packet/packet.h"

namespace kiosk::sync {

inline constexpr const char* kFingerRecordBlob = "fingers.iso19794-4";
inline constexpr const char* kFaceRecordBlob = "portrait.iso19794-5";

Result<void> AddStandardRecords(const batch::SealedRecord& record, RecordPacketInput& input);

// The intake server's check: every standard record parses, and a packet with fingerprint or
// portrait images carries the matching record with one view per fingerprint. kCorrupt otherwise.
Result<void> ValidateStandardRecords(const std::vector<PacketBlob>& blobs);

}  // namespace kiosk::sync
