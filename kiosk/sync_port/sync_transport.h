#pragma once
// The SyncTransport port: how a sealed, approved record's packet reaches the central intake
// server, and how central statuses come back. The core knows no network; sync/client implements
// this over libcurl with mutual TLS, tests with fakes.
//
// Thread safety: one call at a time per instance (the outbox worker is the only caller);
// Cancel() may be called from any thread and makes a running Upload return kCancelled soon.

#include <cstdint>
#include <functional>
#include <string>
#include <vector>

#include "kiosk/core/result.h"

namespace kiosk::sync {

// What the server signed when it stored a packet. `signed_receipt` is the receipt as sent by
// the server (CMS SignedData, DER) and is what the station keeps as proof.
struct UploadReceipt {
  std::string packet_id;
  std::string content_hash;       // hex SHA-256 of the packet's manifest (see sync/packet)
  std::string received_at;        // ISO 8601 UTC, the server's clock
  bool duplicate = false;         // the server already had this packet (a replay after a crash)
  std::vector<uint8_t> signed_receipt;
};

// A central status change, in the order the server recorded them.
enum class CentralStatus { kReceived, kProcessing, kApproved, kNotAccepted };
std::string_view ToString(CentralStatus status);
Result<CentralStatus> ParseCentralStatus(std::string_view text);

struct StatusChange {
  std::string packet_id;
  CentralStatus status = CentralStatus::kReceived;
  std::string reason;             // English reason key, for kNotAccepted
  std::string changed_at;         // ISO 8601 UTC
};

struct StatusPage {
  std::vector<StatusChange> changes;
  std::string next_cursor;        // pass back as `since` to get only newer changes
};

// Bytes sent and total, for a progress bar. Return false to abort the upload (kCancelled).
using UploadProgress = std::function<bool(uint64_t sent, uint64_t total)>;

class SyncTransport {
 public:
  SyncTransport() = default;
  SyncTransport(const SyncTransport&) = delete;
  SyncTransport& operator=(const SyncTransport&) = delete;
  virtual ~SyncTransport() = default;

  // Idempotent: uploading the same packet id with the same content hash again returns the
  // original receipt (duplicate = true). A different content under the same id is kConflict,
  // not retriable. Errors say whether a retry may help (Error::retriable()).
  virtual Result<UploadReceipt> Upload(const std::string& packet_id,
                                       const std::vector<uint8_t>& packet,
                                       const UploadProgress& progress) = 0;

  // Status changes recorded after `cursor` (empty: from the beginning).
  virtual Result<StatusPage> PullStatus(const std::string& cursor) = 0;
};

}  // namespace kiosk::sync
