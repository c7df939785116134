#pragma once
// An enrollment record's life: draft → sealed → approved | rejected (reason) → queued → sent →
// acknowledged → the central server's statuses: received_for_processing, not_accepted (reason),
// central_approved. Plain data; the rules live in Records.

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "kiosk/core/secret.h"

namespace kiosk::batch {

enum class RecordStatus {
  kDraft,
  kSealed,                 // immutable, awaiting the supervisor's decision
  kApproved,               // by the supervisor (batch not signed yet)
  kRejected,               // by the supervisor, with a reason; never leaves the station
  kQueued,                 // batch signed, in the outbox
  kSent,
  kAcknowledged,           // central receipt
  kReceivedForProcessing,  // đã tiếp nhận xử lý
  kNotAccepted,            // không tiếp nhận, with a reason
  kCentralApproved,        // đã duyệt
};

std::string_view ToString(RecordStatus status);
std::optional<RecordStatus> RecordStatusFromString(std::string_view text);
// The status's name for people, as an English msgid.
std::string_view DisplayName(RecordStatus status);

// What kind of data an item holds; decides what retention purges (biometric and image).
enum class ItemKind { kPersonal, kBiometric, kImage, kDocument, kChip, kMeta };
std::string_view ToString(ItemKind kind);
std::optional<ItemKind> ItemKindFromString(std::string_view text);

// One captured piece of a record: "personal.json", "portrait.jpg", "finger.r1.wsq",
// "document.gplx.image", "chip.dg2"… Field names are [a-z0-9._-], at most 64 characters.
struct Item {
  std::string field;
  ItemKind kind = ItemKind::kPersonal;
  SecretBytes data;
};

// What an officer seals: the items only. The reasons the supervisor must decide the record
// explicitly (review flags: kiosk/enrollment/review_flags.h) are computed by Records::Seal from
// these items, never given by the caller, and sealed with them as "review.flags".
struct SealRequest {
  std::vector<Item> items;
};

struct RecordSummary {
  int64_t id = 0;
  std::string record_number;
  RecordStatus status = RecordStatus::kDraft;
  int64_t batch_id = 0;
  bool needs_decision = false;
  int64_t created_at = 0;  // unix seconds
  int64_t sealed_at = 0;
  int64_t updated_at = 0;
  std::string sealed_by;
  bool purged = false;
};

struct StatusChange {
  RecordStatus status = RecordStatus::kDraft;
  int64_t at = 0;
  std::string actor;
  bool has_reason = false;  // the reason itself is sealed; read it with Records::ReadReason
};

struct ItemInfo {
  std::string field;
  ItemKind kind = ItemKind::kPersonal;
  int64_t sealed_size = 0;
};

struct BatchSummary {
  int64_t id = 0;
  std::string day;  // YYYY-MM-DD, station time (UTC+7)
  bool signed_off = false;
  int64_t opened_at = 0;
  int64_t signed_at = 0;
  std::string signed_by;
  int64_t records = 0;
  int64_t awaiting_decision = 0;  // still sealed
  int64_t flagged_awaiting = 0;   // still sealed and needing an explicit decision
  int64_t approved = 0;
  int64_t rejected = 0;
};

// A sealed record as the sync side packs it: every item in clear, with the content hash and
// the station signature made when it was sealed.
struct SealedRecord {
  std::string record_number;
  RecordStatus status = RecordStatus::kDraft;
  std::string sealed_by;
  int64_t sealed_at = 0;
  std::vector<uint8_t> content_hash;
  std::vector<uint8_t> signature;
  std::vector<Item> items;
};

}  // namespace kiosk::batch
