#include "sync/client/outbox_worker.h"

#include <spdlog/spdlog.h>

#include <algorithm>
#include <set>

#include "kiosk/core/i18n.h"

namespace kiosk::sync {

OutboxWorker::OutboxWorker(OutboxQueue& queue, SyncTransport& transport, Clock& clock,
                           WorkerOptions options)
    : queue_(queue), transport_(transport), clock_(clock), options_(options),
      backoff_(options.backoff, options.seed) {}

OutboxWorker::~OutboxWorker() { Stop(); }

void OutboxWorker::SetProgressCallback(std::function<void(const SyncProgress&)> callback) {
  std::lock_guard lock(callback_mutex_);
  progress_ = std::move(callback);
}

OutboxWorker::Outcome OutboxWorker::SendOne(const OutboxItem& item, SendSummary& summary) {
  UploadProgress progress = [this, &item](uint64_t sent, uint64_t total) {
    if (paused_ || stopping_) return false;
    std::lock_guard lock(callback_mutex_);
    if (progress_) progress_({item.packet_id, sent, total});
    return true;
  };
  auto receipt = transport_.Upload(item.packet_id, item.packet, progress);
  if (receipt && receipt->content_hash != item.content_hash) {
    receipt = Fail(Error(ErrorCode::kConflict,
                         N_("The central server's receipt names other content than the packet sent."),
                         {}, Error::Retry::kNo));
  }
  if (receipt) {
    auto marked = queue_.MarkAcknowledged(item.packet_id, *receipt);
    if (!marked) {
      // The receipt is lost but the server has the packet: the next attempt gets it again.
      summary.last_error = marked.error().EnglishMessage();
      return Outcome::kRetry;
    }
    summary.acknowledged++;
    if (receipt->duplicate) summary.duplicates++;
    spdlog::info("sync: packet acknowledged{}", receipt->duplicate ? " (already on the server)" : "");
    return receipt->duplicate ? Outcome::kDuplicate : Outcome::kAcknowledged;
  }
  const Error& error = receipt.error();
  if (error.code() == ErrorCode::kCancelled) return Outcome::kCancelled;
  summary.last_error = error.EnglishMessage();
  bool permanent = !error.retriable();
  auto next = clock_.Now() + backoff_.Delay(item.attempts + 1);
  (void)queue_.MarkFailed(item.packet_id, error.EnglishMessage(), next, permanent);
  if (permanent) {
    spdlog::warn("sync: packet parked: {}", error.ToLogString());
    summary.parked++;
    return Outcome::kParked;
  }
  spdlog::info("sync: upload failed, will retry: {}", error.ToLogString());
  summary.retried++;
  return Outcome::kRetry;
}

Result<SendSummary> OutboxWorker::SendDue() {
  SendSummary summary;
  // Each item is tried at most once per call: a failed one is rescheduled into the future.
  std::set<std::string> tried;
  while (!paused_ && !stopping_) {
    auto next = queue_.NextDue(clock_.Now());
    if (!next) return Fail(next.error());
    if (!next->has_value() || !tried.insert((*next)->packet_id).second) break;
    if (SendOne(**next, summary) == Outcome::kCancelled) break;
  }
  return summary;
}

Result<SendSummary> OutboxWorker::Drain(std::chrono::milliseconds budget, const Sleep& sleep) {
  SendSummary total;
  auto deadline = clock_.Monotonic() + budget;
  while (!stopping_) {
    auto round = SendDue();
    if (!round) return Fail(round.error());
    total.acknowledged += round->acknowledged;
    total.duplicates += round->duplicates;
    total.retried += round->retried;
    total.parked += round->parked;
    if (!round->last_error.empty()) total.last_error = round->last_error;
    auto earliest = queue_.EarliestDue();
    if (!earliest) return Fail(earliest.error());
    if (!earliest->has_value() || paused_) break;
    auto now_mono = clock_.Monotonic();
    if (now_mono >= deadline) break;
    auto wait = std::chrono::duration_cast<std::chrono::milliseconds>(**earliest - clock_.Now());
    auto left = std::chrono::duration_cast<std::chrono::milliseconds>(deadline - now_mono);
    if (wait > left) break;  // the next attempt falls outside the budget
    if (wait.count() > 0) sleep(wait);
  }
  return total;
}

Result<size_t> OutboxWorker::PullStatus() {
  auto cursor = queue_.StatusCursor();
  if (!cursor) return Fail(cursor.error());
  std::string since = *cursor;
  size_t count = 0;
  while (!stopping_) {
    auto page = transport_.PullStatus(since);
    if (!page) return Fail(page.error());
    for (const auto& change : page->changes) {
      auto saved = queue_.SaveCentralStatus(change);
      if (!saved) return Fail(saved.error());
      count++;
    }
    // The cursor is saved after the statuses: a crash in between re-reads a page, harmlessly.
    auto saved = queue_.SaveStatusCursor(page->next_cursor);
    if (!saved) return Fail(saved.error());
    if (page->changes.empty() || page->next_cursor == since) break;
    since = page->next_cursor;
  }
  return count;
}

void OutboxWorker::Start() {
  if (thread_.joinable()) return;
  stopping_ = false;
  thread_ = std::thread([this] { Loop(); });
}

void OutboxWorker::Stop() {
  stopping_ = true;
  Wake();
  if (thread_.joinable()) thread_.join();
}

void OutboxWorker::Pause() { paused_ = true; }

void OutboxWorker::Resume() {
  paused_ = false;
  Wake();
}

void OutboxWorker::Wake() {
  {
    std::lock_guard lock(mutex_);
    woken_ = true;
  }
  wake_.notify_all();
}

void OutboxWorker::Loop() {
  while (!stopping_) {
    if (!paused_) {
      auto sent = SendDue();
      if (!sent) spdlog::warn("sync: outbox unavailable: {}", sent.error().ToLogString());
    }
    auto wait = options_.idle_poll;
    if (!paused_) {
      auto earliest = queue_.EarliestDue();
      if (earliest && earliest->has_value()) {
        auto until = std::chrono::duration_cast<std::chrono::milliseconds>(**earliest - clock_.Now());
        wait = std::clamp(until, std::chrono::milliseconds(10), options_.idle_poll);
      }
    }
    std::unique_lock lock(mutex_);
    wake_.wait_for(lock, wait, [this] { return woken_ || stopping_.load(); });
    woken_ = false;
  }
}

}  // namespace kiosk::sync
