#pragma once
// The citizen-facing wording of a record's central status ("check processing status", kiểm tra
// tình trạng xử lý), shared by the station app and kiosk-cli so both say the same thing.

#include <string>

#include "kiosk/sync_port/sync_transport.h"

namespace kiosk::sync {

// In the current language: "Đã gửi xử lý hồ sơ", "Hồ sơ không đạt: <reason>",
// "Hồ sơ được phê duyệt" (English: "Sent for processing", "Application not accepted: <reason>",
// "Application approved"). `reason` is the server's English reason key, translated here.
std::string CitizenStatusText(CentralStatus status, const std::string& reason);

}  // namespace kiosk::sync
