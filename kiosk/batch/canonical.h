#pragma once
// The canonical serialisation that a record's content hash and a batch's signature cover.
// Shared by sealing, review and `db verify`; changing it invalidates every stored signature, so
// a new version gets a new domain string.

#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "kiosk/batch/record.h"
#include "kiosk/crypto/crypto.h"

namespace kiosk::batch {

struct CanonicalItem {
  std::string_view field;
  ItemKind kind;
  std::span<const uint8_t> data;
};

// SHA-256 over "kiosk-record-v1", the record number, who sealed it and when, then every item
// sorted by field (field, kind, data), each length-prefixed.
crypto::Sha256Digest ContentHash(std::string_view record_number, std::string_view sealed_by,
                                 int64_t sealed_at, std::vector<CanonicalItem> items);

// What the station key signs for a sealed record.
crypto::Bytes SealMessage(std::string_view record_number, std::span<const uint8_t> content_hash);

struct BatchLine {
  std::string record_number;
  crypto::Bytes content_hash;
  std::string decision;  // "approved" or "rejected"
};
// What the station key signs when the supervisor signs a batch.
crypto::Bytes BatchMessage(int64_t batch_id, std::string_view day, std::string_view signed_by,
                           int64_t signed_at, const std::vector<BatchLine>& lines);

// The field name of the sealed review flags.
inline constexpr std::string_view kReviewFlagsField = "review.flags";

}  // namespace kiosk::batch
