#include "kiosk/batch/canonical.h"

#include <algorithm>

namespace kiosk::batch {

crypto::Sha256Digest ContentHash(std::string_view record_number, std::string_view sealed_by,
                                 int64_t sealed_at, std::vector<CanonicalItem> items) {
  std::sort(items.begin(), items.end(),
            [](const CanonicalItem& a, const CanonicalItem& b) { return a.field < b.field; });
  crypto::Sha256 h;
  h.UpdateField("kiosk-record-v1")
      .UpdateField(record_number)
      .UpdateField(sealed_by)
      .UpdateField(std::to_string(sealed_at))
      .UpdateField(std::to_string(items.size()));
  for (const auto& item : items) {
    h.UpdateField(item.field).UpdateField(ToString(item.kind)).UpdateField(item.data);
  }
  return h.Final();
}

crypto::Bytes SealMessage(std::string_view record_number, std::span<const uint8_t> content_hash) {
  crypto::Sha256 h;
  h.UpdateField("kiosk-seal-v1").UpdateField(record_number).UpdateField(content_hash);
  auto digest = h.Final();
  return crypto::Bytes(digest.begin(), digest.end());
}

crypto::Bytes BatchMessage(int64_t batch_id, std::string_view day, std::string_view signed_by,
                           int64_t signed_at, const std::vector<BatchLine>& lines) {
  crypto::Sha256 h;
  h.UpdateField("kiosk-batch-v1")
      .UpdateField(std::to_string(batch_id))
      .UpdateField(day)
      .UpdateField(signed_by)
      .UpdateField(std::to_string(signed_at))
      .UpdateField(std::to_string(lines.size()));
  for (const auto& line : lines) {
    h.UpdateField(line.record_number).UpdateField(line.content_hash).UpdateField(line.decision);
  }
  auto digest = h.Final();
  return crypto::Bytes(digest.begin(), digest.end());
}

}  // namespace kiosk::batch
