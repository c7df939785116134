#pragma once
// The intake server's own store: SQLite (WAL, synchronous=FULL). Packets are kept as received
// (still encrypted to the server), so no citizen data lies in clear at rest; the status flow
// and the audit trail sit beside them. A national deployment would put the same three tables
// in PostgreSQL (libpq) shared by stateless intake servers: the insert-or-compare below is one
// transaction, which is what keeps "same id, same hash" idempotent across servers.
//
// Thread safety: every method may be called from any thread (one connection behind a mutex).

#include <sqlite3.h>

#include <filesystem>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

#include "kiosk/core/result.h"
#include "kiosk/sync_port/sync_transport.h"

namespace kiosk::sync::server {

struct StoredPacket {
  std::string packet_id;
  std::string content_hash;
  std::string station_id;
  std::string received_at;
  std::vector<uint8_t> receipt;
  std::string status;
  std::string reason;
  std::string changed_at;
};

struct StatusEvent {
  int64_t seq = 0;
  StatusChange change;
};

enum class InsertOutcome { kStored, kDuplicate };

class PacketStore {
 public:
  static Result<std::unique_ptr<PacketStore>> Open(const std::filesystem::path& file);
  ~PacketStore();
  PacketStore(const PacketStore&) = delete;
  PacketStore& operator=(const PacketStore&) = delete;

  // Stores the packet with status "received", or, when the id is known: kDuplicate with the
  // stored row in `existing` if the hash matches, kConflict if it does not.
  Result<InsertOutcome> Insert(const StoredPacket& packet, const std::vector<uint8_t>& bytes,
                               StoredPacket* existing);
  Result<std::optional<StoredPacket>> Find(const std::string& packet_id);
  Result<std::vector<uint8_t>> PacketBytes(const std::string& packet_id);
  Result<void> SetStatus(const std::string& packet_id, CentralStatus status,
                         const std::string& reason, const std::string& at);
  // Packets in `status`, oldest first.
  Result<std::vector<std::string>> InStatus(CentralStatus status);
  // A station's status events after seq `since`, at most `limit`.
  Result<std::vector<StatusEvent>> EventsSince(const std::string& station_id, int64_t since,
                                               int limit);
  Result<int64_t> PacketCount();
  Result<void> Audit(const std::string& at, const std::string& event, const std::string& station_id,
                     const std::string& packet_id, const std::string& detail);
  Result<int64_t> AuditCount(const std::string& event);

 private:
  explicit PacketStore(sqlite3* db) : db_(db) {}
  Result<void> Exec(const char* sql);
  Error SqlError(const char* what);

  std::mutex mutex_;
  sqlite3* db_;
};

}  // namespace kiosk::sync::server
