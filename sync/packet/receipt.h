#pragma once
// The server's receipt for a stored packet: a small JSON document (keys sorted) signed by the
// server's key as CMS SignedData. The station keeps the DER as proof of delivery and checks it
// against the pinned central CA before marking the packet acknowledged.

#include <chrono>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "kiosk/core/result.h"
#include "sync/packet/openssl_util.h"

namespace kiosk::sync {

struct ReceiptContent {
  std::string packet_id;
  std::string content_hash;
  std::string station_id;
  std::string received_at;  // ISO 8601 UTC
};

// Signs the receipt (server side).
Result<std::vector<uint8_t>> SignReceipt(const ReceiptContent& content, const Credentials& server);
// Verifies a receipt against the central CA (station side); kVerificationFailed if the signature
// or the signer does not hold.
Result<ReceiptContent> VerifyReceipt(const std::vector<uint8_t>& der, X509_STORE* central_ca);

// The signed JSON inside a receipt, once its signature held; kParse for anything but an object
// of type kiosk-receipt/1 whose fields are strings.
Result<ReceiptContent> ParseReceiptContent(std::string_view text);

// "2026-01-15T08:00:00Z"
std::string IsoUtc(std::chrono::system_clock::time_point t);

}  // namespace kiosk::sync
