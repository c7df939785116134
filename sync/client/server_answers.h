#pragma once
// The central server's answer bodies as the station reads them, apart from the network so they
// can be tested and fuzzed on their own (tests/fuzz/fuzz_sync_answers.cpp). The server is
// trusted only as far as its signatures go: every body here may be anything, and each parser
// returns kParse (retriable: a proxy or a half-deployed server may have answered) instead of
// throwing or trusting a field of the wrong type.

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "kiosk/core/result.h"
#include "kiosk/sync_port/sync_transport.h"
#include "sync/packet/openssl_util.h"

namespace kiosk::sync {

// PUT /v1/packets/{id}: {"receipt": base64 of the CMS-signed receipt, "duplicate": bool?}.
// The receipt is only decoded here; VerifyReceipt checks its signature.
struct UploadAnswer {
  std::vector<uint8_t> receipt_der;
  bool duplicate = false;
};
Result<UploadAnswer> ParseUploadAnswer(std::string_view body);

// GET /v1/status: {"changes": [{"packet_id", "status", "reason"?, "changed_at"?}…],
// "next_cursor": "digits"}.
Result<StatusPage> ParseStatusPage(std::string_view body);

// GET /v1/packets/{id}: one packet's central status.
struct PacketStatus {
  std::string packet_id;
  CentralStatus status = CentralStatus::kReceived;
  std::string reason;
  std::string received_at;
  std::string changed_at;
};
Result<PacketStatus> ParsePacketStatus(std::string_view body);

// GET /v1/certificate: one PEM certificate, parsed but not trusted (server_certificate.h).
Result<X509Ptr> ParseCertificateAnswer(std::string_view body);

}  // namespace kiosk::sync
