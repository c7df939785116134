#pragma once
// The citizen's receipt (phiếu tiếp nhận): what the desk gives back once a record is sealed.
// It names the record number, when and where the record was taken and by whom, the citizen
// (name and a masked ID number), the papers received, what happens next, and carries a QR code
// that the station's status lookup (kiểm tra tình trạng xử lý) reads back into the record number.
//
// The model is plain data; rendering it (PDF, print, preview) is the UI's job. No secret is on a
// receipt: the ID number is masked, the phone is left out, the QR holds only the record number
// and a check value that catches a damaged or mistyped code.

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "kiosk/core/result.h"
#include "kiosk/enrollment/enrollment.h"

namespace kiosk::documents {

struct ReceiptPaper {
  std::string title;  // English msgid of the paper type (Title(PaperType)); translated on render
  bool original_sighted = false;
};

struct Receipt {
  std::string record_number;
  std::string issued_at;   // "HH:mm dd/MM/yyyy", station time (UTC+7)
  std::string station_id;  // from the record number; empty for legacy numbers
  std::string officer;     // who took the record
  std::string citizen_name;
  std::string masked_id;   // MaskIdNumber() of the citizen's ID number
  std::vector<ReceiptPaper> papers;
  std::string qr_payload;  // ReceiptQrPayload(record_number)
};

// The steps that follow, for the citizen (an English msgid, translated on render).
std::string_view ReceiptNextSteps();

// Keeps the province code (first 3 digits) and the last 3 digits: "001******345". Anything that
// is not 12 digits is masked whole, keeping nothing.
std::string MaskIdNumber(std::string_view id_number);

// The receipt of a sealed enrollment. The citizen's name and ID come from the chip when it was
// read, else from the QR, else from what the officer typed. unix_seconds: when it was sealed.
// Fails (kInvalidArgument) when record_number is not a record number.
Result<Receipt> MakeReceipt(const enrollment::Enrollment& enrollment, std::string_view record_number,
                            std::string_view officer, std::int64_t unix_seconds);

// "KIOSK-RCPT1|<record number>|<check>": check is 8 hex digits of SHA-256 over the record
// number, so a misread code is refused instead of looking up another citizen's record.
std::string ReceiptQrPayload(std::string_view record_number);

// The record number in a receipt's QR text (as decoded, or typed by a keyboard-wedge scanner
// with a trailing newline). Errors: kParse with a message for the officer: not a receipt's code,
// or a damaged one (wrong check value, bad record number, missing or extra fields).
Result<std::string> ParseReceiptQr(std::string_view text);

}  // namespace kiosk::documents
