#include "kiosk/documents/receipt.h"

#include <algorithm>
#include <ctime>

#include "kiosk/batch/record_number.h"
#include "kiosk/core/i18n.h"
#include "kiosk/crypto/crypto.h"
#include "kiosk/documents/paper.h"

namespace kiosk::documents {

namespace {

constexpr std::string_view kQrPrefix = "KIOSK-RCPT1";
constexpr size_t kCheckDigits = 8;
// A receipt's code is short; anything much longer is not one (and is not worth hashing).
constexpr size_t kMaxQrText = 128;

std::string CheckValue(std::string_view record_number) {
  crypto::Sha256 hash;
  hash.Update("kiosk receipt\n");
  hash.Update(record_number);
  auto digest = hash.Final();
  return crypto::ToHex(std::span<const uint8_t>(digest.data(), digest.size())).substr(0, kCheckDigits);
}

// Station time is Vietnam's (UTC+7, no daylight saving), like the record number's day.
std::string StationTime(std::int64_t unix_seconds) {
  const std::time_t local = static_cast<std::time_t>(unix_seconds + 7 * 3600);
  std::tm tm{};
  gmtime_r(&local, &tm);
  char text[32];
  std::strftime(text, sizeof text, "%H:%M %d/%m/%Y", &tm);
  return text;
}

Error NotAReceipt(std::string detail) {
  return Error::Parse(N_("This QR code is not from a receipt. Scan the QR on the citizen's "
                         "receipt, or type the record number."),
                      std::move(detail));
}

Error DamagedReceipt(std::string detail) {
  return Error::Parse(N_("The receipt's QR code is damaged or incomplete. Type the record number "
                         "printed under it."),
                      std::move(detail));
}

}  // namespace

std::string_view ReceiptNextSteps() {
  return N_("Keep this receipt. Your record is checked at the station, then sent for processing. "
            "When the account is approved, the Ministry of Public Security sends an SMS to the "
            "phone number you gave; follow it to activate the account in the VNeID app. To check "
            "the processing status, show this receipt (or give the record number) at the desk.");
}

std::string MaskIdNumber(std::string_view id) {
  const bool twelve_digits =
      id.size() == 12 && std::all_of(id.begin(), id.end(), [](char c) { return c >= '0' && c <= '9'; });
  if (!twelve_digits) return std::string(id.empty() ? 0 : 12, '*');
  return std::string(id.substr(0, 3)) + std::string(6, '*') + std::string(id.substr(9));
}

Result<Receipt> MakeReceipt(const enrollment::Enrollment& e, std::string_view record_number,
                            std::string_view officer, std::int64_t unix_seconds) {
  auto parts = batch::ParseRecordNumber(record_number);
  if (!parts) {
    return Fail(Error::InvalidArgument(N_("This is not a record number."), std::string(record_number)));
  }
  Receipt receipt;
  receipt.record_number = std::string(record_number);
  receipt.station_id = parts->station_id;
  receipt.issued_at = StationTime(unix_seconds);
  receipt.officer = std::string(officer);
  // The chip is what the state signed; the QR and typing are the fallbacks, in that order.
  for (auto source : {identity::IdentitySource::kChip, identity::IdentitySource::kQr,
                      identity::IdentitySource::kTyped}) {
    auto it = e.identity.sources.find(source);
    if (it == e.identity.sources.end()) continue;
    if (receipt.citizen_name.empty()) receipt.citizen_name = it->second.full_name;
    if (receipt.masked_id.empty() && !it->second.id_number.empty()) {
      receipt.masked_id = MaskIdNumber(it->second.id_number);
    }
  }
  for (const auto& paper : e.papers) {
    auto type = ParsePaperType(paper.type);
    receipt.papers.push_back({type ? std::string(Title(*type)) : paper.type, paper.original_sighted});
  }
  receipt.qr_payload = ReceiptQrPayload(record_number);
  return receipt;
}

std::string ReceiptQrPayload(std::string_view record_number) {
  return std::string(kQrPrefix) + "|" + std::string(record_number) + "|" + CheckValue(record_number);
}

Result<std::string> ParseReceiptQr(std::string_view text) {
  // Keyboard-wedge scanners end with Enter; some add spaces.
  while (!text.empty() && (text.back() == '\n' || text.back() == '\r' || text.back() == ' ')) {
    text.remove_suffix(1);
  }
  while (!text.empty() && text.front() == ' ') text.remove_prefix(1);
  if (text.empty()) return Fail(NotAReceipt("empty"));
  if (text.size() > kMaxQrText) return Fail(NotAReceipt("too long"));
  if (!text.starts_with(kQrPrefix)) return Fail(NotAReceipt("prefix"));
  text.remove_prefix(kQrPrefix.size());
  if (text.empty() || text.front() != '|') return Fail(DamagedReceipt("no field separator"));
  text.remove_prefix(1);
  const size_t bar = text.find('|');
  if (bar == std::string_view::npos) return Fail(DamagedReceipt("no check value"));
  const std::string_view number = text.substr(0, bar);
  const std::string_view check = text.substr(bar + 1);
  if (check.find('|') != std::string_view::npos) return Fail(DamagedReceipt("extra fields"));
  if (!batch::IsValidRecordNumber(number)) return Fail(DamagedReceipt("record number"));
  std::string lower(check);
  std::transform(lower.begin(), lower.end(), lower.begin(),
                 [](char c) { return c >= 'A' && c <= 'F' ? static_cast<char>(c - 'A' + 'a') : c; });
  if (lower != CheckValue(number)) return Fail(DamagedReceipt("check value"));
  return std::string(number);
}

}  // namespace kiosk::documents
