#include "kiosk/batch/record.h"

#include <array>
#include <utility>

#include "kiosk/core/i18n.h"

namespace kiosk::batch {
namespace {

constexpr std::array<std::pair<RecordStatus, std::string_view>, 10> kStatusNames = {{
    {RecordStatus::kDraft, "draft"},
    {RecordStatus::kSealed, "sealed"},
    {RecordStatus::kApproved, "approved"},
    {RecordStatus::kRejected, "rejected"},
    {RecordStatus::kQueued, "queued"},
    {RecordStatus::kSent, "sent"},
    {RecordStatus::kAcknowledged, "acknowledged"},
    {RecordStatus::kReceivedForProcessing, "received_for_processing"},
    {RecordStatus::kNotAccepted, "not_accepted"},
    {RecordStatus::kCentralApproved, "central_approved"},
}};

constexpr std::array<std::pair<ItemKind, std::string_view>, 6> kKindNames = {{
    {ItemKind::kPersonal, "personal"},
    {ItemKind::kBiometric, "biometric"},
    {ItemKind::kImage, "image"},
    {ItemKind::kDocument, "document"},
    {ItemKind::kChip, "chip"},
    {ItemKind::kMeta, "meta"},
}};

}  // namespace

std::string_view ToString(RecordStatus status) {
  for (const auto& [s, name] : kStatusNames) {
    if (s == status) return name;
  }
  return "draft";
}

std::optional<RecordStatus> RecordStatusFromString(std::string_view text) {
  for (const auto& [s, name] : kStatusNames) {
    if (name == text) return s;
  }
  return std::nullopt;
}

std::string_view DisplayName(RecordStatus status) {
  switch (status) {
    case RecordStatus::kDraft: return N_("Draft");
    case RecordStatus::kSealed: return N_("Sealed, awaiting approval");
    case RecordStatus::kApproved: return N_("Approved by the supervisor");
    case RecordStatus::kRejected: return N_("Rejected by the supervisor");
    case RecordStatus::kQueued: return N_("Waiting to be sent");
    case RecordStatus::kSent: return N_("Sent");
    case RecordStatus::kAcknowledged: return N_("Received by the central server");
    case RecordStatus::kReceivedForProcessing: return N_("Accepted for processing");
    case RecordStatus::kNotAccepted: return N_("Not accepted");
    case RecordStatus::kCentralApproved: return N_("Approved");
  }
  return N_("Draft");
}

std::string_view ToString(ItemKind kind) {
  for (const auto& [k, name] : kKindNames) {
    if (k == kind) return name;
  }
  return "personal";
}

std::optional<ItemKind> ItemKindFromString(std::string_view text) {
  for (const auto& [k, name] : kKindNames) {
    if (name == text) return k;
  }
  return std::nullopt;
}

}  // namespace kiosk::batch
