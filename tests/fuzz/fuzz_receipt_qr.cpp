// libFuzzer target: the citizen's receipt QR as a scanner reads it back ("KIOSK-RCPT1|<record
// number>|<check>", maybe with a keyboard wedge's newline) and the record number inside it.
// What is accepted must be a record number that formats back to itself and whose payload
// parses to the same number.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string_view>

#include "kiosk/batch/record_number.h"
#include "kiosk/documents/receipt.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using namespace kiosk;
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  if (auto number = documents::ParseReceiptQr(text)) {
    auto parts = batch::ParseRecordNumber(*number);
    if (!parts) std::abort();
    auto again = documents::ParseReceiptQr(documents::ReceiptQrPayload(*number));
    if (!again || *again != *number) std::abort();
  }
  if (auto parts = batch::ParseRecordNumber(text)) {
    if (parts->sequence < 1 || parts->sequence > batch::kMaxDailySequence) std::abort();
    if (!parts->station_id.empty() &&
        batch::FormatRecordNumber(parts->station_id, parts->day, parts->sequence) != text) {
      std::abort();
    }
  }
  const std::string masked = documents::MaskIdNumber(text);
  if (masked.find_first_not_of("0123456789*") != std::string::npos) std::abort();
  return 0;
}
