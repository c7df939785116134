#include "kiosk/sync_port/memory_outbox.h"

#include "kiosk/core/i18n.h"

namespace kiosk::sync {

std::string_view ToString(CentralStatus status) {
  switch (status) {
    case CentralStatus::kReceived: return "received";
    case CentralStatus::kProcessing: return "processing";
    case CentralStatus::kApproved: return "approved";
    case CentralStatus::kNotAccepted: return "not_accepted";
  }
  return "received";
}

Result<CentralStatus> ParseCentralStatus(std::string_view text) {
  if (text == "received") return CentralStatus::kReceived;
  if (text == "processing") return CentralStatus::kProcessing;
  if (text == "approved") return CentralStatus::kApproved;
  if (text == "not_accepted") return CentralStatus::kNotAccepted;
  return Fail(Error::Parse(N_("The central server sent an unknown status."), std::string(text)));
}

std::string_view ToString(OutboxState state) {
  switch (state) {
    case OutboxState::kQueued: return "queued";
    case OutboxState::kAcknowledged: return "acknowledged";
    case OutboxState::kParked: return "parked";
  }
  return "queued";
}

Result<void> MemoryOutboxQueue::Enqueue(const std::string& packet_id,
                                        const std::string& content_hash,
                                        const std::vector<uint8_t>& packet, Clock::WallTime now) {
  std::lock_guard lock(mutex_);
  auto it = items_.find(packet_id);
  if (it != items_.end()) {
    if (it->second.content_hash == content_hash) return {};
    return Fail(Error(ErrorCode::kConflict,
                      N_("A different packet with the same record number is already queued.")));
  }
  OutboxItem item;
  item.packet_id = packet_id;
  item.content_hash = content_hash;
  item.packet = packet;
  item.next_attempt = now;
  items_.emplace(packet_id, std::move(item));
  return {};
}

Result<std::optional<OutboxItem>> MemoryOutboxQueue::NextDue(Clock::WallTime now) {
  std::lock_guard lock(mutex_);
  const OutboxItem* best = nullptr;
  for (const auto& [id, item] : items_) {
    if (item.state != OutboxState::kQueued || item.next_attempt > now) continue;
    if (best == nullptr || item.next_attempt < best->next_attempt) best = &item;
  }
  if (best == nullptr) return std::optional<OutboxItem>();
  return std::optional<OutboxItem>(*best);
}

Result<std::optional<Clock::WallTime>> MemoryOutboxQueue::EarliestDue() {
  std::lock_guard lock(mutex_);
  std::optional<Clock::WallTime> earliest;
  for (const auto& [id, item] : items_) {
    if (item.state != OutboxState::kQueued) continue;
    if (!earliest || item.next_attempt < *earliest) earliest = item.next_attempt;
  }
  return earliest;
}

Result<void> MemoryOutboxQueue::MarkAcknowledged(const std::string& packet_id,
                                                 const UploadReceipt& receipt) {
  std::lock_guard lock(mutex_);
  auto it = items_.find(packet_id);
  if (it == items_.end()) return Fail(Error::NotFound(N_("No such packet in the outbox."), packet_id));
  it->second.state = OutboxState::kAcknowledged;
  it->second.receipt = receipt;
  it->second.last_error.clear();
  return {};
}

Result<void> MemoryOutboxQueue::MarkFailed(const std::string& packet_id, const std::string& error,
                                           Clock::WallTime next_attempt, bool permanent) {
  std::lock_guard lock(mutex_);
  auto it = items_.find(packet_id);
  if (it == items_.end()) return Fail(Error::NotFound(N_("No such packet in the outbox."), packet_id));
  it->second.attempts++;
  it->second.last_error = error;
  it->second.next_attempt = next_attempt;
  if (permanent) it->second.state = OutboxState::kParked;
  return {};
}

Result<void> MemoryOutboxQueue::Requeue(const std::string& packet_id, Clock::WallTime now) {
  std::lock_guard lock(mutex_);
  auto it = items_.find(packet_id);
  if (it == items_.end()) return Fail(Error::NotFound(N_("No such packet in the outbox."), packet_id));
  if (it->second.state == OutboxState::kParked) it->second.state = OutboxState::kQueued;
  it->second.next_attempt = now;
  return {};
}

Result<std::optional<OutboxItem>> MemoryOutboxQueue::Find(const std::string& packet_id) {
  std::lock_guard lock(mutex_);
  auto it = items_.find(packet_id);
  if (it == items_.end()) return std::optional<OutboxItem>();
  return std::optional<OutboxItem>(it->second);
}

Result<OutboxCounts> MemoryOutboxQueue::Counts() {
  std::lock_guard lock(mutex_);
  OutboxCounts counts;
  for (const auto& [id, item] : items_) {
    switch (item.state) {
      case OutboxState::kQueued: counts.queued++; break;
      case OutboxState::kAcknowledged: counts.acknowledged++; break;
      case OutboxState::kParked: counts.parked++; break;
    }
  }
  return counts;
}

Result<void> MemoryOutboxQueue::SaveCentralStatus(const StatusChange& change) {
  std::lock_guard lock(mutex_);
  auto it = items_.find(change.packet_id);
  if (it == items_.end()) {
    orphan_statuses_[change.packet_id] = change;
  } else {
    it->second.central_status = change;
  }
  return {};
}

Result<std::string> MemoryOutboxQueue::StatusCursor() {
  std::lock_guard lock(mutex_);
  return cursor_;
}

Result<void> MemoryOutboxQueue::SaveStatusCursor(const std::string& cursor) {
  std::lock_guard lock(mutex_);
  cursor_ = cursor;
  return {};
}

}  // namespace kiosk::sync
